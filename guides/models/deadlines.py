import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from .base import BasePage, IndexPage

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


def expire_before_deadline(response, deadline):
    """Keep a cached copy of the response from outliving the deadline's state change.

    Shared caches keep pages for PAGE_CACHE_SECONDS (page_cache/middleware.py); a deadline that passes within
    that time would leave the "before" text in the cache. For those few minutes the page says for itself how long
    it may be kept, and Varnish keeps it only until the due moment.
    """
    if deadline is None:
        return response
    remaining = (deadline.due_at - timezone.now()).total_seconds()
    if 0 <= remaining < getattr(settings, "PAGE_CACHE_SECONDS", 600) and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=0, s_maxage=int(remaining))
    return response


class DeadlineState(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    DUE_TODAY = "due_today", _("due today")
    PASSED = "passed", _("passed")


class DeadlineIndexPage(IndexPage):
    subpage_types = ["guides.DeadlinePage"]

    class Meta:
        verbose_name = _("deadline index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        deadlines = DeadlinePage.objects.child_of(self).live().order_by("due_at")
        now = timezone.now()
        context["upcoming_deadlines"] = [d for d in deadlines if d.due_at >= now]
        context["passed_deadlines"] = sorted(
            (d for d in deadlines if d.due_at < now), key=lambda d: d.due_at, reverse=True
        )
        return context


class DeadlinePage(BasePage):
    """A date by which readers must act. Its state comes from the clock, so it changes without an editor."""

    due_at = models.DateTimeField(
        _("due"),
        help_text=_("The last moment to act, in the time zone below (e.g. 23:59 on the last day)."),
    )
    time_zone = models.CharField(_("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="Europe/Berlin")
    summary = models.CharField(_("summary"), max_length=250, help_text=_("One sentence: who must do what."))
    about = RichTextField(_("what it is about"), features=["bold", "italic", "link", "ul", "ol"])
    before_text = RichTextField(
        _("before the deadline"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Shown until the deadline passes: what readers can still do."),
    )
    after_text = RichTextField(
        _("after the deadline"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Shown automatically once the deadline has passed: what still applies."),
    )

    translated_fields = ("summary", "about", "before_text", "after_text")
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("due_at"), FieldPanel("time_zone")], heading=_("When")),
        FieldPanel("summary"),
        FieldPanel("about"),
        FieldPanel("before_text"),
        FieldPanel("after_text"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("summary")]
    api_fields = [
        APIField("due_at"),
        APIField("time_zone"),
        APIField("state"),
        APIField("days_left"),
        APIField("summary"),
        APIField("about"),
        APIField("before_text"),
        APIField("after_text"),
    ]
    parent_page_types = ["guides.DeadlineIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("deadline")

    def serve(self, request, *args, **kwargs):
        return expire_before_deadline(super().serve(request, *args, **kwargs), self)

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_due_at(self):
        """The due moment in the deadline's own time zone, as the original announcement stated it."""
        return self.due_at.astimezone(self.tzinfo)

    def state_at(self, moment):
        if moment > self.due_at:
            return DeadlineState.PASSED
        if moment.astimezone(self.tzinfo).date() == self.local_due_at.date():
            return DeadlineState.DUE_TODAY
        return DeadlineState.UPCOMING

    @cached_property
    def state(self):
        return self.state_at(timezone.now())

    @property
    def is_passed(self):
        return self.state == DeadlineState.PASSED

    def days_left_at(self, moment):
        """Whole calendar days between today and the due date, both in the deadline's time zone."""
        today = moment.astimezone(self.tzinfo).date()
        return max((self.local_due_at.date() - today).days, 0)

    @cached_property
    def days_left(self):
        return self.days_left_at(timezone.now())

    @property
    def current_text(self):
        """The text that applies now: what to do before, or what still applies after the deadline."""
        return self.after_text if self.is_passed else self.before_text

    def reminder_moments(self):
        """When followers are reminded: seven days and one day before the deadline."""
        return {offset: self.due_at - timedelta(days=offset) for offset in (7, 1)}
