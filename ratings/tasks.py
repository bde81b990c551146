"""Celery tasks that publish rating summaries."""

import logging

from celery import shared_task
from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page

from .models import RatingSummary, Vote
from .summaries import debounce_key, publish_summary

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True, time_limit=60, soft_time_limit=50)
def publish_rating_summary(page_id):
    """Recompute one page's summary from its votes and store it; idempotent, so any extra run is harmless."""
    # Delete the pending mark before reading: a vote committed from now on schedules a run of its own.
    cache.delete(debounce_key(page_id))
    if not Page.objects.filter(pk=page_id).exists():
        return False
    return publish_summary(page_id)


@shared_task(ignore_result=True, time_limit=1800, soft_time_limit=1700)
def reconcile_rating_summaries():
    """Republish every page that has votes or a summary: catches runs lost while Redis was down."""
    page_ids = set(Vote.objects.values_list("page_id", flat=True).distinct())
    page_ids |= set(
        RatingSummary.objects.filter(~Q(count=0) | Q(since__isnull=False)).values_list("page_id", flat=True)
    )
    changed = sum(1 for page_id in sorted(page_ids) if publish_summary(page_id))
    logger.info("Reconciled %d rating summaries, %d changed.", len(page_ids), changed)
    return changed
