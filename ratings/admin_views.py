"""The editors' reports: ratings of every page, and the open step reports of each guide."""

from collections import Counter

from django.contrib import messages
from django.db.models import Count, ExpressionWrapper, F, FloatField, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from guides.blocks import SURFACE_LABELS
from guides.models import GuidePage

from .models import RatingSummary, StepReport
from .steps import iter_steps


class DecimalColumn(Column):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        raw = context["raw_value"]
        # The admin's decimal separator: 4,25 in a German admin, 4.25 in an English one.
        context["value"] = number_format(raw, 2) if raw is not None else "–"
        return context


class DistributionColumn(Column):
    """A small bar chart (SVG) of the votes per star, 1 to 5 from left to right, scaled to the largest bar."""

    cell_template_name = "ratings/admin/distribution_cell.html"
    HEIGHT, BAR_WIDTH, GAP = 24, 10, 2

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        histogram = list(instance.histogram or [0] * 5)
        tallest = max(histogram) or 1
        context["histogram"] = histogram
        context["chart_width"] = 5 * (self.BAR_WIDTH + self.GAP)
        context["chart_height"] = self.HEIGHT
        context["bars"] = []
        for index, votes in enumerate(histogram):
            height = round(self.HEIGHT * votes / tallest)
            context["bars"].append(
                {
                    "x": index * (self.BAR_WIDTH + self.GAP),
                    "y": self.HEIGHT - height,
                    "width": self.BAR_WIDTH,
                    "height": height,
                }
            )
        return context


class RatingsReportView(ReportView):
    page_title = _("Ratings")
    header_icon = "pick"
    index_url_name = "ratings_admin:ratings_report"
    index_results_url_name = "ratings_admin:ratings_report_results"
    permission_policy = ModelPermissionPolicy(RatingSummary)
    any_permission_required = ["view"]
    default_ordering = "average"
    columns = [
        TitleColumn(
            "page",
            label=_("Page"),
            accessor="page.title",
            get_url=lambda summary: reverse("wagtailadmin_pages:edit", args=[summary.page_id]),
        ),
        NumberColumn("count", label=_("Votes"), sort_key="count"),
        DecimalColumn("average", label=_("Average"), sort_key="average"),
        DecimalColumn("since_average", label=_("Average since the last significant update")),
        DecimalColumn("drop", label=_("Drop in the last 30 days"), sort_key="drop"),
        DistributionColumn("histogram", label=_("Distribution")),
    ]
    list_export = [
        "page.title",
        "page_id",
        "count",
        "average",
        "since",
        "since_count",
        "since_average",
        "recent_count",
        "recent_average",
        "drop",
        "histogram",
    ]
    export_headings = {
        "page.title": _("Page"),
        "page_id": _("Page ID"),
        "count": _("Votes"),
        "average": _("Average"),
        "since": _("Last significant update"),
        "since_count": _("Votes since the update"),
        "since_average": _("Average since the update"),
        "recent_count": _("Votes in the last 30 days"),
        "recent_average": _("Average in the last 30 days"),
        "drop": _("Drop in the last 30 days"),
        "histogram": _("Votes for 1, 2, 3, 4, 5 stars"),
    }
    custom_field_preprocess = {
        "histogram": {fmt: (lambda histogram: " ".join(str(n) for n in histogram or [])) for fmt in ("csv", "xlsx")},
    }

    def get_queryset(self):
        # Drop: how far the last 30 days fall below the all-time average; the largest drops need a look first.
        queryset = (
            RatingSummary.objects.with_votes()
            .select_related("page")
            .annotate(drop=ExpressionWrapper(F("average") - F("recent_average"), output_field=FloatField()))
        )
        return self.order_queryset(queryset)

    def order_queryset(self, queryset):
        ordering = self.ordering or self.default_ordering
        descending = ordering.startswith("-")
        field = F(ordering.lstrip("-"))
        return queryset.order_by(field.desc(nulls_last=True) if descending else field.asc(nulls_last=True), "pk")


class StepReportsIndexView(ReportView):
    """Guides with open step reports, most reports first; each links to the guide's report."""

    page_title = _("Step reports")
    header_icon = "warning"
    index_url_name = "ratings_admin:step_reports"
    index_results_url_name = "ratings_admin:step_reports_results"
    permission_policy = ModelPermissionPolicy(StepReport)
    any_permission_required = ["view", "change"]
    default_ordering = "-open_reports"
    columns = [
        TitleColumn(
            "title",
            label=_("Guide"),
            get_url=lambda guide: reverse("ratings_admin:guide_step_reports", args=[guide.pk]),
        ),
        NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        NumberColumn("all_reports", label=_("All reports"), sort_key="all_reports"),
    ]
    list_export = ["title", "pk", "open_reports", "all_reports"]

    def get_queryset(self):
        queryset = GuidePage.objects.filter(pk__in=StepReport.objects.values("page_id")).annotate(
            open_reports=_report_count(StepReport.objects.open()), all_reports=_report_count(StepReport.objects)
        )
        return self.order_queryset(queryset)


def _report_count(reports):
    """A per-guide count of ``reports`` as a subquery, so the guide rows stay one per guide."""
    counts = reports.filter(page_id=OuterRef("pk")).order_by().values("page_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class GuideStepReportsView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One guide's steps with their open reports, counts by surface and language, and a resolve action."""

    template_name = "ratings/admin/guide_step_reports.html"
    header_icon = "warning"
    permission_policy = ModelPermissionPolicy(StepReport)
    permission_required = "change"

    def dispatch(self, request, *args, **kwargs):
        self.guide = get_object_or_404(GuidePage, pk=kwargs["guide_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Step reports")

    def get_page_subtitle(self):
        return self.guide.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("ratings_admin:step_reports"), "label": _("Step reports")},
            {"url": "", "label": self.guide.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_reports = list(StepReport.objects.open().filter(page_id=self.guide.pk))
        by_step = {}
        for report in open_reports:
            by_step.setdefault(report.step_id, []).append(report)
        steps = []
        known_ids = set()
        for step in iter_steps(self.guide, "de"):
            known_ids.add(step.block_id)
            reports = by_step.get(step.block_id, [])
            if reports:
                steps.append(
                    {
                        "step": step,
                        "surface_label": SURFACE_LABELS.get(step.surface, step.surface),
                        "reports": reports,
                        **_counts(reports),
                    }
                )
        # Reports on steps an editor has since deleted stay visible, so they can still be resolved.
        orphans = [report for step_id, reports in by_step.items() if step_id not in known_ids for report in reports]
        context.update(
            guide=self.guide, steps=steps, orphans=orphans, open_count=len(open_reports), **_counts(open_reports)
        )
        return context

    def post(self, request, *args, **kwargs):
        step_id = request.POST.get("step", "")
        reports = StepReport.objects.open().filter(page_id=self.guide.pk)
        if step_id != "__all__":
            reports = reports.filter(step_id=step_id)
        resolved = reports.update(resolved_at=timezone.now())
        messages.success(
            request,
            ngettext("%(count)s report marked as resolved.", "%(count)s reports marked as resolved.", resolved)
            % {"count": number_format(resolved, force_grouping=True)},
        )
        return redirect("ratings_admin:guide_step_reports", guide_id=self.guide.pk)


def _counts(reports):
    surfaces = Counter(report.surface for report in reports)
    languages = Counter(report.language for report in reports)
    return {
        "by_surface": sorted((SURFACE_LABELS.get(code, code), n) for code, n in surfaces.items()),
        "by_language": sorted(languages.items()),
    }
