"""The reader's endpoints: a vote, a step report, and the page that thanks for a report.

Both forms sit on cached pages, so they carry no CSRF token; ``same_origin_post`` refuses cross-site posts
instead. Each answers JSON to the site's script (Accept: application/json) and a 303 redirect or a small page
to a plain form post. Bad input gets a 4xx with a message in the reader's language and stores nothing.
"""

import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage
from wagtail.models import Page

from config.same_origin import same_origin_post

from . import wording
from .models import StepReport
from .places import AddressQuotaReached
from .reports import store_report
from .scheduling import schedule_summary
from .steps import find_step
from .summaries import with_own_vote
from .voters import (
    cookie_token,
    daily_address_key,
    daily_client_key,
    new_token,
    rate_limit_key,
    set_voter_cookie,
    voter_key,
)
from .votes import record_vote

logger = logging.getLogger(__name__)

# A vote is a few dozen bytes and a report at most 500 characters; anything much bigger is not from our forms.
MAX_BODY_BYTES = 4096
MAX_NOTE_LENGTH = 500


class BadRequest(Exception):
    def __init__(self, status, message, page=None):
        super().__init__(message)
        self.status, self.message, self.page = status, message, page


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def error_response(request, error):
    if wants_json(request):
        response = JsonResponse({"error": error.message}, status=error.status)
    else:
        response = render(
            request, "ratings/error.html", {"message": error.message, "back_page": error.page}, status=error.status
        )
    if error.status == 405:
        response["Allow"] = "POST"
    return response


def check_request(request, group):
    """The checks every reader POST shares, in the order that stores nothing on failure."""
    if request.method != "POST":
        raise BadRequest(405, _("This address only accepts a form sent from one of our pages."))
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_BODY_BYTES + 1
    if length > MAX_BODY_BYTES:
        raise BadRequest(413, _("What you sent is too long."))
    if over_rate_limit(request, group):
        raise BadRequest(429, _("You have sent a lot in a short time. Please wait a few minutes and try again."))


def over_rate_limit(request, group):
    usage = get_usage(request, group=group, key=rate_limit_key, rate=settings.RATINGS_RATE_LIMIT, increment=True)
    if usage is None:
        return False
    if usage["limit"] == 0 and usage["time_left"] == -1:
        # django-ratelimit's sign that the cache (Redis) could not count: a vote must still be stored then,
        # so this limit fails open; the upsert still keeps it to one vote per reader and page.
        logger.warning("Rate limit for %s not checked: the cache is unavailable.", group)
        return False
    return usage["should_limit"]


def is_id(value):
    # ASCII digits only: str.isdigit() also accepts characters such as "²" that int() refuses.
    return re.fullmatch(r"[0-9]{1,12}", value) is not None


def parse_page_id(request):
    value = request.POST.get("page", "")
    if not is_id(value):
        raise BadRequest(400, _("We could not tell which page you meant."))
    return int(value)


def parse_stars(request):
    value = request.POST.get("stars", "").strip()
    if not value:
        raise BadRequest(400, _("Please choose from one to five stars."))
    if not re.fullmatch(r"[1-5]", value):
        raise BadRequest(400, _("A rating is a whole number of stars from one to five."))
    return int(value)


def live_page(page_id):
    return Page.objects.live().filter(pk=page_id).first()


def finish(response, status=None):
    # The answer is about one reader: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    if status is not None:
        response.status_code = status
    return response


@never_cache
@same_origin_post
def vote(request):
    try:
        check_request(request, "ratings-vote")
        page_id = parse_page_id(request)
        stars = parse_stars(request)
        known_token = cookie_token(request)
        token = known_token or new_token()
        try:
            # Committed when it returns (see ratings/votes.py).
            recorded = record_vote(page_id, stars, token, daily_address_key(request), new_voter=known_token is None)
        except AddressQuotaReached:
            raise BadRequest(
                429,
                _(
                    "Today this page has received as many votes from your network as we count "
                    "from one network. Thank you all the same."
                ),
            ) from None
        if recorded is None:
            raise BadRequest(404, _("This page cannot be rated. It may have been removed or not published yet."))
    except BadRequest as error:
        if not wants_json(request) and error.page is None and request.method == "POST":
            page_id = request.POST.get("page", "")
            error.page = live_page(page_id) if is_id(page_id) else None
        return finish(error_response(request, error))

    transaction.on_commit(lambda: schedule_summary(page_id))
    if wants_json(request):
        # The tally as it will be once the summary is published, so the reader sees their vote counted at once.
        response = JsonResponse(
            {
                "own_vote": stars,
                "message": wording.thanks_text(stars),
                "tally": tally_json(with_own_vote(recorded.summary, stars, recorded.previous)),
            }
        )
    else:
        page = live_page(page_id).specific
        response = HttpResponseRedirect(f"{page.get_url(request)}?rated={stars}#rating", status=303)
    set_voter_cookie(response, request, token)
    return finish(response)


def tally_json(summary):
    def numbers(count, average, bars):
        return {
            "count": count,
            "average": float(average) if average is not None else None,
            "text": wording.tally_text(count, average),
            "bars": [
                {"stars": stars, "count": n, "count_text": wording.count_text(n), "percent": pct}
                for stars, n, pct in bars
            ],
        }

    data = {"all_time": numbers(summary.count, summary.average, summary.bars())}
    if summary.has_since:
        data["since_update"] = numbers(summary.since_count, summary.since_average, summary.since_bars())
    return data


@never_cache
@same_origin_post
def report_step(request):
    try:
        check_request(request, "ratings-step-report")
        page_id = parse_page_id(request)
        page = live_page(page_id)
        page = page.specific if page is not None else None
        step = find_step(page, request.POST.get("step", "")) if page is not None else None
        if step is None:
            raise BadRequest(
                404, _("We could not find this step. The guide may have changed; please reload it."), page=page
            )
        note = clean_note(request.POST.get("note", ""), page)
        token = cookie_token(request)
        reporter = voter_key(token) if token else daily_client_key(request)
        try:
            store_report(
                StepReport(
                    page_id=page.pk,
                    step_id=step.block_id,
                    surface=step.surface,
                    language=translation.get_language(),
                    note=note,
                    reporter=reporter,
                    daily_address=daily_address_key(request),
                    day=timezone.now().date(),
                )
            )
        except AddressQuotaReached:
            raise BadRequest(
                429,
                _(
                    "Today this guide has received as many reports from your network as we "
                    "count from one network. Thank you all the same."
                ),
                page=page,
            ) from None
    except BadRequest as error:
        return finish(error_response(request, error))

    message = _("Thank you! Our editors will check this step.")
    if wants_json(request):
        return finish(JsonResponse({"message": message}))
    query = urlencode({"page": page.pk, "step": step.block_id})
    return finish(HttpResponseRedirect(f"{reverse('ratings:report_sent')}?{query}", status=303))


def clean_note(value, page):
    # Plain text only: templates escape it; control characters other than line breaks are dropped.
    note = "".join(ch for ch in value.replace("\r\n", "\n") if ch in "\n\t" or ch.isprintable()).strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise BadRequest(400, _("Please keep your note to %(max)s characters.") % {"max": MAX_NOTE_LENGTH}, page=page)
    return note


def report_sent(request):
    """The page a plain form post lands on after a step report: the same for everyone, so cacheable."""
    page_id = request.GET.get("page", "")
    page = live_page(page_id) if is_id(page_id) else None
    page = page.specific if page is not None else None
    step = find_step(page, request.GET.get("step", "")) if page is not None else None
    return render(request, "ratings/report_sent.html", {"back_page": page, "step": step})
