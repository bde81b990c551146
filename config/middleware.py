"""Middleware for running in production: security headers, the anonymous page cache, a 503 page when the
database is unreachable, and one transaction per admin change. Their order in settings.MIDDLEWARE is explained there."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import cache as page_cache

logger = logging.getLogger(__name__)

# --- Security headers -----------------------------------------------------------------------------------------

def build_policy(directives):
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response.

    Django 5.2 has no CSP of its own; this is small enough not to need django-csp. Reader pages get a strict
    policy (no inline code at all). The Wagtail admin still writes inline style attributes and a few inline
    scripts, so /admin/ alone gets 'unsafe-inline'; it is used by signed-in staff only, behind login and CSRF.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.reader_policy = build_policy(settings.CSP_READER_DIRECTIVES)
        self.admin_policy = build_policy(settings.CSP_ADMIN_DIRECTIVES)

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith(settings.CSP_ADMIN_PATH_PREFIX)
        response.headers.setdefault("Content-Security-Policy", self.admin_policy if is_admin else self.reader_policy)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# --- The page cache -------------------------------------------------------------------------------------------

class AnonymousPageCacheMiddleware:
    """Stores anonymous readers' page views in the cache and answers from it; config/cache.py says when entries
    are forgotten.

    It is the outermost middleware: what it stores is the answer as it leaves Django, with the security headers
    of the middleware inside it, so a hit can be sent as it is. In production most hits never reach it:
    config.wsgi answers them before Django builds a request. It still answers the hits that arrive here (the
    test client and anything else that calls Django's handler directly), from the same entries.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not page_cache.may_use_cache(request.META):
            response = self.get_response(request)
            return self.mark_private(response)
        entry = page_cache.read_entry(request.META)
        if entry is not None:
            response = HttpResponse(entry["content"], status=entry["status"], reason=entry["reason"])
            for name, value in entry["headers"]:
                response.headers[name] = value
            response.headers[page_cache.HIT_HEADER[0]] = page_cache.HIT_HEADER[1]
            return response
        response = self.get_response(request)
        page_id = getattr(request, "page_cache_page_id", None)
        if request.method == "GET" and self.may_store(request, response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=self.timeout_for(page_id))
            page_cache.write_entry(request.META, response, page_id, timeout=self.timeout_for(page_id))
            response.headers["X-Page-Cache"] = "miss"
            return response
        return self.mark_private(response)

    @staticmethod
    def timeout_for(page_id):
        # Entries that no page signal can invalidate (search results) live briefly.
        return settings.PAGE_CACHE_SECONDS if page_id else settings.PAGE_CACHE_UNTRACKED_SECONDS

    @staticmethod
    def may_store(request, response):
        match = getattr(request, "resolver_match", None)
        if match is None or match.view_name not in settings.PAGE_CACHE_VIEWS:
            return False
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Cache-Control"):
            return False  # the view decided for itself (never_cache, private, …)
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    @staticmethod
    def mark_private(response):
        # Only what this middleware stored may be kept by Varnish or a CDN; everything else is private by default.
        if not response.has_header("Cache-Control") and not response.streaming:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response


def remember_served_page(page, request, serve_args, serve_kwargs):
    """Wagtail's before_serve_page hook: tells the page cache which page a response shows."""
    request.page_cache_page_id = page.pk


# --- Database outage ------------------------------------------------------------------------------------------

def database_is_down():
    """True when the default connection is gone or cannot run a query (the view's atomic blocks have ended)."""
    if connection.connection is None:
        return True
    try:
        return not connection.is_usable()
    except Exception:  # noqa: BLE001 (whatever the driver raises here means the same: no database)
        return True


class DatabaseUnavailableMiddleware:
    """A 503 page in the reader's language when PostgreSQL refuses or drops the connection.

    The view's transaction (if any) has already been rolled back by the time the exception gets here, so
    nothing half-written stays behind. The page itself needs no database: it extends no template that queries.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError) or not database_is_down():
            # A bad query (SQLite's full-text syntax errors are OperationalErrors too) is a bug, not an outage.
            return None
        logger.error("Database unavailable while serving %s %s: %s", request.method, request.path,
                     exception.__class__.__name__)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response.headers["Retry-After"] = str(settings.DATABASE_OUTAGE_RETRY_AFTER)
        patch_cache_control(response, no_store=True)
        return response


# --- One transaction per admin change ---------------------------------------------------------------------------

class AtomicAdminChangesMiddleware:
    """Every change made in the admin (a POST under /admin/) commits or rolls back as a whole.

    Wagtail's publish action writes the page, its revision and its log without a transaction of its own, and the
    notices app records the update notice in a receiver of ``page_published``. Wrapping the request makes them one
    unit: the notice exists exactly when the publication does, and the fan-out enqueued with on_commit starts only
    once both are stored. An error answer (5xx) rolls everything back. Reader views stay outside: a vote is a
    single statement and a page view writes nothing. It is the innermost middleware, so the 5xx answer that
    Django makes of a view's exception is seen here.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        if request.method != "POST" or not request.path.startswith(self.admin_prefix):
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response
