"""Marks what shared caches (Varnish, or a CDN) may keep, and with which surrogate keys.

An anonymous reader's GET of a page or of search results, answered 200 without a cookie, is the same for everyone
who asks for the same address and parameters: it gets ``Cache-Control: public, max-age=0, s-maxage=…`` (browsers
ask again each time, shared caches keep it until a purge or PAGE_CACHE_SECONDS), its surrogate keys in ``xkey``
and, in ``Vary``, the query parameters it depends on. Everything else is ``private``: signed-in users, readers with
a session or pending messages (just voted or subscribed), POSTs, the admin, errors, answers that set a cookie. A view
that sets Cache-Control itself keeps it; if it is public (a deadline page shortly before its moment), the answer
still gets its keys.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.models import Site

from . import keys, query

CACHED_VIEWS = {"wagtail_serve", *query.VIEW_PARAMETERS}
KEYS_HEADER = "xkey"


def bypass_cookies():
    """Cookies that make a request personal; config/varnish/page_cache.vcl passes such requests too."""
    return (settings.SESSION_COOKIE_NAME, "messages", settings.CSRF_COOKIE_NAME)


class PageCacheMiddleware:
    """Outermost, so that it sees the cookies and headers every other middleware adds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return mark_private(self.get_response(request))
        with keys.recording() as shown:
            response = self.get_response(request)
        if not self.may_share(request, response):
            return mark_private(response)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS)
        own_page = getattr(request, "page_cache_page", None)
        answer_keys = shown.keys_for(own_page)
        site = Site.find_for_request(request)
        if site is not None:
            answer_keys.add(keys.children_key(site.root_page_id))
        if request.resolver_match.view_name == "search":
            answer_keys.add(keys.SEARCH)
        response[KEYS_HEADER] = " ".join(sorted(answer_keys))
        names = (
            query.page_type_parameters(own_page)
            if own_page is not None
            else query.VIEW_PARAMETERS.get(request.resolver_match.view_name, ())
        )
        if names:
            patch_vary_headers(response, query.vary_headers(names))
        return response

    @staticmethod
    def may_share(request, response):
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name not in CACHED_VIEWS:
            return False
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if cache_control and ("public" not in cache_control or "private" in cache_control):
            return False  # the view decided for itself (never_cache, private, …)
        if any(name in request.COOKIES for name in bypass_cookies()):
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # A cached view reads only its own parameters: anything else is ignored, as Varnish drops it.
        names = query.VIEW_PARAMETERS.get(request.resolver_match.view_name)
        if names is not None:
            query.keep_only(request, names)


def mark_private(response):
    # Only what this middleware marked public may be kept by Varnish or a CDN.
    if not response.has_header("Cache-Control") and not response.streaming:
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ("Cookie",))
    return response


def before_serve_page(page, request, serve_args, serve_kwargs):
    """Wagtail hook: the page being served, whose parameters alone it reads (page_cache.query)."""
    request.page_cache_page = page
    query.keep_only(request, query.page_type_parameters(page))
