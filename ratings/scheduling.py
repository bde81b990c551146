"""Debounced publishing: a burst of votes on one page gives one summary run.

The first vote of a burst adds a key for the page in Redis and enqueues the task with a countdown; later votes
find the key and enqueue nothing. The task deletes the key before it reads the votes, so any vote that commits
after the read schedules a new run, and a vote is never left out of the published summary for long. Redis alone
decides (one atomic add per vote), so web hosts and workers need not agree on the time.
If Redis (cache or broker) is down the vote is already stored; the hourly reconcile publishes it.
"""

import logging

from django.core.cache import cache

from .summaries import debounce_key

logger = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 5
# The key outlives the countdown so a lost task cannot block publishing for longer than this.
DEBOUNCE_KEY_TIMEOUT = DEBOUNCE_SECONDS * 12


def schedule_summary(page_id):
    """Enqueue publish_rating_summary(page_id) unless a run for the page is already pending."""
    from .tasks import publish_rating_summary

    key = debounce_key(page_id)
    try:
        if not cache.add(key, 1, DEBOUNCE_KEY_TIMEOUT):
            return False  # a run is pending; it has not read the votes yet
        publish_rating_summary.apply_async((page_id,), countdown=DEBOUNCE_SECONDS)
    except Exception:  # any broker or cache failure: the vote is stored, reconcile catches up
        logger.warning(
            "Could not enqueue the rating summary of page %s; the hourly reconcile will.", page_id, exc_info=True
        )
        cache.delete(key)
        return False
    return True
