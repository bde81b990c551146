"""A short version token for every step of a guide, so a reader's "done" ticks can tell when a step changed.

Readers tick steps in their own browser (site.js keeps the ticks in localStorage with each step's token). A tick
whose token no longer matches is undone and the step is marked as changed, so the token must move only when a
step changed in a way that matters to someone who already followed it: a significant update (an UpdateNotice).

So each step's token is a hash of its German text (title, menu path, instruction, note) as it stood in the
revision published with the guide's latest update notice, or, before the guide had any, in the revision of its
first publication. Typo fixes published since then, and translations added later, leave the tokens alone; being
German-based, a token is the same in every language, and so are the ticks. A step that revision did not have
(or whose revision is gone) takes its current German text, and a step without a German counterpart its current
text in the reader's language.

Steps are known by the German step's block id at the same place, which editing the German text keeps.
"""

import hashlib
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import PageLogEntry, Revision

from notices.history import update_notices

from .blocks import stored_menu_labels, stored_steps_by_surface

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
GERMAN_STEPS_FIELD = build_localized_fieldname("steps", DEFAULT_LANGUAGE)
TOKEN_LENGTH = 12
# Part of the cache key: a change to what the token covers must not reuse tokens computed the old way.
HASH_SCHEME = "1"
# A revision's content never changes, so its tokens may stay cached for as long as the cache keeps them.
CACHE_SECONDS = 60 * 60 * 24 * 30

BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class StepVersion:
    key: str  # stays the same for the same step, whatever its text
    token: str  # changes with the step's text


def _text(value):
    return SPACES.sub(" ", BLOCK_KEY.sub("", str(value or ""))).strip()


def _menu_labels(items):
    return [_text(label) for label in stored_menu_labels(items) if _text(label)]


def step_token(raw_step):
    """The token of one step's stored value (the dict a StepBlock saves)."""
    data = [
        _text(raw_step.get("title")),
        _menu_labels(raw_step.get("ui_path")),
        _text(raw_step.get("instruction")),
        _text(raw_step.get("note")),
    ]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:TOKEN_LENGTH]


def _surfaces(raw_stream):
    """{surface code: [(block id, raw step value), …]} from a GuideStepsBlock's stored data."""
    if isinstance(raw_stream, str):
        raw_stream = json.loads(raw_stream or "[]")
    return stored_steps_by_surface(raw_stream)


def _current_german_surfaces(page):
    steps = getattr(page, GERMAN_STEPS_FIELD, None)
    # raw_data reads what the database returned, without turning screenshots into images (which would query).
    return _surfaces(list(steps.raw_data) if steps is not None else [])


def revision_cache_key(revision_id):
    return f"guides:step-versions:{HASH_SCHEME}:{revision_id}"


def _tokens_of_content(content):
    """{step block id: token} for the German steps of a revision's content."""
    return {
        block_id: step_token(raw)
        for steps in _surfaces((content or {}).get(GERMAN_STEPS_FIELD)).values()
        for block_id, raw in steps
        if block_id
    }


def _tokens_of_revision(revision_id):
    """The tokens of one revision: from the cache, which publishing fills, or else read with one query."""
    tokens = cache.get(revision_cache_key(revision_id))
    if tokens is None:
        content = Revision.objects.filter(pk=revision_id).values_list("content", flat=True).first()
        tokens = _tokens_of_content(content)
        cache.set(revision_cache_key(revision_id), tokens, CACHE_SECONDS)
    return tokens


def first_publication_cache_key(page_id):
    return f"guides:step-versions:{HASH_SCHEME}:first:{page_id}"


def _tokens_of_first_publication(page_id):
    """The tokens of the revision a page was first published with: from the cache, or else with one query."""
    tokens = cache.get(first_publication_cache_key(page_id))
    if tokens is None:
        content = (
            PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish", revision__isnull=False)
            .order_by("timestamp", "pk")
            .values_list("revision__content", flat=True)
            .first()
        )
        tokens = _tokens_of_content(content)
        cache.set(first_publication_cache_key(page_id), tokens, CACHE_SECONDS)
    return tokens


def remember_published_tokens(sender, instance, revision=None, **kwargs):
    """Cache the tokens of a revision that is about to become a baseline, from the revision at hand.

    That is a significant change (its revision is the one the update notice names) or the first publication. The
    guide's next rendering then finds the tokens in the cache instead of reading the revision, so the page keeps
    its number of queries.
    """
    if revision is None:
        return
    if getattr(instance, "change_is_significant", False):
        cache.set(revision_cache_key(revision.pk), _tokens_of_content(revision.content), CACHE_SECONDS)
    # Publishing sets both dates from one clock reading on the first publication only (as notices/recording.py).
    if instance.first_published_at is not None and instance.first_published_at == instance.last_published_at:
        cache.set(first_publication_cache_key(instance.pk), _tokens_of_content(revision.content), CACHE_SECONDS)


def baseline_tokens(page):
    """{German step block id: token} of the revision the tokens stand on (see the module's docstring)."""
    notices = update_notices(page)
    if notices:
        return _tokens_of_revision(notices[0].revision_id) if notices[0].revision_id else {}
    return _tokens_of_first_publication(page.pk) if page.pk else {}


def step_versions(page):
    """{surface code: [StepVersion, …]} in the order of the steps the reader sees (``page.surfaces``)."""
    baseline = baseline_tokens(page)
    german = _current_german_surfaces(page)
    versions = {}
    for code, _label, steps in page.surfaces:
        german_steps = german.get(code) or []
        surface_versions = []
        for position, step in enumerate(steps):
            if position < len(german_steps) and german_steps[position][0]:
                block_id, raw = german_steps[position]
                surface_versions.append(StepVersion(key=block_id, token=baseline.get(block_id) or step_token(raw)))
            else:
                raw = step.block.get_prep_value(step.value)
                surface_versions.append(StepVersion(key=f"{code}-{position + 1}", token=step_token(raw)))
        versions[code] = surface_versions
    return versions
