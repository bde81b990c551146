"""Admin views: the verification action and the editorial reports."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from guides.models import GuidePage

from .forms import VerificationForm
from .models import PageFreshness, TranslationStatus
from .verification import VerificationRefused, can_verify, verify_guide


class VerifyGuideView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = VerificationForm
    header_icon = "tick"

    def dispatch(self, request, page_id):
        self.guide = get_object_or_404(GuidePage, pk=page_id)
        if not can_verify(self.guide, request.user):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return _("Verify “%(title)s”") % {"title": self.guide.title}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("editorial_verify_guide", args=[self.guide.pk]),
            submit_button_label=_("Record verification"),
            submit_button_active_label=_("Recording…"),
        )
        return context

    def form_valid(self, form):
        try:
            verify_guide(self.guide, self.request.user, **form.cleaned_data)
        except VerificationRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(self.request, _("Verification recorded."))
        return redirect("wagtailadmin_pages:edit", self.guide.pk)


class GuidesToVerifyView(ReportView):
    page_title = gettext_lazy("Guides to verify")
    header_icon = "warning"
    results_template_name = "editorial/reports/guides_to_verify_results.html"
    index_url_name = "editorial_guides_to_verify"
    index_results_url_name = "editorial_guides_to_verify_results"
    model = PageFreshness
    permission_required = "view"
    list_export = ["page.title", "reasons", "flagged_at", "page.specific.last_verified_on"]

    def get_queryset(self):
        return PageFreshness.objects.needing_verification().select_related("page").order_by("flagged_at", "page_id")

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        guides = GuidePage.objects.in_bulk([row.page_id for row in rows])
        for row in rows:
            row.guide = guides.get(row.page_id)
            row.can_verify = row.guide is not None and can_verify(row.guide, self.request.user)
        return rows


class OutdatedTranslationsView(ReportView):
    page_title = gettext_lazy("Outdated translations")
    header_icon = "globe"
    results_template_name = "editorial/reports/outdated_translations_results.html"
    index_url_name = "editorial_outdated_translations"
    index_results_url_name = "editorial_outdated_translations_results"
    model = TranslationStatus
    permission_required = "view"
    list_export = ["page_title", "language", "fields", "since"]

    def get_queryset(self):
        return (
            TranslationStatus.objects.outdated()
            .values("page_id", "page__title", "language")
            .annotate(since=Min("source_changed_at"))
            .order_by("since", "page_id", "language")
        )

    def decorate_paginated_queryset(self, object_list):
        rows = [dict(row) for row in object_list]
        fields = {}
        for status in TranslationStatus.objects.outdated().filter(page_id__in={row["page_id"] for row in rows}):
            fields.setdefault((status.page_id, status.language), []).append(status.field)
        names = dict(_language_names())
        for row in rows:
            row["fields"] = ", ".join(sorted(fields.get((row["page_id"], row["language"]), [])))
            row["page_title"] = row["page__title"]
            row["language_name"] = names.get(row["language"], row["language"])
        return rows


def _language_names():
    return [(code, str(name)) for code, name in settings.LANGUAGES]
