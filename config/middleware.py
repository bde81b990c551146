"""Middleware for running in production: security headers, a 503 page when the database is unreachable, and one
transaction per admin change. Their order in settings.MIDDLEWARE is explained there; the page cache's headers are
page_cache.middleware's."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

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


# --- Database outage ------------------------------------------------------------------------------------------


def database_is_down():
    """True when the default connection is gone or cannot run a query (the view's atomic blocks have ended)."""
    if connection.connection is None:
        return True
    try:
        return not connection.is_usable()
    except Exception:  # whatever the driver raises here means the same: no database
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
        logger.error(
            "Database unavailable while serving %s %s: %s", request.method, request.path, exception.__class__.__name__
        )
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
