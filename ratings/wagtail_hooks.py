"""The ratings app in the Wagtail admin: two reports under Reports, for users allowed to see them."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .models import RatingSummary, StepReport

admin_urls = (
    [
        path("ratings/", admin_views.RatingsReportView.as_view(), name="ratings_report"),
        path(
            "ratings/results/", admin_views.RatingsReportView.as_view(results_only=True), name="ratings_report_results"
        ),
        path("step-reports/", admin_views.StepReportsIndexView.as_view(), name="step_reports"),
        path(
            "step-reports/results/",
            admin_views.StepReportsIndexView.as_view(results_only=True),
            name="step_reports_results",
        ),
        path("step-reports/<int:guide_id>/", admin_views.GuideStepReportsView.as_view(), name="guide_step_reports"),
    ],
    "ratings_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reports/ratings-app/", include(admin_urls))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_ratings_report():
    return PermissionMenuItem(
        _("Ratings"),
        reverse("ratings_admin:ratings_report"),
        name="ratings",
        icon_name="pick",
        order=1300,
        permission=f"ratings.view_{RatingSummary._meta.model_name}",
    )


@hooks.register("register_reports_menu_item")
def register_step_reports():
    return PermissionMenuItem(
        _("Step reports"),
        reverse("ratings_admin:step_reports"),
        name="step-reports",
        icon_name="warning",
        order=1310,
        permission=f"ratings.change_{StepReport._meta.model_name}",
    )
