"""Storing a vote: the reader's one vote per page, added or changed in one transaction through the ORM.

A reader is their cookie (``voter``): with it they change their vote on any day. A vote without it is a new one,
counted only while its address (``daily_address``) has added fewer than RATINGS_VOTES_PER_ADDRESS votes to the
page today: a script that changes its User-Agent and drops its cookies is still one address, and readers who
share one (an office, a mobile network, the same browser model) each count, up to that number.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from wagtail.models import Page

from .models import RatingSummary, Vote
from .voters import voter_key

# Readers rate published articles and guides only.
RATABLE_PAGE_TYPES = ("guides.ArticlePage", "guides.GuidePage")


class AddressQuotaReached(Exception):
    """The address has added as many votes (or reports) to the page today as are counted from one address."""


@dataclass(frozen=True)
class PreviousVote:
    """The reader's vote on the page before this one."""

    stars: int
    voted_at: datetime


@dataclass(frozen=True)
class RecordedVote:
    summary: RatingSummary  # the published summary, which may not count this vote yet
    previous: PreviousVote | None  # the vote this one replaced, if any


def is_ratable(page_id):
    from django.apps import apps

    models = [apps.get_model(label) for label in RATABLE_PAGE_TYPES]
    return Page.objects.live().type(*models).filter(pk=page_id).exists()


def record_vote(page_id, stars, token, daily_address):
    """Store ``stars`` as the reader's vote on the page; return the page's published summary and the vote replaced.

    Returns None (and stores nothing) when the page cannot be rated; raises AddressQuotaReached (and stores
    nothing) when the vote would be a new one beyond the address's quota. The summary is an unsaved empty one
    before the first publish.
    """
    if not is_ratable(page_id):
        return None
    voter = voter_key(token)
    for _attempt in range(settings.RATINGS_VOTES_PER_ADDRESS + 1):
        try:
            return _record(page_id, stars, voter, daily_address)
        except IntegrityError:
            # Another request took the place (or, with the same cookie, added the row) first: look again.
            continue
    raise AddressQuotaReached


def _record(page_id, stars, voter, daily_address):
    with transaction.atomic():
        mine = Vote.objects.select_for_update().filter(page_id=page_id, voter=voter).first()
        if mine is None:
            taken = Vote.objects.filter(page_id=page_id, daily_address=daily_address).count()
            if taken >= settings.RATINGS_VOTES_PER_ADDRESS:
                raise AddressQuotaReached
            # The unique place refuses a second vote that counted the same places at the same moment.
            Vote.objects.create(page_id=page_id, voter=voter, daily_address=daily_address, address_slot=taken + 1,
                                stars=stars)
            previous = None
        else:
            previous = PreviousVote(mine.stars, mine.voted_at)
            mine.stars = stars
            mine.save(update_fields=["stars", "voted_at"])
        summary = RatingSummary.objects.filter(page_id=page_id).first() or empty_summary(page_id)
    return RecordedVote(summary, previous)


def empty_summary(page_id):
    return RatingSummary(page_id=page_id, histogram=[0] * 5)
