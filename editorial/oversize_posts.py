"""A clear answer to an admin form too large to read, instead of Django's bare "Bad Request (400)".

Django refuses a POST with more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS, or more data than
DATA_UPLOAD_MAX_MEMORY_SIZE, when it first reads the form: in the CSRF check, before any view runs, with a blank
400 page. An editor who saved a very large page would see that and could not tell whether their text was stored.
This middleware reads the form of admin POSTs first; when Django refuses it, it answers 413 with a page in the
editor's admin language that says nothing was saved and how to get the text back, or, to the editor's autosave
(which asks for JSON), with an error in the shape Wagtail's autosave shows to the editor.

The page editor also counts its fields before it sends them (static/editorial/js/form_size_check.js, added by
wagtail_hooks.py), so an editor who clicks Save keeps the text on the page and never reaches this answer.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext
from wagtail.admin.localization import get_localized_response


class OversizeAdminPostMiddleware:
    """Place it after AuthenticationMiddleware (for the user's admin language) and before any middleware that
    reads request.POST in its __call__ (CsrfViewMiddleware reads it later, in process_view)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = settings.CSP_ADMIN_PATH_PREFIX

    def __call__(self, request):
        if request.method == "POST" and request.path.startswith(self.admin_prefix):
            try:
                request.POST  # noqa: B018 (reading it is the check)
            except (TooManyFieldsSent, RequestDataTooBig) as refused:
                return get_localized_response(refusal, request, refused)
        return self.get_response(request)


def refusal(request, refused):
    too_many_fields = isinstance(refused, TooManyFieldsSent)
    if request.accepts("text/html"):
        return render(
            request,
            "editorial/oversize_post.html",
            {
                "too_many_fields": too_many_fields,
                "max_fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
                "max_megabytes": round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20, 1),
            },
            status=413,
        )
    # Wagtail's autosave shows error_message for the error codes it knows and keeps the editor's text.
    return JsonResponse(
        {"success": False, "error_code": "validation_error", "error_message": oversize_message()}, status=413
    )


def oversize_message():
    """The one-line explanation shown in the editor (by its autosave, and by the check before sending)."""
    return gettext(
        "Not saved: this page is too large to be saved in one piece (at most %(max)s fields). Your "
        "text is still here; copy what you need, then remove steps or blocks until it fits."
    ) % {"max": number_format(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS, force_grouping=True)}
