"""The Django cache on Redis, with server-assisted client-side caching (RESP3 tracking).

Every cached page view reads the same few keys (the entry and two generation tokens, config/cache.py). With
tracking on, redis-py keeps what a process has read in that process and Redis tells the connection when one of
those keys changes; before each command redis-py reads those notices without waiting. A hit then needs no round
trip to Redis, and a change (a publish, a new rating summary) reaches every process's connection before Redis
answers the process that made it, so the page cache forgets as fast as without tracking.

redis-py refuses servers older than 7.4 for this, "to maximize compatibility with all Redis products". Tracking
in RESP3 exists since Redis 6.0, and Debian 12, where the tests run, ships 7.0; the check is lowered to 6.0 here.
REDIS_CLIENT_CACHE=false turns tracking off, e.g. for a Redis-compatible server that tracks differently.
"""

from redis.cache import CacheConfig
from redis.connection import CacheProxyConnection

MIN_SERVER_VERSION = "6.0.0"


def cache_settings(url, client_cache=True, client_cache_entries=500):
    """settings.CACHES for the Redis at ``url``."""
    options = {
        # A cache outage must not take pages down: a failed cache call counts as a miss.
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 1,
        "SOCKET_TIMEOUT": 1,
    }
    if client_cache:
        CacheProxyConnection.MIN_ALLOWED_VERSION = MIN_SERVER_VERSION
        # The entries count commands' answers, each up to a whole page: they bound each process's memory.
        options["CONNECTION_POOL_KWARGS"] = {"protocol": 3, "cache_config": CacheConfig(max_size=client_cache_entries)}
    return {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "OPTIONS": options}}
