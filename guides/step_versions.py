"""A short version token for every step of a guide, so a reader's "done" ticks can tell when a step changed.

Readers tick steps in their own browser (site.js keeps the ticks in localStorage with each step's token). A tick
whose token no longer matches is undone and the step is marked as changed, so the token must move only when a
step changed in a way that matters to someone who already followed it: a significant update (an UpdateNotice).

So each step's token is a hash of its German text (title, menu path, instruction, note) as it stood in the
revision published with the guide's latest update notice. Typo fixes published since then, and translations
added later, leave the tokens alone; being German-based, a token is the same in every language, and so are the
ticks. A step the notice's revision did not have (or a guide without any notice) takes its current German text,
and a step without a German counterpart its current text in the reader's language.

Steps are known by the German step's block id at the same place, which editing the German text keeps.
"""

import hashlib
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Revision

from notices.history import update_notices

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
    # A ListBlock stores items either plainly or as {"type": "item", "value": …}, depending on who saved it.
    labels = (item.get("value") if isinstance(item, dict) else item for item in items or [])
    return [_text(label) for label in labels if _text(label)]


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
    surfaces = {}
    for child in raw_stream or []:
        value = child.get("value") or {}
        steps = [
            (step.get("id"), step.get("value") or {}) for step in value.get("steps") or [] if step.get("type") == "step"
        ]
        surfaces.setdefault(value.get("surface"), steps)
    return surfaces


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


def remember_published_tokens(sender, instance, revision=None, **kwargs):
    """On the publication of a significant change, cache its revision's tokens from the revision at hand.

    Such a revision becomes the one an update notice names, so the guide's next rendering finds its tokens in
    the cache instead of reading the revision: the page keeps its number of queries.
    """
    if revision is not None and getattr(instance, "change_is_significant", False):
        cache.set(revision_cache_key(revision.pk), _tokens_of_content(revision.content), CACHE_SECONDS)


def significant_revision_id(page):
    """The revision published with the page's latest update notice, or None."""
    notices = update_notices(page)
    return notices[0].revision_id if notices else None


def step_versions(page):
    """{surface code: [StepVersion, …]} in the order of the steps the reader sees (``page.surfaces``)."""
    revision_id = significant_revision_id(page)
    baseline = _tokens_of_revision(revision_id) if revision_id else {}
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
