"""Soft purges of surrogate keys in Varnish, with a time limit, after the change is committed.

A soft purge (xkey.softpurge in config/varnish/default.vcl) marks the answers carrying a key as expired but keeps
them: the next reader still gets the old copy at once while Varnish fetches the new one. Each purge is one
``PURGE`` request with the keys in the ``xkey-softpurge`` header, sent to every address in VARNISH_URL.

A Varnish that accepts the connection and then says nothing must not hold a publish (or the worker publishing a
rating summary): each request gives up after PAGE_CACHE_PURGE_TIMEOUT seconds and logs it. The copies it could not
purge then expire on their own after PAGE_CACHE_SECONDS.
"""

import http.client
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

HEADER = "xkey-softpurge"
# Varnish refuses request headers over 8 KB (http_req_hdr_len); many keys go out in several requests.
MAX_HEADER_LENGTH = 4000


def varnish_addresses():
    addresses = []
    for url in settings.VARNISH_URLS:
        location = urlsplit(url)
        if location.scheme not in ("http", "https") or not location.hostname:
            raise ValueError(f"VARNISH_URL must list http(s) addresses, not {url!r}")
        addresses.append(location)
    return addresses


def batches(keys):
    batch, length = [], 0
    for key in sorted(keys):
        if batch and length + len(key) + 1 > MAX_HEADER_LENGTH:
            yield batch
            batch, length = [], 0
        batch.append(key)
        length += len(key) + 1
    if batch:
        yield batch


def softpurge(keys):
    """Sends the purge now; returns how many requests Varnish confirmed. Failures are logged, never raised."""
    confirmed = 0
    for location in varnish_addresses():
        for batch in batches(keys):
            confirmed += send(location, " ".join(batch))
    return confirmed


def send(location, header_value):
    connection_class = http.client.HTTPSConnection if location.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(location.hostname, location.port, timeout=settings.PAGE_CACHE_PURGE_TIMEOUT)
    try:
        connection.request("PURGE", "/", headers={HEADER: header_value, "User-Agent": "guides-page-cache"})
        response = connection.getresponse()
        response.read()
    except (OSError, http.client.HTTPException) as error:
        logger.error("Could not purge %s at %s: %s", header_value, location.netloc, error)
        return 0
    finally:
        connection.close()
    if response.status >= 400:
        logger.error("Could not purge %s at %s: %s %s", header_value, location.netloc, response.status, response.reason)
        return 0
    return 1


def softpurge_after_commit(keys):
    """Purges once the current transaction commits (at once outside one): a reader who comes in between must not
    put the old text back into the cache, and a change that is rolled back purges nothing."""
    keys = set(keys)
    if keys and settings.VARNISH_URLS:
        transaction.on_commit(lambda: softpurge(keys))
