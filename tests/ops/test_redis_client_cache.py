"""The page cache's Redis connections keep what a process read (RESP3 tracking) and still see every change at once."""

import os
import uuid

import pytest
import redis
from django_redis.cache import RedisCache

from config.redis_cache import cache_settings, wait_for_change_notices
from tests.conftest import redis_cache_settings

pytestmark = pytest.mark.redis


@pytest.fixture
def tracked_cache(settings):
    settings.CACHES = redis_cache_settings(os.environ["REDIS_URL"])
    from django.core.cache import caches

    return caches["pages"]


def untracked_cache():
    """Another process's view of the same Redis: a connection without tracking."""
    return RedisCache(os.environ["REDIS_URL"], {"OPTIONS": cache_settings("unused", client_cache=False)["default"][
        "OPTIONS"]})


def mget_calls():
    stats = redis.Redis.from_url(os.environ["REDIS_URL"]).info("commandstats")
    return stats.get("cmdstat_mget", {}).get("calls", 0)


def test_repeated_reads_are_answered_in_the_process(tracked_cache):
    key = f"test:tracking:{uuid.uuid4().hex}"
    tracked_cache.set(key, "kept")
    assert tracked_cache.get_many([key]) == {key: "kept"}
    before = mget_calls()
    for _ in range(200):
        assert tracked_cache.get_many([key]) == {key: "kept"}
    # Without tracking each read is one MGET on the server; other clients of a shared server may add a few.
    assert mget_calls() - before < 50


def test_a_change_by_another_process_is_seen_once_the_writer_waited_for_the_notices(tracked_cache):
    # Redis may answer the writer before it writes the notices; the page cache waits for them after each change.
    key = f"test:tracking:{uuid.uuid4().hex}"
    other = untracked_cache()
    for round_number in range(50):
        other.set(key, f"old {round_number}")
        wait_for_change_notices(other)
        assert tracked_cache.get_many([key]) == {key: f"old {round_number}"}
        assert tracked_cache.get_many([key]) == {key: f"old {round_number}"}
        other.set(key, f"new {round_number}")
        wait_for_change_notices(other)
        assert tracked_cache.get_many([key]) == {key: f"new {round_number}"}
    other.delete(key)
    wait_for_change_notices(other)
    assert tracked_cache.get_many([key]) == {}


def test_waiting_for_notices_needs_no_redis(settings):
    from django.core.cache import caches

    wait_for_change_notices(caches["pages"])  # local memory: nothing to wait for
    settings.CACHES = cache_settings("redis://127.0.0.1:1/0")  # nobody listens there
    wait_for_change_notices(caches["pages"])  # logged, not raised


def test_only_the_page_cache_tracks():
    caches = cache_settings("redis://127.0.0.1:6379/0")
    assert caches["pages"]["OPTIONS"]["CONNECTION_POOL_KWARGS"]["protocol"] == 3
    assert "CONNECTION_POOL_KWARGS" not in caches["default"]["OPTIONS"]


def test_default_cache_reads_go_to_redis_every_time(settings):
    # Rate-limit counters and the like live there: Redis must not have to remember them per connection.
    settings.CACHES = redis_cache_settings(os.environ["REDIS_URL"])
    from django.core.cache import cache

    key = f"test:untracked:{uuid.uuid4().hex}"
    cache.set(key, 1)
    before = mget_calls()
    for _ in range(20):
        cache.get_many([key])
    assert mget_calls() - before >= 20


def test_turned_off_no_cache_tracks():
    for alias in cache_settings("redis://127.0.0.1:6379/0", client_cache=False).values():
        assert "CONNECTION_POOL_KWARGS" not in alias["OPTIONS"]
        assert alias["OPTIONS"]["IGNORE_EXCEPTIONS"] is True


def test_after_a_redis_restart_nothing_kept_from_before_is_served(settings, private_redis):
    # Redis keeps nothing on disk: after a restart every key is gone, and so must be what the process kept.
    settings.CACHES = redis_cache_settings(private_redis.url)
    from django.core.cache import caches

    cache = caches["pages"]

    key = "test:tracking:restart"
    cache.set(key, "before")
    assert cache.get_many([key]) == {key: "before"}
    private_redis.stop()
    private_redis.start()
    assert cache.get_many([key]) == {}  # restarted while nobody asked
    cache.set(key, "again")
    assert cache.get_many([key]) == {key: "again"}
    private_redis.stop()
    assert cache.get_many([key]) == {}  # Redis down: a miss, not the kept answer
    private_redis.start()
    assert cache.get_many([key]) == {}
