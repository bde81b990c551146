"""The page cache for anonymous readers: entries in Django's cache, Varnish in front, and when both forget.

Every anonymous reader of a language gets the same HTML, so a page is rendered once per language and then served
from the cache until something it shows changes. config.middleware.AnonymousPageCacheMiddleware stores the
answers; config.wsgi serves the hits, before Django handles the request at all. Both decide from the WSGI environ
alone (may_use_cache, entry_key), so they always agree on what is cached and under which key.

Entries are forgotten when:

- a publish, unpublish, move or delete of any page forgets every cached page, in Django's cache and in Varnish.
  Menus, index lists, search results and cross links on other pages show titles of the page that changed, and
  with a few hundred pages and a few publishes a day, refilling the cache costs less than tracking who shows what;
- a new rating summary (ratings.signals.rating_summary_changed) or a change of a page's editorial notices outside
  a publication (editorial.signals.page_freshness_changed) forgets only that page, in every language.

Entries are never deleted one by one. Each entry records the generation tokens that were current when it was
stored (one for the site, one for its page), and a token change makes the entry invisible; the cache's own expiry
then removes it. This works the same on Redis and on local memory, with any number of web processes.
"""

import hashlib
import logging
import uuid
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import parse_cookie
from django.utils.connection import ConnectionProxy
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from .redis_cache import wait_for_change_notices

logger = logging.getLogger(__name__)

# The "pages" alias (config/redis_cache.py); a proxy, like django.core.cache.cache, so that settings overrides apply.
cache = ConnectionProxy(caches, "pages")

SITE_GENERATION_KEY = "pages:generation:site"
# Varnish (config/varnish/default.vcl) answers a PURGE of the site root by banning every cached page.
PURGE_EVERYTHING_PATH = "/"


# The number changes whenever what an entry holds changes, so that a new release never reads an old one.
ENTRY_KEY_PREFIX = "pages:entry:2:"


def page_generation_key(page_id):
    return f"pages:generation:page:{page_id}"


def entry_key(environ):
    """One entry per scheme, host and full path, read from the WSGI environ (a request's META is one).

    The language is the first segment of the path. The scheme counts because the answer differs by it (HSTS is
    sent over HTTPS only); both the server's scheme and the proxy's header are part of the address, so the key
    needs no judgement about which one to trust: Django made that judgement when it answered and stored.
    """
    address = "|".join((
        environ.get("wsgi.url_scheme", ""), environ.get(settings.SECURE_PROXY_SSL_HEADER[0], ""),
        environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""), environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""),
    ))
    return ENTRY_KEY_PREFIX + hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()


LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def is_secure(environ):
    """HTTPS or not, decided as Django's HttpRequest.is_secure does (the proxy's header first, if configured)."""
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            return value.split(",", 1)[0].strip() == secure_value
    return environ.get("wsgi.url_scheme") == "https"


def may_use_cache(environ):
    """Whether a request may be answered from the cache and fill it: an anonymous reader's GET of a page.

    A reader with a session (signed in) or with pending messages (just voted or subscribed) is never served
    from the cache and never fills it: their pages differ from everyone else's. Query parameters other than
    the known ones (tracking tags, cache busters) would fill the cache without end, so they bypass it.
    """
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if settings.SECURE_SSL_REDIRECT and not is_secure(environ):
        return False  # SecurityMiddleware answers with a redirect to https, never the cache
    if not environ.get("PATH_INFO", "").startswith(LANGUAGE_PREFIXES):
        return False
    cookie_header = environ.get("HTTP_COOKIE")
    if cookie_header:
        cookies = parse_cookie(cookie_header)
        if any(name in cookies for name in settings.PAGE_CACHE_BYPASS_COOKIES):
            return False
    query = environ.get("QUERY_STRING")
    if query:
        names = {name for name, _value in parse_qsl(query, keep_blank_values=True)}
        return names <= settings.PAGE_CACHE_QUERY_PARAMETERS
    return True


def new_token():
    return uuid.uuid4().hex


def current_generations(page_id):
    """(site token, page token or None); a token that is missing (first use, eviction) is created now."""
    keys = [SITE_GENERATION_KEY] + ([page_generation_key(page_id)] if page_id else [])
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, new_token(), timeout=None)
    if missing:
        found = cache.get_many(keys)
    page_token = found.get(keys[1]) if page_id else None
    return found.get(SITE_GENERATION_KEY), page_token


