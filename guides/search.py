"""The reader search: what each language's readers can find, and the query over it.

A page's searchable text in language L is what an L reader sees: each field in L, or in German where L has
no text (the same fallback the pages use). It is stored per language in PageSearchText when a page is
published and removed when it is unpublished.
"""

import html
import os
import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from modeltranslation.utils import build_localized_fieldname
from wagtail.search.backends import get_search_backend
from wagtail.signals import page_published, page_unpublished

from .i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES, shown_language
from .models import ArticlePage, DeadlinePage, GuidePage, PageSearchText

# The page types readers search, and the fields whose text they find (excerpts come from the first ones).
SEARCHED_FIELDS = {
    ArticlePage: ("lead", "body"),
    GuidePage: ("goal", "intro", "steps"),
    DeadlinePage: ("summary", "about", "before_text", "after_text"),
}
EXCERPT_WORDS = 30
EXCERPT_CHARS = 300
SNIPPET_WORDS = 40
WORD = re.compile(r"\w+")
MAX_TERMS = 12
# Keys inside StreamField data that hold codes, not reader text.
NON_TEXT_KEYS = {"id", "type", "surface", "note_kind", "kind", "url", "image", "screenshot", "guide"}
# Where one piece of rich text ends and the next begins: paragraphs, list items, headings, line breaks.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div)>|<br\s*/?>", re.IGNORECASE)
# A sentence ends with . ! ? or … followed by a space (a closing quote or bracket may come between).
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’)]*\s+")


def html_lines(markup):
    """The text of a piece of HTML, one line per paragraph, list item or heading, so that texts from separate
    blocks never run together into one sentence."""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", markup)))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def stream_text(data):
    """The reader-visible lines in raw StreamField data, in document order."""
    if isinstance(data, str):
        return html_lines(data)
    if isinstance(data, dict):
        return [text for key, value in data.items() if key not in NON_TEXT_KEYS for text in stream_text(value)]
    if isinstance(data, list | tuple):
        return [text for item in data for text in stream_text(item)]
    return []


def field_lines(page, field, language):
    """The lines of one field as a reader of ``language`` sees it, falling back to German."""
    return stored_lines(page, field, shown_language(page, field, language))


def stored_lines(page, field, language):
    """The lines of the text ``field`` holds in ``language``."""
    value = page.__dict__.get(build_localized_fieldname(field, language))
    if value is None:
        return []
    if hasattr(value, "raw_data"):
        return stream_text(list(value.raw_data))
    return html_lines(str(value))


def field_text(page, field, language):
    return " ".join(field_lines(page, field, language))


def sentences(line):
    return [part for part in SENTENCE_END.split(line) if part]


def leading_sentences(lines, max_words):
    """Whole sentences from the start of ``lines``, as many as fit in ``max_words`` (at least one). A line that
    ends without a full stop (a heading, a goal) is set off from the next one with a dash."""
    text, words = "", 0
    for line in lines:
        for position, sentence in enumerate(sentences(line)):
            count = len(sentence.split())
            if text and words + count > max_words:
                return text
            if text:
                text += " – " if position == 0 and text[-1] not in ".!?…" else " "
            text, words = text + sentence, words + count
    return text


def update_search_texts(page):
    """Store the page's texts for each language, replacing what was there.

    The body keeps one line per paragraph, list item, heading or step field, so a result's snippet can be cut
    from whole sentences; the stored excerpt (for results that matched the title only) is the opening sentences.
    """
    page = page.specific
    fields = SEARCHED_FIELDS.get(type(page))
    if fields is None:
        return
    for language in LANGUAGE_CODES:
        lines, german_lines = [], []
        for field in fields:
            shown = shown_language(page, field, language)
            shown_lines = stored_lines(page, field, shown)
            if shown != language:  # German, for want of a text of this language
                german_lines.extend(range(len(lines), len(lines) + len(shown_lines)))
            lines.extend(shown_lines)
        PageSearchText.objects.update_or_create(
            page=page,
            language=language,
            defaults={
                "title": field_text(page, "title", language)[:255],
                "body": "\n".join(lines),
                "excerpt": leading_sentences(opening_lines(lines, german_lines), EXCERPT_WORDS)[:EXCERPT_CHARS],
                "german_lines": german_lines,
            },
        )


