"""The arithmetic of a page's tally, and storing it when it changed."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import STARS, RatingSummary, Vote
from .signals import rating_summary_changed

RECENT_DAYS = 30
SUMMARY_FIELDS = ("count", "total", "average", "histogram", "since_count", "since_total", "since_average",
                  "since_histogram", "recent_count", "recent_average")


def average_of(count, total):
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def tally(votes):
    """{count, total, average, histogram} of a queryset of votes, in one query."""
    aggregates = votes.aggregate(
        count=Count("id"), total=Sum("stars"),
        **{f"stars_{n}": Count("id", filter=Q(stars=n)) for n in STARS},
    )
    count, total = aggregates["count"], aggregates["total"] or 0
    return {"count": count, "total": total, "average": average_of(count, total),
            "histogram": [aggregates[f"stars_{n}"] for n in STARS]}


def compute_summary(page_id, since=None, now=None):
    """All-time, since-``since`` and last-30-days tallies of a page's votes."""
    now = now or timezone.now()
    votes = Vote.objects.filter(page_id=page_id)
    values = tally(votes)
    since_values = tally(votes.filter(voted_at__gte=since)) if since else tally(votes.none())
    recent_values = tally(votes.filter(voted_at__gte=now - timedelta(days=RECENT_DAYS)))
    values.update({f"since_{key}": value for key, value in since_values.items()})
    values.update(recent_count=recent_values["count"], recent_average=recent_values["average"])
    return values


def debounce_key(page_id):
    return f"ratings:publish-pending:{page_id}"


def publish_summary(page_id):
    """Recompute and store the page's summary; announce it when it changed. Returns True if it changed."""
    with transaction.atomic():
        summary, _created = RatingSummary.objects.select_for_update().get_or_create(page_id=page_id)
        values = compute_summary(page_id, since=summary.since)
        changed = any(getattr(summary, name) != value for name, value in values.items())
        if changed:
            for name, value in values.items():
                setattr(summary, name, value)
            summary.published_at = timezone.now()
            summary.save()
    if changed:
        rating_summary_changed.send(sender=RatingSummary, page_id=page_id)
    return changed
