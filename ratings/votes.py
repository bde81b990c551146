"""Storing a vote: the reader's one vote per page, added or changed through the ORM, one statement at a time.

A reader is their cookie (``voter``): with it they change their vote on any day. A vote without it is a new one,
counted only while its address (``daily_address``) has added fewer than RATINGS_VOTES_PER_ADDRESS votes to the
page today: a script that changes its User-Agent and drops its cookies is still one address, and readers who
share one (an office, a mobile network, the same browser model) each count, up to that number.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from .models import RatingSummary, Vote
from .places import AddressQuotaReached, free_place, insert_new, save_new
from .voters import voter_key

# Readers rate published articles and guides only.
RATABLE_PAGE_TYPES = ("guides.ArticlePage", "guides.GuidePage")


@dataclass(frozen=True)
class PreviousVote:
    """The reader's vote on the page before this one."""

    stars: int
    voted_at: datetime


@dataclass(frozen=True)
class RecordedVote:
    summary: RatingSummary  # the published summary, which may not count this vote yet
    previous: PreviousVote | None  # the vote this one replaced, if any


def ratable_page_summary(page_id):
    """The page's published summary (an unsaved empty one before the first publish) if readers may rate the page,
    else None: whether it is a live article or guide and its summary.

    The summary row is read with the page's state through one join: one query. Only a page without a published
    summary yet (before its first votes are tallied) needs a second query on the page alone. Both filter the page
    row without loading it: a page row has over a hundred columns (every text in five languages).
    """
    ratable = {"live": True, "content_type__in": ratable_content_types()}
    summary = RatingSummary.objects.filter(page_id=page_id, **{f"page__{k}": v for k, v in ratable.items()}).first()
    if summary is not None:
        return summary
    if Page.objects.filter(pk=page_id, **ratable).order_by().exists():
        return empty_summary(page_id)
    return None


def ratable_content_types():
    # Django's content type cache answers this from memory after the first request of a process.
    types = ContentType.objects.get_for_models(*[apps.get_model(label) for label in RATABLE_PAGE_TYPES])
    return list(types.values())


def record_vote(page_id, stars, token, daily_address, new_voter=False):
    """Store ``stars`` as the reader's vote on the page; return the page's published summary and the vote replaced.

    Returns None (and stores nothing) when the page cannot be rated; raises AddressQuotaReached (and stores
    nothing) when the vote would be a new one beyond the address's quota. The summary is the one published before
    this vote (an unsaved empty one before the first publish). ``new_voter``: the token was issued for this vote,
    so the reader has no vote to change yet.

    Each statement commits on its own (Django's autocommit): a reader's vote is one row, and the unique
    constraints, not locks, settle two requests that race (the loser looks again).
    """
    summary = ratable_page_summary(page_id)
    if summary is None:
        return None
    voter = voter_key(token)
    if new_voter and insert_new(
        Vote(page_id=page_id, voter=voter, daily_address=daily_address, address_slot=1, stars=stars)
    ):
        # The first vote from this address on the page today: no need to look for others first.
        return RecordedVote(summary, None)
    for _attempt in range(settings.RATINGS_VOTES_PER_ADDRESS + 1):
        try:
            return RecordedVote(summary, _record(page_id, stars, voter, daily_address))
        except IntegrityError:
            # Another request took the place (or, with the same cookie, added the row) first: look again.
            continue
    raise AddressQuotaReached


def _record(page_id, stars, voter, daily_address):
    """Change the reader's vote and return the one it replaced, or add a new one in a free place and return None."""
    # The reader's own vote and the votes of their address today, in one query (at most the quota's rows).
    rows = list(
        Vote.objects.filter(Q(voter=voter) | Q(daily_address=daily_address), page_id=page_id).values_list(
            "pk", "voter", "stars", "voted_at", "address_slot"
        )
    )
    mine = next((row for row in rows if row[1] == voter), None)
    if mine is not None:
        Vote.objects.filter(pk=mine[0]).update(stars=stars, voted_at=timezone.now())
        return PreviousVote(mine[2], mine[3])
    place = free_place([row[4] for row in rows], settings.RATINGS_VOTES_PER_ADDRESS)
    if place is None:
        raise AddressQuotaReached
    # The unique place refuses a second vote that chose the same place at the same moment.
    save_new(Vote(page_id=page_id, voter=voter, daily_address=daily_address, address_slot=place, stars=stars))
    return None


def empty_summary(page_id):
    return RatingSummary(page_id=page_id, histogram=[0] * 5)
