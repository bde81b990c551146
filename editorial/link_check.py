"""A bounded check of the external links in a guide's steps.

Bounded in every direction: at most ``GUIDE_LINK_CHECK_MAX_LINKS`` links per guide, a timeout per request, a
limit on redirects, HEAD first and GET (streamed, body not read) only when the server does not support HEAD.
Only http and https addresses are checked.
"""

import re
from html import unescape
from urllib.parse import urlsplit

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


def probe(session, url):
    """(ok, status code or None, error text) for one address."""
    timeout = settings.GUIDE_LINK_CHECK_TIMEOUT
    try:
        response = session.head(url, timeout=timeout, allow_redirects=True)
        if response.status_code in RETRY_WITH_GET:
            response = session.get(url, timeout=timeout, allow_redirects=True, stream=True)
            response.close()
    except requests.TooManyRedirects:
        return False, None, "too many redirects"
    except requests.RequestException as exc:
        return False, None, type(exc).__name__
    return response.status_code < 400, response.status_code, ""


def check_links(guide):
    """Check the guide's links and keep the results; returns the number of failing links."""
    session = requests.Session()
    session.max_redirects = settings.GUIDE_LINK_CHECK_MAX_REDIRECTS
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
                page_id=guide.pk, url=url,
                defaults={"checked_at": now, "ok": ok, "status_code": status, "error": error[:300],
                          "failing_since": failing_since},
            )
    return sum(1 for _url, ok, _status, _error in results if not ok)
