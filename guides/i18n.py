"""Helpers for pages that exist in every language: their URLs per language and the gaps in their texts."""

from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def page_urls_by_language(page, request=None, full=False):
    """Return {language: URL} for one page, following each language's translated slugs."""
    urls = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            urls[code] = page.get_full_url(request) if full else page.get_url(request)
    return urls


def missing_fields(instance, field_names, language):
    """Names of the fields that have German text but none in ``language`` (and so show the German text)."""
    if language == DEFAULT_LANGUAGE:
        return []
    missing = []
    for name in field_names:
        default_value = instance.__dict__.get(build_localized_fieldname(name, DEFAULT_LANGUAGE))
        own_value = instance.__dict__.get(build_localized_fieldname(name, language))
        if has_content(default_value) and not has_content(own_value):
            missing.append(name)
    return missing


def shown_language(instance, field, language):
    """The language a reader of ``language`` sees ``field`` of ``instance`` in: theirs, or German where it has
    German text and none of theirs."""
    return DEFAULT_LANGUAGE if missing_fields(instance, (field,), language) else language


def has_content(value):
    """Whether a translated field holds text: a StreamField with blocks, or a non-blank string."""
    if value is None:
        return False
    if hasattr(value, "raw_data"):  # StreamValue
        return len(value.raw_data) > 0
    return bool(str(value).strip())
