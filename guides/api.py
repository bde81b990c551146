"""The public read API for partner sites, newsletters and apps: Wagtail's API module (wagtail.api.v2).

What it adds to Wagtail's pages endpoint:

- ``?lang=`` picks one of the site's languages (German when absent). Every text field is then in that language,
  and ``meta.translation.fallback_fields`` names the fields shown in German because their translation is missing.
- Guides carry their steps per surface, deadlines their state, guides and articles their rating summary.

It is read-only and anonymous: no authentication class runs (a signed-in editor sees exactly what everyone sees,
and no login can be guessed through it), only live public pages are listed, and nothing about readers or staff is
exposed. Answers may be kept by Varnish or a CDN like the pages; each address is rate-limited.
"""

from django.conf import settings
from django.utils import translation
from rest_framework.exceptions import Throttled
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from config.rate_limits import over_limit

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def requested_language(request):
    """The language asked for with ``?lang=``; an unknown one is a client error, not a silent German answer."""
    language = request.GET.get("lang") or DEFAULT_LANGUAGE
    if language not in LANGUAGE_CODES:
        raise BadRequestError(f"lang must be one of {', '.join(LANGUAGE_CODES)}")
    return language


class PublicReadAPIMixin:
    """Anonymous, JSON only, one language per request, rate-limited per client address, cacheable."""

    authentication_classes = []
    permission_classes = []
    renderer_classes = [JSONRenderer]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["lang"])

    def dispatch(self, request, *args, **kwargs):
        # The language must be active while the answer is serialised, which happens inside dispatch.
        language = request.GET.get("lang")
        with translation.override(language if language in LANGUAGE_CODES else DEFAULT_LANGUAGE):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        requested_language(request)
        if over_limit(request, "api", "ip", settings.API_RATE_LIMIT):
            raise Throttled(wait=60)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            # Shared caches keep an answer as briefly as an uncached page entry: a publish does not purge the API.
            response["Cache-Control"] = f"public, max-age=0, s-maxage={settings.API_CACHE_SECONDS}"
        else:
            response["Cache-Control"] = "private, no-store"
        return response


class ReaderPagesAPIViewSet(PublicReadAPIMixin, PagesAPIViewSet):
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["lang"])
