"""The Django caches on Redis: "default", and "pages" for the page cache with client-side caching (RESP3 tracking).

Every cached page view reads the same few keys (the entry and two generation tokens, config/cache.py). With
tracking on, redis-py keeps what a process has read in that process and Redis tells the connection when one of
those keys changes; before each command redis-py reads those notices without waiting. A hit then needs no round
trip to Redis.

Redis answers the process that made a change and sends the change notices in the same turn of its event loop,
but may write that answer first. So the page cache, after changing a token, makes one more round trip
(wait_for_change_notices): Redis reads that command only in a later turn, when every notice of the change has been
written. Only then does the page cache purge Varnish or return, so no process can still serve what was forgotten.

Only the page cache's connections track. Redis remembers every key a tracking connection has read, and the
default cache also holds the rate-limit counters, one per reader and window: tracked, they would fill that
table and bring a change notice back with nearly every vote, for nothing, since a counter is never read twice.
Both aliases use the same Redis database and their keys never overlap, so clearing either clears both.

redis-py refuses servers older than 7.4 for this, "to maximize compatibility with all Redis products". Tracking
in RESP3 exists since Redis 6.0, and Debian 12, where the tests run, ships 7.0; the check is lowered to 6.0 here.
REDIS_CLIENT_CACHE=false turns tracking off, e.g. for a Redis-compatible server that tracks differently.
"""

import logging

from redis.cache import CacheConfig
from redis.connection import CacheProxyConnection

logger = logging.getLogger(__name__)

MIN_SERVER_VERSION = "6.0.0"


def cache_settings(url, client_cache=True, client_cache_entries=500):
    """settings.CACHES for the Redis at ``url``: the default cache, and the page cache ("pages")."""
    options = {
        # A cache outage must not take pages down: a failed cache call counts as a miss.
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 1,
        "SOCKET_TIMEOUT": 1,
    }
    page_options = dict(options)
    if client_cache:
        CacheProxyConnection.MIN_ALLOWED_VERSION = MIN_SERVER_VERSION
        # The entries count commands' answers, each up to a whole page: they bound each process's memory.
        page_options["CONNECTION_POOL_KWARGS"] = {
            "protocol": 3, "cache_config": CacheConfig(max_size=client_cache_entries)}
    backend = "django_redis.cache.RedisCache"
    # django-redis shares one connection pool per address, whatever the options: the page cache needs an address
    # of its own to get its own pool. The connection name also tells the two apart in Redis's CLIENT LIST.
    page_url = f"{url}{'&' if '?' in url else '?'}client_name=page-cache"
    return {
        "default": {"BACKEND": backend, "LOCATION": url, "OPTIONS": options},
        "pages": {"BACKEND": backend, "LOCATION": page_url, "OPTIONS": page_options},
    }


def local_memory_settings():
    """settings.CACHES without Redis: both aliases share one local-memory store, as they share Redis."""
    backend = "django.core.cache.backends.locmem.LocMemCache"
    return {"default": {"BACKEND": backend, "LOCATION": "site"}, "pages": {"BACKEND": backend, "LOCATION": "site"}}


def wait_for_change_notices(django_cache):
    """Returns once Redis has sent every change notice of this process's last write (see above).

    A PING is never answered from the process's own copy, and Redis reads it in a turn after the one that wrote
    the notices. Other backends (local memory) have no notices to wait for. A Redis that does not answer is
    ignored, as every call of the page cache is: the write it follows has failed as well.
    """
    client = getattr(django_cache, "client", None)
    if client is None or not hasattr(client, "get_client"):
        return
    try:
        client.get_client(write=True).ping()
    except Exception:  # noqa: BLE001 (whatever fails here failed the write before it, which was ignored too)
        logger.warning("Redis did not answer after a page-cache change", exc_info=True)
