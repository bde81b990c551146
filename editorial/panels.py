"""Dashboard panels on Wagtail's admin home: what editors should fix next, each row linking to where it is fixed."""

from django.apps import apps
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from ratings.models import RatingSummary, StepReport

from .models import PageFreshness, TranslationStatus, WatchedSource
from .source_watch_admin import ACKNOWLEDGE_PERMISSION
from .verification import can_verify

ROWS = 5


def edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def rating_text(average, count):
    """ "4,2 from 1.234 votes" in the admin's language, with its decimal and thousands separators."""
    return ngettext("%(average)s from %(count)s vote", "%(average)s from %(count)s votes", count) % {
        "average": number_format(average, 1),
        "count": number_format(count, force_grouping=True),
    }


class EditorialPanel(Component):
    """A dashboard panel: a heading with a count, up to ROWS rows (text, detail, link) and a link to all."""

    template_name = "editorial/panels/panel.html"
    heading = ""
    empty_text = ""

    def __init__(self, request):
        self.request = request

    def rows_and_count(self):
        raise NotImplementedError

    def all_url(self):
        return None

    def get_context_data(self, parent_context):
        rows, count = self.rows_and_count()
        return {
            "panel_id": self.name,
            "heading": self.heading,
            "rows": rows,
            "count": count,
            "empty_text": self.empty_text,
            "all_url": self.all_url(),
        }


class NextDeadlinesPanel(EditorialPanel):
    name = "editorial-next-deadlines"
    order = 60
    heading = _("Next deadlines")
    empty_text = _("No upcoming deadline.")

    def rows_and_count(self):
        DeadlinePage = apps.get_model("guides", "DeadlinePage")
        upcoming = DeadlinePage.objects.live().filter(due_at__gte=timezone.now()).order_by("due_at")
        rows = [{"text": page.title, "detail": page.local_due_at, "url": edit_url(page.pk)} for page in upcoming[:ROWS]]
        return rows, upcoming.count()


class GuidesToVerifyPanel(EditorialPanel):
    name = "editorial-guides-to-verify"
    order = 61
    heading = _("Guides that need verification")
    empty_text = _("Every guide was verified recently.")

    def rows_and_count(self):
        flagged = PageFreshness.objects.needing_verification().select_related("page").order_by("flagged_at")
        rows = [
            {
                "text": row.page.title,
                "detail": ", ".join(str(label) for label in row.reason_labels()),
                "url": self.row_url(row.page),
            }
            for row in flagged[:ROWS]
        ]
        return rows, flagged.count()

    def row_url(self, page):
        """The verify form for those who may record a verification, else the editor where the steps are fixed."""
        if can_verify(page, self.request.user):
            return reverse("editorial_verify_guide", args=[page.pk])
        return edit_url(page.pk)

    def all_url(self):
        return reverse("editorial_guides_to_verify")


class OutdatedTranslationsPanel(EditorialPanel):
    name = "editorial-outdated-translations"
    order = 62
    heading = _("Outdated translations")
    empty_text = _("Every translation is up to date.")

    def rows_and_count(self):
        pairs = (
            TranslationStatus.objects.outdated()
            .values("page_id", "page__title", "language")
            .distinct()
            .order_by("page__title", "language")
        )
        rows = [
            {"text": row["page__title"], "detail": row["language"].upper(), "url": edit_url(row["page_id"])}
            for row in pairs[:ROWS]
        ]
        return rows, pairs.count()

    def all_url(self):
        return reverse("editorial_outdated_translations")


class NewStepReportsPanel(EditorialPanel):
    name = "editorial-new-step-reports"
    order = 63
    heading = _("New step reports")
    empty_text = _("No open step report.")

    def rows_and_count(self):
        reports = StepReport.objects.filter(resolved_at__isnull=True).select_related("page").order_by("-created_at")
        # The ratings app's list of a guide's reports is where they are resolved.
        rows = [
            {
                "text": report.page.title,
                "detail": report.created_at,
                "url": reverse("ratings_admin:guide_step_reports", args=[report.page_id]),
            }
            for report in reports[:ROWS]
        ]
        return rows, reports.count()

    def all_url(self):
        return reverse("ratings_admin:step_reports")


class LowestRatedPanel(EditorialPanel):
    name = "editorial-lowest-rated"
    order = 64
    heading = _("Lowest-rated pages")
    empty_text = _("No ratings yet.")

    def rows_and_count(self):
        rated = RatingSummary.objects.filter(count__gt=0).select_related("page").order_by("average", "-count")
        rows = [
            {
                "text": summary.page.title,
                "detail": rating_text(summary.average, summary.count),
                "url": edit_url(summary.page_id),
            }
            for summary in rated[:ROWS]
        ]
        return rows, rated.count()

    def all_url(self):
        return reverse("ratings_admin:ratings_report")


class ChangedSourcesPanel(EditorialPanel):
    """Official pages a guide follows that changed or vanished: the diff, the guide to fix, "checked" to clear."""

    name = "editorial-changed-sources"
    order = 59
    template_name = "editorial/panels/changed_sources.html"
    heading = _("Changed official pages")
    empty_text = _("No official page changed since it was last checked.")

    def rows_and_count(self):
        flagged = WatchedSource.objects.flagged().select_related("guide").order_by("-changed_at")
        rows = [
            {"source": source, "text": source.guide.title, "url": edit_url(source.guide_id)}
            for source in flagged[:ROWS]
        ]
        return rows, flagged.count()

    def all_url(self):
        return reverse("watched_sources:index") + "?status=changed"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            can_acknowledge=self.request.user.has_perm(ACKNOWLEDGE_PERMISSION),
            next_url=self.request.get_full_path(),
            csrf_token=get_token(self.request),
        )
        return context


PANELS = (
    ChangedSourcesPanel,
    NextDeadlinesPanel,
    GuidesToVerifyPanel,
    OutdatedTranslationsPanel,
    NewStepReportsPanel,
    LowestRatedPanel,
)


def panels_for(request):
    """The panels this user may see: members of the editorial groups (and superusers)."""
    if not request.user.has_perm("editorial.view_pagefreshness"):
        return []
    return [panel(request) for panel in PANELS]
