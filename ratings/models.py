"""Helpfulness votes, the summaries published from them, and step-level "does not match" reports.

No model stores an IP address: readers are known only by keyed hashes (see ratings/voters.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from guides.blocks import SURFACE_CHOICES

STARS = range(1, 6)


class Vote(models.Model):
    """One reader's current vote on one page (all translations of a page share it).

    ``voter`` is a keyed hash of the reader's random cookie: with it a reader changes their vote on any day.
    ``daily_address`` bounds the votes one address adds per page and day (ratings/votes.py).
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    voter = models.CharField(_("voter key"), max_length=64)
    # Today's keyed hash of the address the vote came from (ratings.voters.daily_address_key): counts the votes
    # one address added to a page today. Set on the vote's first day only; no raw address is stored.
    daily_address = models.CharField(_("daily address key"), max_length=64, blank=True, default="")
    # Which of the address's RATINGS_VOTES_PER_ADDRESS places today this vote holds (1, 2, …): unique per page and
    # address key, so concurrent votes from one address cannot take more places than there are.
    address_slot = models.PositiveSmallIntegerField(_("place of the address"), null=True, blank=True)
    stars = models.PositiveSmallIntegerField(_("stars"))
    created_at = models.DateTimeField(_("first voted at"), auto_now_add=True)
    voted_at = models.DateTimeField(_("last voted at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["page", "voter"], name="ratings_vote_one_per_voter"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="ratings_vote_stars_1_to_5"),
            models.UniqueConstraint(
                fields=["page", "daily_address", "address_slot"], name="ratings_vote_one_per_address_slot"
            ),
        ]

    def __str__(self):
        return f"{self.stars}★ on page {self.page_id}"


class RatingSummaryQuerySet(models.QuerySet):
    def with_votes(self):
        return self.filter(count__gt=0)


class RatingSummary(models.Model):
    """The published tally of a page, recomputed from its votes by ``publish_rating_summary``.

    ``since`` is when the page's last significant update was published; the ``since_*`` fields tally the votes
    cast (or changed) after it. ``recent_*`` tally the last 30 days, for the editors' "recent drop" column.
    """

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="rating_summary", verbose_name=_("page"))
    count = models.PositiveIntegerField(_("votes"), default=0)
    total = models.PositiveIntegerField(_("sum of stars"), default=0)
    average = models.DecimalField(_("average"), max_digits=3, decimal_places=2, null=True, blank=True)
    histogram = models.JSONField(_("votes per star (1 to 5)"), default=list)
    since = models.DateTimeField(_("since the last significant update"), null=True, blank=True)
    since_count = models.PositiveIntegerField(_("votes since the update"), default=0)
    since_total = models.PositiveIntegerField(_("sum of stars since the update"), default=0)
    since_average = models.DecimalField(
        _("average since the update"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    since_histogram = models.JSONField(_("votes per star since the update"), default=list)
    recent_count = models.PositiveIntegerField(_("votes in the last 30 days"), default=0)
    recent_average = models.DecimalField(
        _("average in the last 30 days"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = RatingSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating summary")
        verbose_name_plural = _("rating summaries")

    def __str__(self):
        return f"{self.count} votes on page {self.page_id}"

    @property
    def has_since(self):
        """True once a significant update started a new tally (it may still be empty)."""
        return self.since is not None

    @property
    def recent_drop(self):
        """How far the last 30 days fall below the all-time average (positive = worse lately)."""
        if self.average is None or self.recent_average is None:
            return None
        return self.average - self.recent_average

    def bars(self, since=False):
        """[(stars, votes, percent of all votes), …] from five stars down, for the distribution chart."""
        histogram = (self.since_histogram if since else self.histogram) or [0] * 5
        count = sum(histogram)
        return [
            (stars, histogram[stars - 1], round(100 * histogram[stars - 1] / count) if count else 0)
            for stars in reversed(STARS)
        ]

    def since_bars(self):
        return self.bars(since=True)


class StepReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class StepReport(models.Model):
    """A reader's note that one guide step no longer matches their screen.

    The step is its StreamField block id, the same in every language, so a report survives edits to other steps.
    One report per reader, step and day (``reporter`` is the reader's keyed hash, ``day`` the UTC date).
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    step_id = models.CharField(_("step block id"), max_length=64)
    surface = models.CharField(_("surface"), max_length=16, choices=SURFACE_CHOICES)
    language = models.CharField(_("language"), max_length=8)
    note = models.TextField(_("note"), max_length=500, blank=True)
    reporter = models.CharField(_("reporter key"), max_length=64)
    daily_address = models.CharField(_("daily address key"), max_length=64, blank=True, default="")
    # Which of the address's RATINGS_REPORTS_PER_ADDRESS places on the page today the report takes: the unique
    # place, not a count read beforehand, keeps two reports sent at the same moment from both passing the quota.
    address_slot = models.PositiveSmallIntegerField(_("place of the address"), null=True, blank=True)
    day = models.DateField(_("day (UTC)"))
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(
        _("resolved at"), null=True, blank=True, help_text=_("Empty while the report is open.")
    )

    objects = StepReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("step report")
        verbose_name_plural = _("step reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "step_id", "reporter", "day"], name="ratings_step_report_one_per_reader_day"
            ),
            # Also the index for counting an address's reports on a page and day.
            models.UniqueConstraint(
                fields=["page", "daily_address", "day", "address_slot"], name="ratings_report_one_per_address_slot"
            ),
        ]
        indexes = [
            models.Index(fields=["page", "resolved_at"], name="ratings_report_page_open"),
        ]

    def __str__(self):
        return f"Report on step {self.step_id} of page {self.page_id}"
