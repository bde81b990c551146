"""Reader pages of the notices app: update log, subscribe, confirm, manage, unsubscribe, feeds and calendars.

Pages reached through a link from an e-mail are personal and never cached. Forms post without a CSRF token (the
subscribe and new-link forms sit on cached or tokenless pages; the others are authorised by their link) and are
checked with config.same_origin.same_origin_post instead. The one-click unsubscribe accepts any POST (RFC 8058: mail
providers send it from their servers).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from config.rate_limits import over_limit
from config.same_origin import same_origin_post
from guides.models import DeadlinePage, Platform
from page_cache import keys

from . import step_changes, tokens
from .calendars import build_calendar
from .emails import page_url
from .forms import ManageForm, NewLinkForm, SubscribeForm, mailbox_key
from .models import LinkPurpose, Subscription, UpdateNotice
from .tasks import send_manage_links, send_subscription_email

NOTICES_PER_PAGE = 20


def error_page(request, title, message, status=400):
    return render(request, "notices/error.html", {"title": title, "message": message}, status=status)


def invalid_link(request):
    """The answer to every unknown, altered or expired link, with the form that e-mails a new manage link."""
    return render(request, "notices/invalid_link.html", {"form": NewLinkForm()}, status=400)


# --- Update log --------------------------------------------------------------------------------------------


@require_GET
def update_log(request):
    # Only what readers can open: notices of unpublished pages leave the log with their page.
    platforms = list(Platform.objects.filter(update_notices__page__live=True).distinct())
    # The filter is chosen among the platforms listed, never sent to the database: a query string is any text,
    # NUL bytes included, which PostgreSQL refuses. An unknown platform shows every notice.
    requested = request.GET.get("platform", "")
    platform = next((candidate for candidate in platforms if candidate.slug == requested), None)
    notices = UpdateNotice.objects.public().for_platform(platform).select_related("page").prefetch_related("platforms")
    page_of_notices = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    for notice in page_of_notices:
        notice.page_title = notice.page.specific_deferred.title
        notice.page_url = notice.page.specific_deferred.get_url()
    return render(
        request,
        "notices/update_log.html",
        {
            "notices": page_of_notices,
            "platforms": platforms,
            "selected_platform": platform,
        },
    )


@require_GET
def step_changes_page(request, notice_id):
    """What one update changed in a guide's steps, before and after, in the reader's language. Shared by every
    reader (page_cache.query.VIEW_PARAMETERS): it shows the guide, so a publication of the guide, which is
    also when its translations catch up, purges it."""
    notice = UpdateNotice.objects.public().select_related("page").filter(pk=notice_id).first()
    if notice is None or not notice.step_changes:
        return error_page(
            request, _("Update not found"), _("We have no update of a guide's steps at this address."), status=404
        )
    language = translation.get_language()
    guide = notice.page.specific
    keys.show(keys.notices_key(guide.pk))
    changes = step_changes.reader_view(notice, language)
    note, note_is_fallback = notice.note_in(language)
    return render(
        request,
        "notices/step_changes.html",
        {
            "notice": notice,
            "guide": guide,
            "guide_url": guide.get_url(request),
            "changes": changes,
            "has_changes": step_changes.has_changes(changes),
            "note": note,
            "note_is_fallback": note_is_fallback,
            "german_url": page_url(guide, settings.MODELTRANSLATION_DEFAULT_LANGUAGE) if changes["german_only"] else "",
        },
    )


# --- Subscribe and confirm -----------------------------------------------------------------------------------


def client_is_limited(request):
    # django-ratelimit stores a hash of the client address as the cache key, never the address itself.
    return over_limit(request, "notices.subscribe.client", "ip", settings.NOTICES_CLIENT_RATE)


def address_is_limited(request, email):
    """Counted per receiving mailbox, so that spellings of one address cannot each have their own limit."""

    def by_mailbox(group, request):
        return mailbox_key(email)

    return any(
        [
            over_limit(request, f"notices.confirm.address.{rate}", by_mailbox, rate)
            for rate in settings.NOTICES_ADDRESS_RATES
        ]
    )


@same_origin_post
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        initial = {key: request.GET[key] for key in ("scope", "platform", "page") if key in request.GET}
        return render(request, "notices/subscribe.html", {"form": SubscribeForm(initial=initial)})
    if client_is_limited(request):
        return error_page(
            request, _("Too many requests"), _("Please wait a while before you subscribe again."), status=429
        )
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "notices/subscribe.html", {"form": form}, status=400)
    data = form.cleaned_data
    # The answer below is the same for new, unconfirmed, confirmed and rate-limited addresses.
    if not address_is_limited(request, data["email"]):
        try:
            with transaction.atomic():
                subscription, kind = record_subscription(data, translation.get_language())
                transaction.on_commit(lambda: send_subscription_email.delay(subscription.pk, kind))
        except IntegrityError:
            # The same address and scope arrived twice at once; the other request stored it and sends the mail.
            pass
    return render(request, "notices/check_inbox.html", {"email": data["email"]})


def record_subscription(data, language):
    """Create or refresh the subscription; return it with the e-mail to send ("confirm" or "already")."""
    target = {"scope": data["scope"], "platform": data["platform"], "page": data["page"]}
    subscription = Subscription.objects.select_for_update().filter(email=data["email"], **target).first()
    if subscription is None:
        subscription = Subscription.objects.create(
            email=data["email"], language=language, frequency=data["frequency"], **target
        )
        return subscription, "confirm"
    if subscription.is_active:
        return subscription, "already"
    # Unconfirmed or unsubscribed: start the opt-in again with what the reader chose now.
    subscription.language, subscription.frequency = language, data["frequency"]
    subscription.confirmed_at = subscription.unsubscribed_at = None
    # The seven days an unconfirmed subscription is kept start again with this request.
    subscription.created_at = timezone.now()
    subscription.save(update_fields=["language", "frequency", "confirmed_at", "unsubscribed_at", "created_at"])
    return subscription, "confirm"


@same_origin_post
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = tokens.subscription_for(token, LinkPurpose.CONFIRM)
    if subscription is None or subscription.unsubscribed_at is not None:
        return invalid_link(request)
    context = {"subscription": subscription, "scope_label": subscription.scope_label(), "token": token}
    if subscription.confirmed_at is not None:
        return error_page(
            request,
            _("Already confirmed"),
            _(
                "This link was used before: your subscription is already active. "
                "The e-mails we send have a link to change or end it."
            ),
            status=409,
        )
    if request.method == "GET":
        # Confirming takes a button press: mail scanners that open links must not confirm on their own.
        return render(request, "notices/confirm.html", context)
    Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    context["manage_url"] = reverse("notices:manage", args=[tokens.manage_token(subscription)])
    return render(request, "notices/confirmed.html", context)


# --- Manage and unsubscribe --------------------------------------------------------------------------------


@same_origin_post
@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscription = tokens.subscription_for(token, LinkPurpose.MANAGE)
    if subscription is None:
        return invalid_link(request)
    if request.method == "POST" and request.POST.get("action") == "unsubscribe_all":
        Subscription.objects.filter(email=subscription.email, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now()
        )
        return render(request, "notices/unsubscribed.html", {"everything": True})
    if subscription.unsubscribed_at is not None:
        return render(request, "notices/unsubscribed.html", {"everything": False, "already": True})
    initial = {
        "language": subscription.language,
        "frequency": subscription.frequency,
        "scope": subscription.scope,
        "platform": subscription.platform,
        "page": subscription.page,
    }
    form = ManageForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            for name in ("language", "frequency", "scope", "platform", "page"):
                setattr(subscription, name, data[name])
            try:
                with transaction.atomic():
                    subscription.save()
            except IntegrityError:
                form.add_error("scope", _("You already follow this with the same address."))
            else:
                with translation.override(subscription.language):
                    url = reverse("notices:manage", args=[token])
                return redirect(f"{url}?saved=1")
        return render(request, "notices/manage.html", {"form": form, "subscription": subscription}, status=400)
    return render(
        request,
        "notices/manage.html",
        {
            "form": form,
            "subscription": subscription,
            "scope_label": subscription.scope_label(),
            "saved": request.GET.get("saved") == "1",
        },
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    if tokens.is_legacy(token):
        subscription = tokens.legacy_unsubscribe_subscription(token)
    else:
        subscription = tokens.subscription_for(token, LinkPurpose.UNSUBSCRIBE)
    if subscription is None:
        return invalid_link(request)
    context = {
        "scope_label": subscription.scope_label(),
        "manage_url": reverse("notices:manage", args=[tokens.manage_token(subscription)]),
    }
    if request.method == "GET":
        # The form posts to an opaque link, so an old signed one is not sent (and written to logs) once more.
        context["token"] = tokens.unsubscribe_token(subscription) if tokens.is_legacy(token) else token
        return render(request, "notices/unsubscribe.html", context)
    Subscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(unsubscribed_at=timezone.now())
    return render(request, "notices/unsubscribed.html", {**context, "everything": False})


@same_origin_post
@never_cache
@require_http_methods(["GET", "POST"])
def new_link(request):
    """E-mail a fresh manage link for each subscription of an address.

    The answer is the same whether the address follows anything, is unknown or is over its limit, so the form
    tells nobody which addresses are subscribed. Limits are shared with subscribing: per client and per
    receiving mailbox, so neither form can be used to fill somebody's inbox."""
    if request.method == "GET":
        return render(request, "notices/new_link.html", {"form": NewLinkForm()})
    if client_is_limited(request):
        return error_page(
            request, _("Too many requests"), _("Please wait a while before you ask for a new link again."), status=429
        )
    form = NewLinkForm(request.POST)
    if not form.is_valid():
        return render(request, "notices/new_link.html", {"form": form}, status=400)
    email = form.cleaned_data["email"]
    if not address_is_limited(request, email):
        ids = list(Subscription.objects.active().filter(email=email).order_by("pk").values_list("pk", flat=True))
        language = translation.get_language()
        # Enqueued for unknown addresses too (the task sends nothing then), so the answer takes as long either way.
        transaction.on_commit(lambda: send_manage_links.delay(ids, language))
    return render(request, "notices/new_link_sent.html")


# --- Calendars -----------------------------------------------------------------------------------------------


def calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def deadline_ics(request, deadline_id):
    deadline = DeadlinePage.objects.live().filter(pk=deadline_id).first()
    if deadline is None:
        return error_page(request, _("Deadline not found"), _("We have no deadline at this address."), status=404)
    language = translation.get_language()
    return calendar_response(build_calendar([deadline], language, deadline.title), f"deadline-{deadline.pk}.ics")


@require_GET
def upcoming_ics(request):
    language = translation.get_language()
    deadlines = DeadlinePage.objects.live().filter(due_at__gte=timezone.now()).order_by("due_at")
    return calendar_response(
        build_calendar(deadlines, language, _("Upcoming deadlines · Privacy guides")), f"deadlines-{language}.ics"
    )
