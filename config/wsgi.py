"""WSGI entry point used by gunicorn: cached pages first, then Django.

An anonymous reader's page view that the page cache holds (config/cache.py) is answered here, before Django
builds a request object, sends its request signals and runs the middleware. The entry already carries every
header Django sent with it (config.middleware.AnonymousPageCacheMiddleware stores it as the outermost
middleware), so the answer is the same byte for byte, with X-Page-Cache: hit. Everything else, misses included,
goes to Django, which stores what may be stored.

Measured on two cores (bench/README.md), Django's request handling before and after the middleware cost more
than the cache lookup itself; answering here roughly halves the CPU a hit needs.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

django_application = get_wsgi_application()

from . import cache as page_cache  # noqa: E402 (needs the settings that get_wsgi_application loaded)


def application(environ, start_response):
    if page_cache.may_use_cache(environ):
        entry = page_cache.read_entry(environ)
        if entry is not None:
            start_response(f"{entry['status']} {entry['reason']}", [*entry["headers"], page_cache.HIT_HEADER])
            return [] if environ["REQUEST_METHOD"] == "HEAD" else [entry["content"]]
    return django_application(environ, start_response)
