"""Listening to the notices app: a significant update starts a new "since the update" tally."""

from django.db import transaction

from notices.signals import significant_update_published

from .models import RatingSummary
from .scheduling import schedule_summary


def start_tally_since_update(sender, page_id, published_at, **kwargs):
    summary, created = RatingSummary.objects.get_or_create(page_id=page_id, defaults={"since": published_at})
    if not created and (summary.since is None or published_at > summary.since):
        RatingSummary.objects.filter(pk=summary.pk).update(since=published_at)
    transaction.on_commit(lambda: schedule_summary(page_id))


def connect():
    significant_update_published.connect(start_tally_since_update, dispatch_uid="ratings.start_tally_since_update")
