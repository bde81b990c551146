"""Debounced publishing: a burst of votes on one page gives one summary run.

The first vote of a burst sets a cache key for ``DEBOUNCE_SECONDS`` and enqueues the task with that countdown;
later votes find the key and do nothing. The task deletes the key before it reads the votes, so any vote that
commits after the read schedules a new run, and a vote is never left out of the published summary for long.
If Redis (cache or broker) is down the vote is already stored; the hourly reconcile publishes it.

The key's value is the time the pending run starts. A process that has seen it (by enqueuing the run, or by
reading the key) knows that no run can read the votes before then, so until shortly before that time its votes
on the page need not ask Redis at all: in a burst, a vote costs no cache round trip for the debounce. Reading
first and adding only when the key is missing keeps a vote to one round trip when the run is late.
"""

import logging
import threading
import time

from django.core.cache import cache

from .summaries import debounce_key

logger = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 5
# The key outlives the countdown so a lost task cannot block publishing for longer than this.
DEBOUNCE_KEY_TIMEOUT = DEBOUNCE_SECONDS * 12
# Stop trusting a known start time this long before it: covers the clock difference between the web hosts and
# the worker, and a vote's own time between its commit and this check.
START_MARGIN_SECONDS = 1.0

# page id -> the time (time.time(), as the key's value) until which a run that has not yet read the votes is known
# to be pending. Wall-clock time because the start comes from another process, perhaps on another host.
_pending_until = {}
_memo_lock = threading.Lock()


def _known_pending(page_id):
    with _memo_lock:
        return _pending_until.get(page_id, 0) > time.time()


def _remember_pending(page_id, starts_at):
    """Remember a pending run that starts at ``starts_at`` (wall-clock seconds) for this process."""
    now = time.time()
    # A run is never enqueued further ahead than the countdown; a later value is not believed.
    until = min(starts_at, now + DEBOUNCE_SECONDS) - START_MARGIN_SECONDS
    with _memo_lock:
        for stale in [key for key, value in _pending_until.items() if value <= now]:
            del _pending_until[stale]
        if until > now:
            _pending_until[page_id] = until


def forget_pending():
    """Drop this process's memory of pending runs (tests, and a process that must ask Redis again)."""
    with _memo_lock:
        _pending_until.clear()


def schedule_summary(page_id):
    """Enqueue publish_rating_summary(page_id) unless a run for the page is already pending."""
    from .tasks import publish_rating_summary

    if _known_pending(page_id):
        return False
    key = debounce_key(page_id)
    try:
        pending_start = cache.get(key)
        if pending_start is not None:
            # A run is pending. Its start is the value; any other value (a mark from an older version) proves
            # nothing about the time, and the next vote asks again. A start in the past means the run is late
            # (a busy worker): it may read the votes at any moment, so that is not remembered either.
            if isinstance(pending_start, float):
                _remember_pending(page_id, pending_start)
            return False
        starts_at = time.time() + DEBOUNCE_SECONDS
        if not cache.add(key, starts_at, DEBOUNCE_KEY_TIMEOUT):
            return False  # another process enqueued the run in between
        publish_rating_summary.apply_async((page_id,), countdown=DEBOUNCE_SECONDS)
        if not getattr(publish_rating_summary.app.conf, "task_always_eager", False):
            _remember_pending(page_id, starts_at)
    except Exception:  # noqa: BLE001 (any broker or cache failure: the vote is stored, reconcile catches up)
        logger.warning("Could not enqueue the rating summary of page %s; the hourly reconcile will.", page_id,
                       exc_info=True)
        cache.delete(key)
        return False
    return True
