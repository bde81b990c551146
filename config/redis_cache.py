"""The Django caches on Redis: "default", and "pages" for the page cache with client-side caching (RESP3 tracking).

Every cached page view reads the same few keys (the entry and two generation tokens, config/cache.py). With
tracking on, redis-py keeps what a process has read in that process and Redis tells the connection when one of
those keys changes; before each command redis-py reads those notices without waiting. A hit then needs no round
trip to Redis, and a change (a publish, a new rating summary) reaches every process's connection before Redis
answers the process that made it, so the page cache forgets as fast as without tracking.

Only the page cache's connections track. Redis remembers every key a tracking connection has read, and the
default cache also holds the rate-limit counters, one per reader and window: tracked, they would fill that
table and bring a change notice back with nearly every vote, for nothing, since a counter is never read twice.
Both aliases use the same Redis database and their keys never overlap, so clearing either clears both.

redis-py refuses servers older than 7.4 for this, "to maximize compatibility with all Redis products". Tracking
in RESP3 exists since Redis 6.0, and Debian 12, where the tests run, ships 7.0; the check is lowered to 6.0 here.
REDIS_CLIENT_CACHE=false turns tracking off, e.g. for a Redis-compatible server that tracks differently.
"""

from redis.cache import CacheConfig
from redis.connection import CacheProxyConnection

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
