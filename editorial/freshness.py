"""The rules that flag a guide "needs verification", and the verification that clears the flag.

A guide is flagged when it was not verified for ``GUIDE_VERIFY_AFTER_DAYS`` days, when it has at least
``GUIDE_FLAG_OPEN_REPORTS`` open step reports, or when a link in its steps stopped answering.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from ratings.models import StepReport

from .models import FlagReason, LinkCheckResult, PageFreshness, VerificationRecord


def open_report_counts(page_ids):
    rows = (StepReport.objects.filter(page_id__in=page_ids, resolved_at__isnull=True)
            .values("page_id").annotate(count=Count("pk")))
    return {row["page_id"]: row["count"] for row in rows}


def latest_verifications(page_ids):
    rows = (VerificationRecord.objects.filter(page_id__in=page_ids).values("page_id")
            .annotate(latest=Max("verified_at")))
    return {row["page_id"]: timezone.localdate(row["latest"]) for row in rows}


def reasons_for(guide, open_reports, failing_links, today, recorded_on=None):
    """The flag reasons for one guide; verified means the later of its own date and a recorded verification."""
    reasons = []
    dates = [d for d in (guide.last_verified_on, recorded_on) if d]
    verified = max(dates) if dates else None
    if verified is None or (today - verified) >= timedelta(days=settings.GUIDE_VERIFY_AFTER_DAYS):
        reasons.append(FlagReason.NOT_VERIFIED.value)
    if open_reports >= settings.GUIDE_FLAG_OPEN_REPORTS:
        reasons.append(FlagReason.OPEN_REPORTS.value)
    if failing_links:
        reasons.append(FlagReason.BROKEN_LINKS.value)
    return reasons


def evaluate_guides(guides):
    """Apply the rules to ``guides``; returns the ids of the guides whose flag changed (set or cleared)."""
    guides = list(guides)
    now = timezone.now()
    today = timezone.localdate(now)
    ids = [guide.pk for guide in guides]
    reports = open_report_counts(ids)
    failing = set(LinkCheckResult.objects.filter(page_id__in=ids, ok=False).values_list("page_id", flat=True))
    recorded = latest_verifications(ids)
    changed = []
    for guide in guides:
        reasons = reasons_for(guide, reports.get(guide.pk, 0), guide.pk in failing, today, recorded.get(guide.pk))
        if apply_reasons(guide.pk, reasons, now):
            changed.append(guide.pk)
    return changed


@transaction.atomic
def apply_reasons(page_id, reasons, now):
    freshness, _created = PageFreshness.objects.select_for_update().get_or_create(page_id=page_id)
    was_flagged = freshness.needs_verification
    freshness.needs_verification = bool(reasons)
    freshness.reasons = reasons
    freshness.last_checked_at = now
    if reasons and not was_flagged:
        # A new flag: it goes into the next moderators' digest.
        freshness.flagged_at, freshness.flag_notified_at = now, None
    if not reasons:
        freshness.flagged_at = None
    freshness.save()
    return was_flagged != freshness.needs_verification


def live_guides():
    GuidePage = apps.get_model("guides", "GuidePage")
    return GuidePage.objects.live().only("pk", "last_verified_on")
