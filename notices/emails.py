"""E-mails to subscribers, rendered from templates in the subscriber's language, text and HTML.

Every message to a confirmed subscriber carries a one-click unsubscribe link in List-Unsubscribe and
List-Unsubscribe-Post (RFC 8058). Subjects are built from single-line values with whitespace collapsed, and
addresses were validated on the way in, so nothing a reader or editor typed can add a header.
"""

from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import step_changes, tokens
from .models import LinkPurpose


def absolute(path):
    """Our public address for a path (pages in a one-site setup return root-relative URLs)."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def single_line(text):
    return " ".join(str(text).split())


def page_url(page, language):
    with translation.override(language):
        return absolute(page.specific_deferred.get_url() or "/")


LINK_SLOT = "__link_secret__"


@lru_cache(maxsize=32)
def link_pattern(view_name, language):
    """The absolute URL of a token view with a slot for the token: reversed once, not once per message."""
    with translation.override(language):
        return absolute(reverse(view_name, args=[LINK_SLOT]))


def subscription_links(subscription):
    """The manage and one-click unsubscribe links of a subscription, in its language."""
    language = subscription.language
    manage, unsubscribe = tokens.issue_many(subscription, [LinkPurpose.MANAGE, LinkPurpose.UNSUBSCRIBE])
    return {
        "manage_url": link_pattern("notices:manage", language).replace(LINK_SLOT, manage),
        "unsubscribe_url": link_pattern("notices:unsubscribe", language).replace(LINK_SLOT, unsubscribe),
    }


# Stand-ins for the per-subscriber links while a message is rendered once for many subscribers.
MANAGE_PLACEHOLDER = "__notices_manage_url__"
UNSUBSCRIBE_PLACEHOLDER = "__notices_unsubscribe_url__"


def render_parts(subscription, template, subject, context, with_unsubscribe):
    """(subject, text, html) in the subscriber's language, with placeholders where the personal links go."""
    with translation.override(subscription.language):
        links = (
            {"manage_url": MANAGE_PLACEHOLDER, "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER} if with_unsubscribe else {}
        )
        context = {
            **context,
            **links,
            "scope_label": subscription.scope_label(),
            "site_url": settings.SITE_URL,
            "language": subscription.language,
        }
        text = render_to_string(f"notices/email/{template}.txt", context)
        html = render_to_string(f"notices/email/{template}.html", context)
        subject = single_line(subject() if callable(subject) else subject)
    return subject, text, html


def build_email(
    subscription, template, subject, context, connection=None, with_unsubscribe=True, cache=None, cache_key=None
):
    """Render notices/email/<template>.txt and .html in the subscriber's language into one message.

    With ``cache`` and ``cache_key``, messages that differ only in their personal links are rendered once:
    the key must cover everything the templates show besides those links (the language and scope included).
    """
    if cache is not None and cache_key is not None:
        key = (
            template,
            subscription.language,
            subscription.scope,
            subscription.platform_id,
            subscription.page_id,
            cache_key,
        )
        if key not in cache:
            cache[key] = render_parts(subscription, template, subject, context, with_unsubscribe)
        subject, text, html = cache[key]
    else:
        subject, text, html = render_parts(subscription, template, subject, context, with_unsubscribe)
    headers = {}
    if with_unsubscribe:
        links = subscription_links(subscription)
        for placeholder, url in (
            (MANAGE_PLACEHOLDER, links["manage_url"]),
            (UNSUBSCRIBE_PLACEHOLDER, links["unsubscribe_url"]),
        ):
            text, html = text.replace(placeholder, url), html.replace(placeholder, url)
        headers["List-Unsubscribe"] = f"<{links['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject, text, to=[subscription.email], headers=headers, connection=connection)
    message.attach_alternative(html, "text/html")
    return message


def confirmation_email(subscription, scope_label):
    with translation.override(subscription.language):
        confirm_url = absolute(reverse("notices:confirm", args=[tokens.confirm_token(subscription)]))
    return build_email(
        subscription,
        "confirm",
        lambda: _("Please confirm your subscription"),
        {"confirm_url": confirm_url, "scope_label": scope_label},
        with_unsubscribe=False,
    )


def already_subscribed_email(subscription, scope_label):
    """Sent instead of a confirmation when the address already follows this scope, so the web answer can be
    the same for new and known addresses."""
    with translation.override(subscription.language):
        manage_url = absolute(reverse("notices:manage", args=[tokens.manage_token(subscription)]))
    return build_email(
        subscription,
        "already_subscribed",
        lambda: _("You already follow these updates"),
        {"manage_url": manage_url, "scope_label": scope_label},
        with_unsubscribe=False,
    )


def manage_links_email(subscriptions, language):
    """A fresh manage link for each subscription of one address, in the language the reader asked in."""
    with translation.override(language):
        context = {
            "links": [
                {
                    "scope_label": subscription.scope_label(),
                    "manage_url": absolute(reverse("notices:manage", args=[tokens.manage_token(subscription)])),
                }
                for subscription in subscriptions
            ],
            "site_url": settings.SITE_URL,
            "language": language,
        }
        subject = single_line(_("Your links to manage your subscriptions"))
        text = render_to_string("notices/email/manage_links.txt", context)
        html = render_to_string("notices/email/manage_links.html", context)
    message = EmailMultiAlternatives(subject, text, to=[subscriptions[0].email])
    message.attach_alternative(html, "text/html")
    return message


def change_missing_in(notice, language):
    """Whether the page in ``language`` does not have the change yet: a text of its own (other than the change
    note) still lags behind the German original, as the editorial app's translation records say right now.
    Such a reader is sent to the German page instead of being told to read updated instructions."""
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return False
    TranslationStatus = apps.get_model("editorial", "TranslationStatus")
    return (
        TranslationStatus.objects.outdated()
        .filter(page_id=notice.page_id, language=language)
        .exclude(field="change_note")
        .exists()
    )


def step_changes_url(notice, language):
    with translation.override(language):
        return absolute(reverse("notices:step_changes", args=[notice.pk]))


def change_context(notice, page, language):
    """What the notice and digest e-mails say about where the change can be read, in ``language``, and which
    steps changed (notices/step_changes.py; German ones where the language has not caught up)."""
    missing = change_missing_in(notice, language)
    changes = step_changes.reader_view(notice, language)
    german_url = page_url(page, settings.MODELTRANSLATION_DEFAULT_LANGUAGE) if missing or changes["german_only"] else ""
    return {
        "change_missing": missing,
        "german_url": german_url if missing else "",
        "step_changes": changes,
        # Under the German-only steps, unless the message links the German page anyway (change_missing).
        "step_changes_german_url": "" if missing else german_url,
        "has_step_changes": step_changes.has_changes(changes),
        "step_changes_url": step_changes_url(notice, language) if notice.step_changes else "",
    }


def notice_email(delivery_notice, subscription, connection=None, cache=None):
    """The e-mail for one update notice. ``cache`` holds per-language page data shared by a whole chunk."""
    language = subscription.language
    cache = cache if cache is not None else {}
    key = (delivery_notice.pk, language)
    if key not in cache:
        page = delivery_notice.page.specific
        with translation.override(language):
            cache[key] = {
                "page_title": page.title,
                "page_url": page_url(page, language),
                "deadline": delivery_notice.deadline,
                "deadline_url": page_url(delivery_notice.deadline, language) if delivery_notice.deadline else "",
                **change_context(delivery_notice, page, language),
            }
    note, is_fallback = delivery_notice.note_in(language)
    data = cache[key]
    return build_email(
        subscription,
        "notice",
        lambda: _("Updated: %(title)s") % {"title": data["page_title"]},
        {**data, "notice": delivery_notice, "note": note, "note_is_fallback": is_fallback},
        connection=connection,
        cache=cache,
        cache_key=delivery_notice.pk,
    )


def digest_email(subscription, notices, connection=None):
    language = subscription.language
    items = []
    with translation.override(language):
        for notice in notices:
            note, is_fallback = notice.note_in(language)
            page = notice.page.specific
            items.append(
                {
                    "notice": notice,
                    "page_title": page.title,
                    "page_url": page_url(page, language),
                    "note": note,
                    "note_is_fallback": is_fallback,
                    "deadline": notice.deadline,
                    **change_context(notice, page, language),
                }
            )
    return build_email(
        subscription,
        "digest",
        lambda: _("Your weekly summary of guide updates"),
        {"items": items},
        connection=connection,
    )


def reminder_email(subscription, deadline, connection=None, cache=None):
    from .calendars import deadline_ics_url

    language = subscription.language
    with translation.override(language):
        context = {
            "deadline": deadline,
            "deadline_title": deadline.title,
            "deadline_url": page_url(deadline, language),
            "days_left": deadline.days_left,
            "calendar_url": absolute(deadline_ics_url(deadline)),
        }
        subject = _("Reminder: %(title)s") % {"title": deadline.title}
    return build_email(
        subscription,
        "reminder",
        subject,
        context,
        connection=connection,
        cache=cache,
        cache_key=(deadline.pk, deadline.days_left),
    )