def opening_lines(lines, german_lines):
    """The first lines that are all German or all in the reader's language: an excerpt is in one language."""
    first_is_german = 0 in german_lines
    count = 0
    while count < len(lines) and (count in german_lines) == first_is_german:
        count += 1
    return lines[:count]


def folded(text):
    """Lower case without accents, so "Datenschutzerklärung" and "datenschutzerklarung" compare equal."""
    return "".join(char for char in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(char))


def word_matches(word, terms):
    """Whether a word of the text answers one of the query's terms, roughly as the full-text engine's stemming
    does: the same word, or two words sharing a stem ("objecting" and "objection", "train" and "training")."""
    word = folded(word)
    for term in terms:
        if word == term:
            return True
        common = len(os.path.commonprefix([word, term]))
        if common >= 4 and common >= min(len(word), len(term)) - 3:
            return True
    return False


def highlighted(text, terms):
    """``text`` as HTML, each word that answers the query inside <mark>."""
    parts, last = [], 0
    for match in WORD.finditer(text):
        if word_matches(match.group(), terms):
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text was escaped above)


@dataclass(frozen=True)
class Snippet:
    html: str
    language: str  # DEFAULT_LANGUAGE when the text is German shown for want of a translation, else ""


def snippet(search_text, query):
    """What a result shows under its title: the first sentence that answers the query, with the matching words
    marked (whole sentences around it while they fit), or the page's opening sentences when only the title
    matched; with the language to mark when that text is German in another language's results."""
    terms = [folded(term) for term in search_terms(query).split()]
    german_lines = set(search_text.german_lines or ())
    for number, line in enumerate(search_text.body.splitlines()):
        line_sentences = sentences(line)
        for index, sentence in enumerate(line_sentences):
            if any(word_matches(word, terms) for word in WORD.findall(sentence)):
                chosen = [sentence]
                following = line_sentences[index + 1 :]
                while following and len(" ".join([*chosen, following[0]]).split()) <= SNIPPET_WORDS:
                    chosen.append(following.pop(0))
                return Snippet(highlighted(" ".join(chosen), terms), marked_language(number in german_lines))
    return Snippet(escape(search_text.excerpt), marked_language(0 in german_lines))


def marked_language(german):
    return DEFAULT_LANGUAGE if german else ""


def remove_search_texts(page):
    # Deleting one by one lets Wagtail's signal handlers drop each row from the search index.
    for text in PageSearchText.objects.filter(page_id=page.pk):
        text.delete()


def search_terms(query):
    """The words of a reader's query, lower-cased, without punctuation or operators.

    The full-text engines give quotes, brackets, ``*``, ``-`` and upper-case AND/OR/NOT/NEAR a meaning (SQLite's
    FTS5 rejects an unclosed quote outright); readers type words, so words are all that is passed on.
    """
    return " ".join(WORD.findall(query.lower())[:MAX_TERMS])


def search_pages(query, language):
    """PageSearchText rows in ``language`` matching ``query``, best first, with their pages."""
    query = search_terms(query)
    if not query:
        return PageSearchText.objects.none()
    texts = PageSearchText.objects.filter(language=language).select_related("page", "page__content_type")
    return get_search_backend().search(query, texts)


# Run inside the publish's transaction: the rows are local database work and commit (or roll back) with it.
def _on_published(sender, instance, **kwargs):
    update_search_texts(instance)


def _on_unpublished(sender, instance, **kwargs):
    remove_search_texts(instance)


def connect_signals():
    for model in SEARCHED_FIELDS:
        page_published.connect(_on_published, sender=model, dispatch_uid=f"search-texts-published-{model.__name__}")
        page_unpublished.connect(
            _on_unpublished, sender=model, dispatch_uid=f"search-texts-unpublished-{model.__name__}"
        )


def rebuild_search_texts():
    """Rebuild every row from the live pages (after an import, or on a database made before the search)."""
    live_ids = set()
    for model in SEARCHED_FIELDS:
        for page in model.objects.live():
            update_search_texts(page)
            live_ids.add(page.pk)
    for text in PageSearchText.objects.exclude(page_id__in=live_ids):
        text.delete()
    return len(live_ids)
