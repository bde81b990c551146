"""The arithmetic of a page's tally, and storing it when it changed."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import STARS, RatingSummary, Vote
from .signals import rating_summary_changed

RECENT_DAYS = 30
SUMMARY_FIELDS = (
    "count",
    "total",
    "average",
    "histogram",
    "since_count",
    "since_total",
    "since_average",
    "since_histogram",
    "recent_count",
    "recent_average",
)


def average_of(count, total):
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def tally(votes):
    """{count, total, average, histogram} of a queryset of votes, in one query."""
    aggregates = votes.aggregate(
        count=Count("id"),
        total=Sum("stars"),
        **{f"stars_{n}": Count("id", filter=Q(stars=n)) for n in STARS},
    )
    count, total = aggregates["count"], aggregates["total"] or 0
    return {
        "count": count,
        "total": total,
        "average": average_of(count, total),
        "histogram": [aggregates[f"stars_{n}"] for n in STARS],
    }


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


def with_own_vote(summary, stars, previous=None):
    """An unsaved copy of the published ``summary`` that counts the reader's new vote, for the answer to that reader.

    The published summary catches up a few seconds after a vote (ratings/scheduling.py); the reader who just voted
    should see their vote in the tally at once. ``previous`` (a votes.PreviousVote) is the vote it replaced: it is
    taken out only if the summary counted it, that is if it was cast before the summary was published. A vote
    changed twice within the seconds before a publish can leave this copy one vote off until that publish.
    """
    published_at = summary.published_at
    counted = previous is not None and published_at is not None and previous.voted_at <= published_at
    counted_since = counted and summary.since is not None and previous.voted_at >= summary.since

    def moved(histogram, count, total, old_counted, new_counted):
        histogram = list(histogram) or [0] * len(STARS)
        if old_counted:
            histogram[previous.stars - 1] -= 1
            count, total = count - 1, total - previous.stars
        if new_counted:
            histogram[stars - 1] += 1
            count, total = count + 1, total + stars
        return histogram, count, total

    histogram, count, total = moved(summary.histogram, summary.count, summary.total, counted, True)
    # A vote cast now is always after the last significant update, so it counts in that tally when there is one.
    since_histogram, since_count, since_total = moved(
        summary.since_histogram, summary.since_count, summary.since_total, counted_since, summary.since is not None
    )
    return RatingSummary(
        page_id=summary.page_id,
        count=count,
        total=total,
        average=average_of(count, total),
        histogram=histogram,
        since=summary.since,
        since_count=since_count,
        since_total=since_total,
        since_average=average_of(since_count, since_total),
        since_histogram=since_histogram,
        published_at=published_at,
    )
