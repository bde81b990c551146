"""The debounce in front of publish_rating_summary: one run per burst, and no cache round trip per vote while a
run is known to be pending."""

from unittest import mock

import pytest
import time_machine
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
    with time_machine.travel(1_800_000_000, tick=False):
        results = [scheduling.schedule_summary(PAGE_ID) for _ in range(20)]
    assert results == [True] + [False] * 19
    enqueued.assert_called_once_with((PAGE_ID,), countdown=scheduling.DEBOUNCE_SECONDS)
    # The key holds the run's start; the first vote read and added it, the other 19 asked nothing of the cache.
    assert cache.get(debounce_key(PAGE_ID)) == 1_800_000_000 + scheduling.DEBOUNCE_SECONDS
    assert counting_cache.calls == 2


def test_a_process_that_finds_the_key_asks_once_and_then_waits_for_the_run(enqueued, counting_cache):
    with time_machine.travel(1_800_000_000, tick=False):
        # Another web process enqueued the run a second ago: it starts in four seconds.
        cache.add(debounce_key(PAGE_ID), 1_800_000_000 + 4.0, 60)
        assert [scheduling.schedule_summary(PAGE_ID) for _ in range(10)] == [False] * 10
    assert not enqueued.called
    assert counting_cache.calls == 1  # one read of the start, then nothing


def test_votes_shortly_before_the_run_starts_ask_again(enqueued, counting_cache):
    start = 1_800_000_000 + 4.0
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        cache.add(debounce_key(PAGE_ID), start, 60)
        scheduling.schedule_summary(PAGE_ID)
        # Within the margin before the start the process no longer trusts its memory.
        clock.move_to(start - scheduling.START_MARGIN_SECONDS / 2)
        calls = counting_cache.calls
        assert scheduling.schedule_summary(PAGE_ID) is False
        assert counting_cache.calls > calls
        # The run starts: it deletes the key before reading the votes; the next vote enqueues a new run.
        clock.move_to(start + 0.1)
        cache.delete(debounce_key(PAGE_ID))
        assert scheduling.schedule_summary(PAGE_ID) is True
    enqueued.assert_called_once()


def test_a_key_without_a_start_time_is_asked_about_on_every_vote(enqueued, counting_cache):
    cache.add(debounce_key(PAGE_ID), 1, 60)  # the mark an older version wrote
    assert [scheduling.schedule_summary(PAGE_ID) for _ in range(3)] == [False] * 3
    assert counting_cache.calls == 3
    assert not enqueued.called


def test_a_late_run_is_asked_about_on_every_vote_with_one_round_trip(enqueued, counting_cache):
    with time_machine.travel(1_800_000_000, tick=False):
        # The run was due two seconds ago; a busy worker has not started it yet.
        cache.add(debounce_key(PAGE_ID), 1_800_000_000 - 2.0, 60)
        assert [scheduling.schedule_summary(PAGE_ID) for _ in range(3)] == [False] * 3
    assert counting_cache.calls == 3
    assert not enqueued.called


def test_a_broker_failure_clears_the_key_so_the_next_vote_tries_again(enqueued):
    enqueued.side_effect = [ConnectionError("broker down"), None]
    assert scheduling.schedule_summary(PAGE_ID) is False
    assert cache.get(debounce_key(PAGE_ID)) is None
    assert scheduling.schedule_summary(PAGE_ID) is True
    assert enqueued.call_count == 2
