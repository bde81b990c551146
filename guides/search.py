"""The reader search: what each language's readers can find, and the query over it.

A page's searchable text in language L is what an L reader sees: each field in L, or in German where L has
no text (the same fallback the pages use). It is stored per language in PageSearchText when a page is
published and removed when it is unpublished.
"""

import re

from django.utils.html import strip_tags
from django.utils.text import Truncator
from modeltranslation.utils import build_localized_fieldname
from wagtail.search.backends import get_search_backend
from wagtail.signals import page_published, page_unpublished

from .i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES, has_content
from .models import ArticlePage, GuidePage, PageSearchText

# The page types readers search, and the fields whose text they find (excerpts come from the first ones).
SEARCHED_FIELDS = {
    ArticlePage: ("lead", "body"),
    GuidePage: ("goal", "intro", "steps"),
}
EXCERPT_WORDS = 30
WORD = re.compile(r"\w+")
MAX_TERMS = 12
# Keys inside StreamField data that hold codes, not reader text.
NON_TEXT_KEYS = {"id", "type", "surface", "note_kind", "kind", "url", "image", "screenshot", "guide"}


def stream_text(data):
    """The reader-visible strings in raw StreamField data, in document order."""
    if isinstance(data, str):
        return [strip_tags(data)]
    if isinstance(data, dict):
        return [text for key, value in data.items() if key not in NON_TEXT_KEYS for text in stream_text(value)]
    if isinstance(data, list | tuple):
        return [text for item in data for text in stream_text(item)]
    return []


def field_text(page, field, language):
    """The text of one field as a reader of ``language`` sees it, falling back to German."""
    value = page.__dict__.get(build_localized_fieldname(field, language))
    if not has_content(value):
        value = page.__dict__.get(build_localized_fieldname(field, DEFAULT_LANGUAGE))
    if value is None:
        return ""
    if hasattr(value, "raw_data"):
        return " ".join(stream_text(list(value.raw_data)))
    return strip_tags(str(value))


def update_search_texts(page):
    """Store the page's texts for each language, replacing what was there."""
    page = page.specific
    fields = SEARCHED_FIELDS.get(type(page))
    if fields is None:
        return
    for language in LANGUAGE_CODES:
        texts = [" ".join(field_text(page, field, language).split()) for field in fields]
        body = "\n".join(text for text in texts if text)
        PageSearchText.objects.update_or_create(
            page=page, language=language,
            defaults={
                "title": field_text(page, "title", language)[:255],
                "body": body,
                "excerpt": Truncator(" ".join(body.split())).words(EXCERPT_WORDS)[:300],
            },
        )


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
        page_unpublished.connect(_on_unpublished, sender=model,
                                 dispatch_uid=f"search-texts-unpublished-{model.__name__}")


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
