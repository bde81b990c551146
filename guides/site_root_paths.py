"""Site root paths (what Wagtail builds every page URL from), read from the cache once per request for every language.

wagtail-modeltranslation keeps one list per language in Django's cache and remembers, on the request or page
object it was given, only the list of the language it last read. A page view builds its own address in all five
languages (language switcher, hreflang alternates) between links in the reader's language, many of them without
the request at hand (``page.url``), so the lists were read from Redis about fifteen times per page view. Here the
lists of every language are read in one round trip at the first URL a request builds and kept until it ends;
outside a request (tasks, commands) per object, as before. The cache keys, their contents and their invalidation
(on a change of a site or of a site's root page) stay modeltranslation's.
"""

import contextvars

from django.apps import apps
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.models.sites import SiteRootPath
from wagtail_modeltranslation import patch_wagtailadmin

from .i18n import LANGUAGE_CODES


class PerLanguage(dict):
    """{language: [SiteRootPath, …]}, and whether the cache has been asked for all languages."""

    cache_read = False


# The lists of the request being answered, None outside one.
_this_request = contextvars.ContextVar("site_root_paths_of_this_request", default=None)


def cache_key(language):
    return f"wagtail_site_root_paths_{language}"


def site_root_paths(page, request=None):
    """Replaces Page._get_site_root_paths: the list for the active language."""
    by_language = _this_request.get()
    if by_language is None:
        holder = request if request is not None else page
        by_language = holder.__dict__.setdefault("_site_root_paths_by_language", PerLanguage())
    if not by_language.cache_read:
        by_language.cache_read = True
        found = cache.get_many([cache_key(code) for code in LANGUAGE_CODES])
        for code in LANGUAGE_CODES:
            if cache_key(code) in found:
                by_language[code] = [SiteRootPath(*row) for row in found[cache_key(code)]]
    language = get_language()
    if language not in by_language:
        # Not cached yet: modeltranslation's own function reads the sites and fills its cache key.
        by_language[language] = patch_wagtailadmin._localized_site_get_site_root_paths()
    return by_language[language]


def request_began(**kwargs):
    _this_request.set(PerLanguage())


def request_ended(**kwargs):
    _this_request.set(None)


def install():
    """Put site_root_paths in place of modeltranslation's on every page model it patched."""
    for model in apps.get_models():
        if issubclass(model, Page) and model.__dict__.get("_get_site_root_paths") is (
            patch_wagtailadmin._new_get_site_root_paths
        ):
            model._get_site_root_paths = site_root_paths
    request_started.connect(request_began, dispatch_uid="guides.site_root_paths.began")
    request_finished.connect(request_ended, dispatch_uid="guides.site_root_paths.ended")
