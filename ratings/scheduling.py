"""Debounced publishing: a burst of votes on one page gives one summary run.

The first vote of a burst sets a cache key for ``DEBOUNCE_SECONDS`` and enqueues the task with that countdown;
later votes find the key and do nothing. The task deletes the key before it reads the votes, so any vote that
commits after the read schedules a new run, and a vote is never left out of the published summary for long.
If Redis (cache or broker) is down the vote is already stored; the hourly reconcile publishes it.
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
# After this process enqueued a run (countdown DEBOUNCE_SECONDS), the run cannot start before that countdown
# ends, so votes in the meantime need not ask Redis; the margin leaves the last second to the shared key.
LOCAL_MEMO_SECONDS = DEBOUNCE_SECONDS - 1

_scheduled_until = {}
_memo_lock = threading.Lock()


def _recently_scheduled_here(page_id):
    with _memo_lock:
        return _scheduled_until.get(page_id, 0) > time.monotonic()


def _remember_scheduled(page_id):
    now = time.monotonic()
    with _memo_lock:
        for stale in [key for key, until in _scheduled_until.items() if until <= now]:
            del _scheduled_until[stale]
        _scheduled_until[page_id] = now + LOCAL_MEMO_SECONDS


def schedule_summary(page_id):
    """Enqueue publish_rating_summary(page_id) unless a run for the page is already pending."""
    from .tasks import publish_rating_summary

    if _recently_scheduled_here(page_id):
        return False
    try:
        if not cache.add(debounce_key(page_id), 1, DEBOUNCE_KEY_TIMEOUT):
            return False
        publish_rating_summary.apply_async((page_id,), countdown=DEBOUNCE_SECONDS)
        if not getattr(publish_rating_summary.app.conf, "task_always_eager", False):
            _remember_scheduled(page_id)
    except Exception:  # noqa: BLE001 (any broker or cache failure: the vote is stored, reconcile catches up)
        logger.warning("Could not enqueue the rating summary of page %s; the hourly reconcile will.", page_id,
                       exc_info=True)
        cache.delete(debounce_key(page_id))
        return False
    return True
