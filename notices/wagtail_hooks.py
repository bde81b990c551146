"""The notices app in the Wagtail admin: a report of update notices under Reports, for users allowed to see it."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urls = (
    [
        path("", admin_views.UpdateNoticesReportView.as_view(), name="update_notices"),
        path("results/", admin_views.UpdateNoticesReportView.as_view(results_only=True), name="update_notices_results"),
    ],
    "notices_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reports/update-notices/", include(admin_urls))]


class UpdateNoticesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("notices.view_updatenotice")


@hooks.register("register_reports_menu_item")
def register_update_notices_report():
    return UpdateNoticesMenuItem(
        _("Update notices"),
        reverse("notices_admin:update_notices"),
        name="update-notices",
        icon_name="mail",
        order=1400,
    )
