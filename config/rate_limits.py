"""Rate limits that still hold while Redis is down.

django-ratelimit counts in the default cache (Redis, shared by every web process). When Redis cannot count, it
either refuses everyone (its default) or lets everyone through (RATELIMIT_FAIL_OPEN). Here a count that failed is
taken again in this process's own memory, with the same rate: during an outage each web process enforces the limit
on its own, so a reader gets at most the limit times the number of processes, and nobody is refused for the
outage itself. The log says once that limits are degraded, and once that Redis counts again.
"""

import hashlib
import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

# Bounded: an attacker with many addresses during an outage fills at most this many counters per process.
_local_counts = LocMemCache("rate-limit-fallback", {"TIMEOUT": 86400, "OPTIONS": {"MAX_ENTRIES": 20_000}})
_degraded = threading.Event()


def parse_rate(rate):
    """ "5/m" or "40/h" or "3/10m" -> (count, period in seconds), as django-ratelimit reads its rates."""
    count, _slash, per = rate.partition("/")
    return int(count), int(per[:-1] or 1) * UNITS[per[-1]]


def _key_value(request, group, key):
    return request.META.get("REMOTE_ADDR", "") if key == "ip" else key(group, request)


def _local_over_limit(request, group, key, rate):
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    value = _key_value(request, group, key)
    cache_key = hashlib.sha256(f"{group}|{rate}|{window}|{value}".encode("utf-8", "replace")).hexdigest()
    try:
        count = _local_counts.incr(cache_key)
    except ValueError:  # the first request of this window (or its counter was just evicted)
        _local_counts.set(cache_key, 1, timeout=period)
        count = 1
    return count > limit


def over_limit(request, group, key, rate):
    """Count this request against ``rate`` for ``key`` ("ip" or a django-ratelimit key function); True when over."""
    usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    if usage is None:  # RATELIMIT_ENABLE off, or a method that is not limited
        return False
    if usage["limit"] == 0 and usage["time_left"] == -1:
        # django-ratelimit's sign that the cache could not count.
        if not _degraded.is_set():
            _degraded.set()
            logger.warning("Redis cannot count rate limits; each web process now limits on its own until it can.")
        return _local_over_limit(request, group, key, rate)
    if _degraded.is_set():
        _degraded.clear()
        logger.warning("Redis counts rate limits again.")
    return usage["should_limit"]
