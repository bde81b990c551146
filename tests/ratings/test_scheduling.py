"""The debounce in front of publish_rating_summary: one run per burst, decided by one atomic add in the cache."""

from unittest import mock

import pytest
from django.core.cache import cache

from ratings import scheduling
from ratings.summaries import debounce_key

PAGE_ID = 4242


@pytest.fixture
def enqueued():
    """Record enqueued runs instead of running them, as with a real broker."""
    from ratings.tasks import publish_rating_summary

    conf = publish_rating_summary.app.conf
    eager = conf.task_always_eager
    conf.task_always_eager = False
    try:
        with mock.patch.object(publish_rating_summary, "apply_async") as apply_async:
            yield apply_async
    finally:
        conf.task_always_eager = eager


class CountingCache:
    """The real cache, counting the calls that reach it."""

    def __init__(self):
        self.calls = 0

    def __getattr__(self, name):
        self.calls += 1
        return getattr(cache, name)


@pytest.fixture
def counting_cache():
    counting = CountingCache()
    with mock.patch.object(scheduling, "cache", counting):
        yield counting


def test_a_burst_enqueues_one_run_with_the_countdown(enqueued, counting_cache):
    results = [scheduling.schedule_summary(PAGE_ID) for _ in range(20)]
    assert results == [True] + [False] * 19
    enqueued.assert_called_once_with((PAGE_ID,), countdown=scheduling.DEBOUNCE_SECONDS)
    # One atomic add per vote: Redis alone decides, whatever the clocks of the web hosts say.
    assert counting_cache.calls == 20


def test_a_run_pending_from_another_process_is_not_enqueued_again(enqueued):
    cache.add(debounce_key(PAGE_ID), 1, 60)  # another web process enqueued the run
    assert [scheduling.schedule_summary(PAGE_ID) for _ in range(10)] == [False] * 10
    assert not enqueued.called


def test_once_the_run_has_deleted_the_key_the_next_vote_enqueues_a_new_one(enqueued):
    assert scheduling.schedule_summary(PAGE_ID) is True
    cache.delete(debounce_key(PAGE_ID))  # what the run does before it reads the votes
    assert scheduling.schedule_summary(PAGE_ID) is True
    assert enqueued.call_count == 2


def test_a_broker_failure_clears_the_key_so_the_next_vote_tries_again(enqueued):
    enqueued.side_effect = [ConnectionError("broker down"), None]
    assert scheduling.schedule_summary(PAGE_ID) is False
    assert cache.get(debounce_key(PAGE_ID)) is None
    assert scheduling.schedule_summary(PAGE_ID) is True
    assert enqueued.call_count == 2
