"""Editorial additions to Wagtail's admin: reports, dashboard panels, the verify action, step compare."""

from django.conf import settings
from django.db.models.signals import pre_save
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Revision

from guides.models import GuidePage

from . import compare, moderation_guard, views
from .oversize_posts import oversize_message
from .panels import panels_for
from .sign_in_lockouts import UnlockSignInView
from .source_watch_admin import AcknowledgeSourceView, watched_source_viewset
from .verification import can_verify

compare.register()
# Nobody the review lock shuts out adds a revision to a page in review, whichever admin path they take.
pre_save.connect(
    moderation_guard.refuse_revision_from_locked_out_user, sender=Revision, dispatch_uid="editorial_moderation_guard"
)


@hooks.register("register_admin_urls")
def editorial_admin_urls():
    return [
        path("editorial/guides/<int:page_id>/verify/", views.VerifyGuideView.as_view(), name="editorial_verify_guide"),
        path("editorial/guides-to-verify/", views.GuidesToVerifyView.as_view(), name="editorial_guides_to_verify"),
        path(
            "editorial/guides-to-verify/results/",
            views.GuidesToVerifyView.as_view(results_only=True),
            name="editorial_guides_to_verify_results",
        ),
        path(
            "editorial/watched-sources/<int:source_id>/checked/",
            AcknowledgeSourceView.as_view(),
            name="editorial_acknowledge_source",
        ),
        path(
            "editorial/outdated-translations/",
            views.OutdatedTranslationsView.as_view(),
            name="editorial_outdated_translations",
        ),
        path(
            "editorial/outdated-translations/results/",
            views.OutdatedTranslationsView.as_view(results_only=True),
            name="editorial_outdated_translations_results",
        ),
    ]


class EditorialReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("editorial.view_pagefreshness")


@hooks.register("register_reports_menu_item")
def guides_to_verify_menu_item():
    return EditorialReportMenuItem(
        _("Guides to verify"),
        reverse("editorial_guides_to_verify"),
        name="guides-to-verify",
        icon_name="warning",
        order=650,
    )


@hooks.register("register_reports_menu_item")
def outdated_translations_menu_item():
    return EditorialReportMenuItem(
        _("Outdated translations"),
        reverse("editorial_outdated_translations"),
        name="outdated-translations",
        icon_name="globe",
        order=660,
    )


@hooks.register("register_admin_viewset")
def register_watched_sources():
    return watched_source_viewset


class WatchedSourcesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("editorial.view_watchedsource")


@hooks.register("register_reports_menu_item")
def watched_sources_menu_item():
    return WatchedSourcesMenuItem(
        _("Watched sources"),
        reverse("watched_sources:index"),
        name="watched-sources",
        icon_name="link-external",
        order=670,
    )


@hooks.register("insert_editor_js")
def form_size_check():
    """The page editor refuses to send a form the server would refuse as too large (editorial/oversize_posts.py)."""
    return format_html(
        '<script src="{}" data-max-fields="{}" data-message="{}"></script>',
        static("editorial/js/form_size_check.js"),
        settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        oversize_message(),
    )


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    panels.extend(panels_for(request))


class VerifyGuideButton(PageMenuItem):
    label = _("Verify steps")
    icon_name = "tick"
    url_name = "editorial_verify_guide"

    def is_shown(self, user):
        return isinstance(self.page.specific_deferred, GuidePage) and can_verify(self.page.specific_deferred, user)


@hooks.register("register_page_listing_more_buttons")
def verify_in_listing(page, user, next_url=None):
    yield VerifyGuideButton(page=page, priority=45)


@hooks.register("register_page_header_buttons")
def verify_in_header(page, user, view_name, next_url=None):
    yield VerifyGuideButton(page=page, priority=62)


@hooks.register("register_admin_urls")
def sign_in_lockout_urls():
    return [path("editorial/sign-in-lockouts/", UnlockSignInView.as_view(), name="editorial_unlock_sign_in")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def sign_in_lockouts_menu_item():
    return SuperuserMenuItem(
        _("Sign-in lockouts"),
        reverse("editorial_unlock_sign_in"),
        name="sign-in-lockouts",
        icon_name="lock-open",
        order=900,
    )
