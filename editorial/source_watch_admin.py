"""The admin side of watched sources: the list where editors attach official pages to guides, and the
"checked, no change needed" action of the dashboard panel."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.viewsets.model import ModelViewSet

from .models import WatchedSource
from .source_watch import acknowledge

# Editors and moderators (editorial/setup.py) hold it; translators do not.
ACKNOWLEDGE_PERMISSION = "editorial.change_watchedsource"


class WatchedSourceViewSet(ModelViewSet):
    model = WatchedSource
    icon = "link-external"
    menu_label = gettext_lazy("Watched sources")
    menu_order = 670
    add_to_admin_menu = False  # listed under Reports, beside the other editorial lists (wagtail_hooks.py)
    name = "watched_sources"
    url_prefix = "editorial/watched-sources"
    # What the editor sets; the rest is written by the checks.
    form_fields = ["guide", "label", "url"]
    list_display = ["label", "guide", "url", "status", "last_checked_at"]
    list_filter = ["status"]
    search_fields = ["label", "url"]
    copy_view_enabled = False


watched_source_viewset = WatchedSourceViewSet()


class AcknowledgeSourceView(View):
    """POST only: the editor looked at the change and the guide needs no update; the flag is cleared."""

    http_method_names = ["post"]

    def post(self, request, source_id):
        if not request.user.has_perm(ACKNOWLEDGE_PERMISSION):
            raise PermissionDenied
        source = get_object_or_404(WatchedSource, pk=source_id)
        acknowledge(source, request.user)
        messages.success(request, _("“%(label)s” marked as checked.") % {"label": source.label})
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = "wagtailadmin_home"
        return redirect(next_url)
