"""The moderators' e-mails: guides newly flagged "needs verification" (daily) and changed official pages."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from .models import FlagReason, PageFreshness, SourceChange
from .setup import MODERATORS


def moderators():
    return get_user_model().objects.filter(groups__name=MODERATORS, is_active=True).exclude(email="").distinct()


def admin_language(user):
    return UserProfile.get_for_user(user).get_preferred_language()


def admin_url(view_name, *args):
    return settings.WAGTAILADMIN_BASE_URL + reverse(view_name, args=args)


def mail_moderators(template, context_in_language):
    """Send each moderator one e-mail from ``template`` (``<template>_subject.txt`` and ``<template>.txt``) in
    their admin language, with what ``context_in_language()`` returns in that language; returns how many."""
    messages = []
    for user in moderators():
        with translation.override(admin_language(user)):
            context = {"user": user, **context_in_language()}
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}.txt", context)
        messages.append(EmailMessage(subject, body, to=[user.email]))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


@transaction.atomic
def send_new_flags_digest():
    """E-mail each moderator, in their admin language, the flags not yet sent; returns the number of e-mails."""
    new_flags = list(
        PageFreshness.objects.select_for_update()
        .filter(needs_verification=True, flag_notified_at__isnull=True)
        .select_related("page")
        .order_by("flagged_at")
    )
    if not new_flags:
        return 0
    items = [
        {
            "title": flag.page.title,
            "reasons": flag.reasons,
            "flagged_at": flag.flagged_at,
            "edit_url": admin_url("wagtailadmin_pages:edit", flag.page_id),
        }
        for flag in new_flags
    ]
    sent = mail_moderators(
        "editorial/emails/new_flags",
        lambda: {
            "items": [
                {**item, "reason_labels": [str(FlagReason(code).label) for code in item["reasons"]]} for item in items
            ],
            "report_url": admin_url("editorial_guides_to_verify"),
        },
    )
    PageFreshness.objects.filter(pk__in=[flag.pk for flag in new_flags]).update(flag_notified_at=timezone.now())
    return sent


@transaction.atomic
def send_source_change_emails():
    """E-mail each moderator, in their admin language, the watched-source changes not yet sent (each goes once)."""
    changes = list(
        SourceChange.objects.select_for_update()
        .filter(notified_at__isnull=True)
        .select_related("source__guide")
        .order_by("detected_at")
    )
    if not changes:
        return 0
    sent = mail_moderators(
        "editorial/emails/source_changes",
        lambda: {
            "changes": [
                {
                    "guide": change.source.guide.title,
                    "label": change.source.label,
                    "url": change.source.url,
                    "kind": change.get_kind_display(),
                    "diff": change.diff,
                    "edit_url": admin_url("wagtailadmin_pages:edit", change.source.guide_id),
                }
                for change in changes
            ],
            "dashboard_url": admin_url("wagtailadmin_home"),
        },
    )
    SourceChange.objects.filter(pk__in=[change.pk for change in changes]).update(notified_at=timezone.now())
    return sent
