"""Cross-site request protection for the anonymous forms that sit on cached pages.

Pages are cached for every anonymous reader alike, so they cannot carry a per-reader CSRF token. The vote,
step-report and subscribe forms therefore check where the request comes from instead: browsers send
``Sec-Fetch-Site`` and ``Origin`` with every POST, and a form posted from another site says so in them.
These forms carry no authority beyond one anonymous reader's own vote or address, so refusing cross-site
posts (plus rate limits and deduplication) protects them as well as a token would.
"""

from functools import wraps
from urllib.parse import urlparse

from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

ALLOWED_FETCH_SITES = {"same-origin", "none"}


DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def own_origin(request):
    """scheme://host of this request as a browser writes an Origin: the scheme as the proxy reported it, and no
    port when it is the scheme's default."""
    scheme, host = request.scheme, request.get_host().lower()
    return f"{scheme}://{host.removesuffix(DEFAULT_PORTS.get(scheme, ''))}"


def origin_of(url):
    parsed = urlparse(url)
    return f"{parsed.scheme}://{parsed.netloc}".lower()


def is_same_origin(request):
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is not None:
        # "null" comes from sandboxed frames, data: and file: documents and some cross-site redirects: never one of
        # our pages. The scheme counts too: a page served over plain http is not our https site.
        return origin.lower() == own_origin(request)
    referer = request.headers.get("Referer")
    if referer:
        return origin_of(referer) == own_origin(request)
    # Old clients send none of the three; they cannot be told apart from scripts, which rate limits cover.
    return True


def same_origin_post(view):
    """Accept POSTs only from this site's own pages; no CSRF token needed (see the module docstring)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            return HttpResponseForbidden(
                _("This form can only be sent from our own pages."), content_type="text/plain; charset=utf-8"
            )
        return view(request, *args, **kwargs)

    return wrapper
