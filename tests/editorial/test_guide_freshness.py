"""The rules that flag a guide, under a frozen clock, and the verification that clears the flag."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse
from django.utils.html import strip_tags

from editorial import tasks
from editorial.models import FlagReason, LinkCheckResult, PageFreshness, VerificationRecord
from editorial.verification import VerificationRefused, verify_guide
from guides.models import GuidePage
from tests.factories import LANGUAGES, record_verifications

BERLIN = ZoneInfo("Europe/Berlin")


def at(day):
    """Noon on ``day`` in Berlin, as a frozen clock."""
    return time_machine.travel(datetime.combine(day, datetime.min.time().replace(hour=12), tzinfo=BERLIN), tick=False)


def set_verified(guide, day):
    """Every surface of ``guide`` checked at noon on ``day`` in every language, and nothing since."""
    VerificationRecord.objects.filter(page_id=guide.pk).delete()
    record_verifications(
        guide,
        datetime.combine(day, datetime.min.time().replace(hour=12), tzinfo=BERLIN),
        LANGUAGES,
        [code for code, _label, _steps in guide.surfaces],
    )


def flag(guide):
    return PageFreshness.objects.get(page_id=guide.pk)


@pytest.mark.parametrize("days, flagged", [(29, False), (30, True)])
def test_flagged_after_n_days_without_verification(site_tree, settings, days, flagged):
    settings.GUIDE_VERIFY_AFTER_DAYS = 30
    set_verified(site_tree.guide, date(2027, 1, 1))
    with at(date(2027, 1, 1 + days)):
        tasks.flag_stale_guides()
    assert flag(site_tree.guide).needs_verification is flagged
    assert (FlagReason.NOT_VERIFIED in flag(site_tree.guide).reasons) is flagged


def report(guide, n, resolved=False):
    StepReport = apps.get_model("ratings", "StepReport")
    return StepReport.objects.create(
        page=guide,
        step_id=guide.steps_de[0].value["steps"][0].id,
        surface="web",
        language="de",
        reporter=f"reader-{n}",
        day=date(2027, 1, 1),
        resolved_at=datetime(2027, 1, 2, tzinfo=BERLIN) if resolved else None,
    )


def test_flagged_with_k_open_step_reports(site_tree, settings):
    settings.GUIDE_FLAG_OPEN_REPORTS = 2
    set_verified(site_tree.guide, date(2027, 1, 1))
    report(site_tree.guide, 1)
    report(site_tree.guide, 2, resolved=True)  # a resolved report does not count
    with at(date(2027, 1, 3)):
        tasks.flag_stale_guides()
    assert not flag(site_tree.guide).needs_verification
    report(site_tree.guide, 3)
    with at(date(2027, 1, 4)):
        tasks.flag_stale_guides()
    assert flag(site_tree.guide).reasons == [FlagReason.OPEN_REPORTS]


def test_flagged_when_a_link_stopped_answering(site_tree):
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    for code in LANGUAGES:  # the link is in the web steps of every language
        raw = getattr(guide, f"steps_{code}").raw_data
        raw[0]["value"]["steps"][0]["value"]["instruction"] = '<p><a href="http://127.0.0.1:9/gone">Form</a></p>'
        setattr(guide, f"steps_{code}", raw)
    guide.save_revision().publish()
    set_verified(site_tree.guide, date(2027, 1, 1))
    LinkCheckResult.objects.create(
        page=site_tree.guide,
        url="http://127.0.0.1:9/gone",
        checked_at=datetime(2027, 1, 2, tzinfo=BERLIN),
        ok=False,
        error="ConnectionError",
    )
    with at(date(2027, 1, 2)):
        tasks.flag_stale_guides()
    assert flag(site_tree.guide).reasons == [FlagReason.BROKEN_LINKS]


def test_moderators_get_one_email_per_new_flag_in_their_language(site_tree, moderator, editor, mailoutbox):
    set_verified(site_tree.guide, date(2026, 1, 1))
    with at(date(2027, 1, 1)):
        tasks.flag_stale_guides()
        tasks.flag_stale_guides()  # the next day's run must not repeat the flag
    assert [m.to for m in mailoutbox] == [[moderator.email]]
    assert mailoutbox[0].subject == "One guide needs verification"  # the moderator reads the admin in English
    assert site_tree.guide.title in mailoutbox[0].body
    assert reverse("wagtailadmin_pages:edit", args=[site_tree.guide.pk]) in mailoutbox[0].body


def test_reader_of_a_flagged_guide_sees_when_it_was_last_checked(client, site_tree):
    set_verified(site_tree.guide, date(2026, 1, 1))
    with at(date(2027, 1, 1)):
        tasks.flag_stale_guides()
    html = client.get(site_tree.guide.url).content.decode()
    assert "notice--verification" in html
    assert "2026" in strip_tags(html)  # the date, not a step key that happens to hold it


def test_verify_action_records_the_surface_and_language_checked_and_publishes_nothing(client, site_tree, moderator):
    set_verified(site_tree.guide, date(2026, 1, 1))
    with at(date(2027, 1, 1)):
        tasks.flag_stale_guides()
    assert flag(site_tree.guide).needs_verification
    revisions_before = site_tree.guide.revisions.count()
    url = reverse("editorial_verify_guide", args=[site_tree.guide.pk])
    with at(date(2027, 1, 5)):
        client.force_login(moderator)  # inside the frozen clock, so the session has not expired
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"surface": "android", "language": "de", "app_version": "512.0", "note": "menus as described"}
        )
    assert response.status_code == 302
    record = VerificationRecord.objects.get(page_id=site_tree.guide.pk, verified_at__year=2027)
    assert (record.verified_by, record.surface, record.language, record.app_version) == (
        moderator,
        "android",
        "de",
        "512.0",
    )
    assert site_tree.guide.revisions.count() == revisions_before
    states = flag(site_tree.guide).surface_states
    assert states["de"]["android"]["reasons"] == []
    assert states["de"]["android"]["verified_at"].startswith("2027-01-05")
    # Only what was checked is fresh: the web steps and the English Android steps are still flagged.
    assert states["de"]["web"]["reasons"] == [FlagReason.NOT_VERIFIED]
    assert states["en"]["android"]["reasons"] == [FlagReason.NOT_VERIFIED]
    assert flag(site_tree.guide).needs_verification


def test_translator_cannot_use_the_verify_action(client, site_tree, translator):
    client.force_login(translator)
    response = client.post(
        reverse("editorial_verify_guide", args=[site_tree.guide.pk]), {"surface": "web", "language": "es"}
    )
    assert response.status_code in (302, 403)
    assert not VerificationRecord.objects.filter(verified_by=translator).exists()


def test_verifying_a_surface_the_guide_does_not_have_is_refused(client, site_tree, editor):
    client.force_login(editor)
    response = client.post(
        reverse("editorial_verify_guide", args=[site_tree.guide.pk]),
        {"surface": "ios", "language": "de", "app_version": "18.1"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not VerificationRecord.objects.filter(surface="ios").exists()
    with pytest.raises(VerificationRefused):
        verify_guide(site_tree.guide, editor, "ios", "de")
