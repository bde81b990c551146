"""The operators' view of update notices in the Wagtail admin: when each went out and how far its fan-out got."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import UpdateNotice


class FanOutStateColumn(Column):
    def get_value(self, instance):
        if instance.fanout_started_at is None:
            return _("waiting for the broker (the sweeper retries)")
        if instance.fanout_finished_at is None:
            return _("fan-out running")
        if instance.unsent:
            return _("sending")
        return _("done")


class UpdateNoticesReportView(ReportView):
    page_title = _("Update notices")
    header_icon = "mail"
    index_url_name = "notices_admin:update_notices"
    index_results_url_name = "notices_admin:update_notices_results"
    permission_policy = ModelPermissionPolicy(UpdateNotice)
    any_permission_required = ["view"]
    columns = [
        TitleColumn(
            "page",
            label=_("Page"),
            accessor="page.title",
            get_url=lambda notice: reverse("wagtailadmin_pages:edit", args=[notice.page_id]),
        ),
        DateColumn("published_at", label=_("Published")),
        Column("note_de", label=_("Change note (German)")),
        NumberColumn("sent", label=_("E-mails sent")),
        NumberColumn("unsent", label=_("Still to send")),
        FanOutStateColumn("state", label=_("State")),
    ]
    list_export = [
        "page.title",
        "page_id",
        "published_at",
        "note_de",
        "sent",
        "unsent",
        "fanout_started_at",
        "fanout_finished_at",
    ]

    def get_queryset(self):
        return (
            UpdateNotice.objects.select_related("page")
            .order_by("-published_at", "-pk")
            .annotate(
                sent=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
                unsent=Count("deliveries", filter=Q(deliveries__sent_at__isnull=True)),
            )
        )