# Which page each entry key showed when this process last saw it, so that a hit can fetch the entry and both
# generation tokens in one round trip. Only a hint: the tokens themselves always come fresh from the cache, and
# a wrong or missing hint costs a second round trip. Bounded, since search queries make new keys without end.
_page_id_hints = {}
MAX_HINTS = 10_000


def read_entry(environ):
    """The stored entry for this request if it is still current, else None."""
    key = entry_key(environ)
    hinted_page_id = _page_id_hints.get(key)
    keys = [key, SITE_GENERATION_KEY] + ([page_generation_key(hinted_page_id)] if hinted_page_id else [])
    found = cache.get_many(keys)
    entry = found.get(key)
    if not entry:
        return None
    page_id = entry["page_id"]
    if page_id != hinted_page_id:
        remember_page_id(key, page_id)
        if page_id:
            found.update(cache.get_many([page_generation_key(page_id)]))
    if entry["site_token"] is None or found.get(SITE_GENERATION_KEY) != entry["site_token"]:
        return None
    if page_id and found.get(page_generation_key(page_id)) != entry["page_token"]:
        return None
    return entry


def remember_page_id(key, page_id):
    if len(_page_id_hints) >= MAX_HINTS:
        _page_id_hints.clear()
    _page_id_hints[key] = page_id


def write_entry(environ, response, page_id, timeout):
    """Stores the answer as it leaves Django, all headers included, so that a hit can be sent as it is."""
    site_token, page_token = current_generations(page_id)
    if site_token is None:
        # The cache is not answering (Redis down): storing would only be lost, and could never be invalidated.
        return
    key = entry_key(environ)
    remember_page_id(key, page_id)
    cache.set(key, {
        "site_token": site_token,
        "page_id": page_id,
        "page_token": page_token,
        "status": response.status_code,
        "reason": response.reason_phrase,
        "headers": [(name, value) for name, value in response.headers.items() if name.lower() != "set-cookie"],
        "content": response.content,
    }, timeout=timeout)


HIT_HEADER = ("X-Page-Cache", "hit")


# --- Forgetting ---------------------------------------------------------------------------------------------

def forget_all_pages():
    """Drop every cached page here and in Varnish."""
    cache.set(SITE_GENERATION_KEY, new_token(), timeout=None)
    wait_for_change_notices(cache)
    if front_cache_configured():
        purge_urls_from_cache([settings.SITE_URL + PURGE_EVERYTHING_PATH])


def forget_page(page_id):
    """Drop one page, in every language, here and in Varnish."""
    cache.set(page_generation_key(page_id), new_token(), timeout=None)
    wait_for_change_notices(cache)
    if front_cache_configured():
        from wagtail.models import Page

        from guides.i18n import page_urls_by_language

        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            return
        urls = [url for url in page_urls_by_language(page.specific, full=True).values() if url]
        purge_urls_from_cache(urls)


def front_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# --- Signal receivers (connected in config.apps.SiteConfig.ready) -----------------------------------------------

def forget_all_pages_after_commit(**kwargs):
    # After the commit: a reader who comes in between must not put the old text back into the cache.
    transaction.on_commit(forget_all_pages)


def forget_one_page_after_commit(page_id, **kwargs):
    transaction.on_commit(lambda: forget_page(page_id))


def connect_receivers():
    from django.db.models.signals import post_delete
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from editorial.signals import page_freshness_changed
    from ratings.signals import rating_summary_changed

    dispatch = "config.cache"
    page_published.connect(forget_all_pages_after_commit, dispatch_uid=f"{dispatch}.published")
    page_unpublished.connect(forget_all_pages_after_commit, dispatch_uid=f"{dispatch}.unpublished")
    post_page_move.connect(forget_all_pages_after_commit, dispatch_uid=f"{dispatch}.moved")
    # Deleting a page sends post_delete for its concrete class and for Page; listening to Page alone is enough
    # because every page type inherits from it (Django sends the signal for each parent model too).
    post_delete.connect(forget_all_pages_after_commit, sender=Page, dispatch_uid=f"{dispatch}.deleted")
    rating_summary_changed.connect(forget_one_page_after_commit, dispatch_uid=f"{dispatch}.rated")
    page_freshness_changed.connect(forget_one_page_after_commit, dispatch_uid=f"{dispatch}.freshness")
