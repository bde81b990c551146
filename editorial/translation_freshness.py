"""Which languages of a page lag behind its German text, recorded field by field at each publication.

At every publication we fingerprint each translated field in German and in every other language and compare with
the fingerprints stored at the previous publication: a changed German fingerprint moves ``source_changed_at``, a
changed translation fingerprint moves ``translated_at``. A language whose text is older than the German change is
out of date until a translator publishes new text for it.
"""

import hashlib
import json
import re

from django.conf import settings
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from guides.i18n import has_content

from .models import PageFreshness, TranslationStatus

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != DEFAULT_LANGUAGE]


def tracked_fields(page):
    """The reader-visible translated fields of a page class (the title and the class's ``translated_fields``)."""
    return ("title", *getattr(page, "translated_fields", ()))


BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def _canonical(data):
    """The text content only: block ids and the editor's paragraph keys say nothing about the text.

    (Both change when a page is saved through the admin for the first time or a translator copies blocks.)
    """
    if isinstance(data, dict):
        return {key: _canonical(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list | tuple):
        # A ListBlock stores items either plainly or as {"type": "item", "value": …}, depending on who saved it.
        return [
            _canonical(item["value"] if isinstance(item, dict) and item.get("type") == "item" else item)
            for item in data
        ]
    if isinstance(data, str):
        return BLOCK_KEY.sub("", data)
    return data


def fingerprint(value):
    if value is None:
        data = ""
    elif hasattr(value, "stream_block"):  # StreamValue: the blocks' own serialisation, the same for any source
        data = value.stream_block.get_prep_value(value)
    else:
        data = str(value)
    data = _canonical(data)
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def field_value(page, field, language):
    return getattr(page, build_localized_fieldname(field, language), None)


@transaction.atomic
def record_publication(page, published_at):
    """Update the translation records of ``page`` (the specific page as just published)."""
    fields = tracked_fields(page)
    existing = {
        (status.language, status.field): status
        for status in TranslationStatus.objects.select_for_update().filter(page_id=page.pk)
    }
    for field in fields:
        source_hash = fingerprint(field_value(page, field, DEFAULT_LANGUAGE))
        for language in OTHER_LANGUAGES:
            value = field_value(page, field, language)
            translation_hash = fingerprint(value)
            present = has_content(value)
            status = existing.get((language, field))
            if status is None:
                # First publication we see: nothing to compare with, so both texts count as current.
                TranslationStatus.objects.create(
                    page_id=page.pk,
                    language=language,
                    field=field,
                    source_changed_at=published_at,
                    source_hash=source_hash,
                    translated_at=published_at,
                    translation_hash=translation_hash,
                    translation_present=present,
                )
                continue
            changed = False
            if status.source_hash != source_hash:
                status.source_hash, status.source_changed_at, changed = source_hash, published_at, True
            if status.translation_hash != translation_hash:
                status.translation_hash, status.translated_at, changed = translation_hash, published_at, True
            if status.translation_present != present:
                status.translation_present, changed = present, True
            if changed:
                status.save()
    return refresh_outdated_languages(page.pk)


def refresh_outdated_languages(page_id):
    """Write the summary readers see: {language: since when it is out of date}. Returns it."""
    outdated = {}
    for status in TranslationStatus.objects.outdated().filter(page_id=page_id).order_by("source_changed_at"):
        outdated.setdefault(status.language, status.source_changed_at.isoformat())
    freshness, _created = PageFreshness.objects.get_or_create(page_id=page_id)
    if freshness.outdated_languages != outdated:
        freshness.outdated_languages = outdated
        freshness.save(update_fields=["outdated_languages"])
    return outdated
