"""Sign-in lockouts (django-axes, settings "Sign-in throttle"): the page a locked-out sign-in gets, and the admin
form with which an administrator sees the locked usernames and unlocks one before the lock runs out.
"""

from axes.models import AccessAttempt
from axes.utils import reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the admin's own sign-in layout, in the reader's language, with 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "editorial/sign_in_locked.html", context, status=429)


def locked_usernames():
    """Usernames whose failed attempts (from any address, within the cool-off) have reached the limit."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    totals = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .exclude(username__isnull=True)
        .exclude(username="")
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("username")
    )
    return [row["username"] for row in totals]


class UnlockForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("The account that cannot sign in. Its wrong-password counter starts again from zero."),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not get_user_model().objects.filter(username=username).exists():
            raise forms.ValidationError(_("There is no account with this username."))
        return username


class UnlockSignInView(WagtailAdminTemplateMixin, FormView):
    template_name = "editorial/sign_in_lockouts.html"
    form_class = UnlockForm
    page_title = _("Sign-in lockouts")
    header_icon = "lock-open"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=reverse("editorial_unlock_sign_in"),
            submit_button_label=_("Unlock"),
            submit_button_active_label=_("Unlocking…"),
            locked_usernames=locked_usernames(),
        )
        return context

    def form_valid(self, form):
        username = form.cleaned_data["username"]
        reset(username=username)
        messages.success(self.request, gettext("%(username)s can sign in again.") % {"username": username})
        return redirect("editorial_unlock_sign_in")
