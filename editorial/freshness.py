"""The rules that flag a guide's steps "need verification", per surface and language, and what readers see.

The steps of one surface in one language are flagged when they were not verified for ``GUIDE_VERIFY_AFTER_DAYS``
days, when the surface has at least ``GUIDE_FLAG_OPEN_REPORTS`` open step reports, or when a link in them stopped
answering. A guide needs verification while any of its surfaces is flagged in any language.

German is always evaluated; another language only when it has steps of its own (its readers otherwise see the
German steps, and German's state). A translation whose steps lag behind the German ones counts only the
verifications made before the German change: a later check of the German steps says nothing about the old
translated ones.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from guides.i18n import has_content
from ratings.models import StepReport

from .link_check import links_in
from .models import FlagReason, LinkCheckResult, PageFreshness, TranslationStatus, VerificationRecord

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
REASON_ORDER = list(FlagReason.values)


def surface_blocks(guide):
    """{language: [(surface code, raw block value), …]} for German and each language with steps of its own."""
    by_language = {}
    for code in LANGUAGE_CODES:
        value = getattr(guide, f"steps_{code}", None)
        if code != DEFAULT_LANGUAGE and not has_content(value):
            continue
        raw = list(value.raw_data) if value is not None else []
        by_language[code] = [
            (block["value"].get("surface"), block["value"]) for block in raw if isinstance(block.get("value"), dict)
        ]
    return by_language


def open_report_counts(page_ids):
    """{(page id, surface): number of open step reports}."""
    rows = (
        StepReport.objects.filter(page_id__in=page_ids, resolved_at__isnull=True)
        .values("page_id", "surface")
        .annotate(count=Count("pk"))
    )
    return {(row["page_id"], row["surface"]): row["count"] for row in rows}


def outdated_steps(page_ids):
    """{(page id, language): since when that language's steps lag behind the German ones}."""
    rows = TranslationStatus.objects.outdated().filter(page_id__in=page_ids, field="steps")
    return {(row.page_id, row.language): row.source_changed_at for row in rows}


def shown_verifications(page_ids, outdated):
    """{(page id, language, surface): the newest verification that still speaks for the steps shown}."""
    shown = {}
    for record in VerificationRecord.objects.filter(page_id__in=page_ids).order_by("-verified_at", "-pk"):
        key = (record.page_id, record.language, record.surface)
        if key in shown:
            continue
        lagging_since = outdated.get((record.page_id, record.language))
        if lagging_since is not None and record.verified_at >= lagging_since:
            continue  # a check made after the German change, of steps that do not have it
        shown[key] = record
    return shown


def reasons_for(verified_at, open_reports, failing_links, today):
    """The flag reasons of one surface in one language, in FlagReason's order."""
    reasons = []
    verified = timezone.localdate(verified_at) if verified_at else None
    if verified is None or (today - verified) >= timedelta(days=settings.GUIDE_VERIFY_AFTER_DAYS):
        reasons.append(FlagReason.NOT_VERIFIED.value)
    if open_reports >= settings.GUIDE_FLAG_OPEN_REPORTS:
        reasons.append(FlagReason.OPEN_REPORTS.value)
    if failing_links:
        reasons.append(FlagReason.BROKEN_LINKS.value)
    return reasons


def evaluate_guides(guides):
    """Apply the rules to ``guides``; returns the ids of the guides whose reader-visible state changed."""
    guides = list(guides)
    now = timezone.now()
    today = timezone.localdate(now)
    ids = [guide.pk for guide in guides]
    reports = open_report_counts(ids)
    failing = {}
    for result in LinkCheckResult.objects.filter(page_id__in=ids, ok=False).only("page_id", "url"):
        failing.setdefault(result.page_id, set()).add(result.url)
    outdated = outdated_steps(ids)
    shown = shown_verifications(ids, outdated)
    changed = []
    for guide in guides:
        states = {}
        for language, blocks in surface_blocks(guide).items():
            for surface, block in blocks:
                record = shown.get((guide.pk, language, surface))
                broken = failing.get(guide.pk, set()) & set(links_in(block))
                states.setdefault(language, {})[surface] = {
                    "reasons": reasons_for(
                        record.verified_at if record else None, reports.get((guide.pk, surface), 0), broken, today
                    ),
                    "verified_at": record.verified_at.isoformat() if record else None,
                    "app_version": record.app_version if record else "",
                }
        if apply_states(guide.pk, states, now):
            changed.append(guide.pk)
    return changed


@transaction.atomic
def apply_states(page_id, states, now):
    """Store the surfaces' states; returns whether what readers see changed (a flag or a verification)."""
    freshness, _created = PageFreshness.objects.select_for_update().get_or_create(page_id=page_id)
    was_flagged, old_states = freshness.needs_verification, freshness.surface_states
    found = {code for language in states.values() for state in language.values() for code in state["reasons"]}
    reasons = [code for code in REASON_ORDER if code in found]
    freshness.needs_verification = bool(reasons)
    freshness.reasons = reasons
    freshness.surface_states = states
    freshness.last_checked_at = now
    if reasons and not was_flagged:
        # A new flag: it goes into the next moderators' digest.
        freshness.flagged_at, freshness.flag_notified_at = now, None
    if not reasons:
        freshness.flagged_at = None
    freshness.save()
    return was_flagged != freshness.needs_verification or old_states != states


def live_guides():
    GuidePage = apps.get_model("guides", "GuidePage")
    return GuidePage.objects.live()
