"""A bounded check of the external links in a guide's steps.

Bounded in every direction: at most ``GUIDE_LINK_CHECK_MAX_LINKS`` links per guide, a timeout per request, a
limit on redirects, HEAD first and GET (streamed, body not read) only when the server does not support HEAD.
Only http and https addresses are checked, and none inside our own network (``GUIDE_LINK_CHECK_ALLOW_PRIVATE``
is for tests against a local server).
"""

import ipaddress
import re
import socket
from html import unescape
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LinkCheckResult

HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Some servers answer HEAD with these although GET works.
RETRY_WITH_GET = {403, 405, 501}


def _walk(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, str) and "href" in data:
        yield from (unescape(match) for match in HREF.findall(data))


def links_in(data):
    """The http(s) addresses linked from stored block data (a surface's steps, say), in order, repeats kept."""
    return [url for url in _walk(data) if urlsplit(url).scheme in ("http", "https")]


def external_links(guide):
    """The distinct http(s) links in the steps of every language, in the order they appear, at most the limit."""
    links = []
    for code, _name in settings.LANGUAGES:
        steps = getattr(guide, f"steps_{code}", None)
        if not steps:
            continue
        for url in _walk(list(steps.raw_data)):
            if urlsplit(url).scheme in ("http", "https") and url not in links:
                links.append(url)
    return links[: settings.GUIDE_LINK_CHECK_MAX_LINKS]


def is_private_address(url):
    """True when the host resolves to a loopback, private or link-local address (or does not resolve)."""
    host = urlsplit(url).hostname
    if not host:
        return True
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # the request itself will fail and say so
    return any(not ipaddress.ip_address(info[4][0]).is_global for info in infos)


def request_once(session, method, url):
    response = session.request(
        method, url, timeout=settings.GUIDE_LINK_CHECK_TIMEOUT, allow_redirects=False, stream=True
    )
    response.close()  # the body is never read
    return response


def probe(session, url):
    """(ok, status code or None, error text) for one address, following at most the allowed redirects.

    Redirects are followed by hand so that each hop is checked like the first: only http(s), and no address
    inside our own network unless the setting allows it (editors' links must not reach internal services).
    """
    try:
        for _hop in range(settings.GUIDE_LINK_CHECK_MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                return False, None, "not an http(s) address"
            if not settings.GUIDE_LINK_CHECK_ALLOW_PRIVATE and is_private_address(url):
                return False, None, "private address not checked"
            response = request_once(session, "HEAD", url)
            if response.status_code in RETRY_WITH_GET:
                response = request_once(session, "GET", url)
            if response.is_redirect and response.headers.get("Location"):
                url = urljoin(url, response.headers["Location"])
                continue
            return response.status_code < 400, response.status_code, ""
    except requests.RequestException as exc:
        return False, None, type(exc).__name__
    return False, None, "too many redirects"


def check_links(guide):
    """Check the guide's links and keep the results; returns the number of failing links."""
    session = requests.Session()
    session.headers["User-Agent"] = "guide-platform link check"
    urls = external_links(guide)
    results = [(url, *probe(session, url)) for url in urls]
    session.close()
    now = timezone.now()
    with transaction.atomic():
        previous = {r.url: r for r in LinkCheckResult.objects.select_for_update().filter(page_id=guide.pk)}
        # Links no longer in the steps are forgotten, so a removed broken link clears the flag.
        LinkCheckResult.objects.filter(page_id=guide.pk).exclude(url__in=urls).delete()
        for url, ok, status, error in results:
            failing_since = None
            if not ok:
                earlier = previous.get(url)
                failing_since = earlier.failing_since if earlier and earlier.failing_since else now
            LinkCheckResult.objects.update_or_create(
                page_id=guide.pk,
                url=url,
                defaults={
                    "checked_at": now,
                    "ok": ok,
                    "status_code": status,
                    "error": error[:300],
                    "failing_since": failing_since,
                },
            )
    return sum(1 for _url, ok, _status, _error in results if not ok)
