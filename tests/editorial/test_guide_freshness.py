"""The rules that flag a guide, under a frozen clock, and the verification that clears the flag."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from editorial import tasks
from editorial.models import FlagReason, LinkCheckResult, PageFreshness, VerificationRecord
from editorial.verification import VerificationBlocked, verified_with_text, verify_guide
from guides.models import GuidePage

BERLIN = ZoneInfo("Europe/Berlin")


def at(day):
    """Noon on ``day`` in Berlin, as a frozen clock."""
    return time_machine.travel(datetime.combine(day, datetime.min.time().replace(hour=12), tzinfo=BERLIN),
                               tick=False)


def set_verified(guide, day):
    GuidePage.objects.filter(pk=guide.pk).update(last_verified_on=day)


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
        page=guide, step_id=guide.steps_de[0].value["steps"][0].id, surface="web", language="de",
        reporter=f"reader-{n}", day=date(2027, 1, 1),
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
    set_verified(site_tree.guide, date(2027, 1, 1))
    LinkCheckResult.objects.create(page=site_tree.guide, url="http://127.0.0.1:9/gone",
                                   checked_at=datetime(2027, 1, 2, tzinfo=BERLIN), ok=False, error="ConnectionError")
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
    assert "2026" in html


def test_verify_action_records_publishes_and_clears_the_flag(client, site_tree, moderator):
    set_verified(site_tree.guide, date(2026, 1, 1))
    with at(date(2027, 1, 1)):
        tasks.flag_stale_guides()
    assert flag(site_tree.guide).needs_verification
    url = reverse("editorial_verify_guide", args=[site_tree.guide.pk])
    with at(date(2027, 1, 5)):
        client.force_login(moderator)  # inside the frozen clock, so the session has not expired
        assert client.get(url).status_code == 200
        response = client.post(url, {"surface": "android", "app_version": "512.0", "note": "menus as described"})
    assert response.status_code == 302
    record = VerificationRecord.objects.get(page_id=site_tree.guide.pk)
    assert (record.verified_by, record.surface, record.app_version) == (moderator, "android", "512.0")
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    assert guide.last_verified_on == date(2027, 1, 5)
    assert guide.verified_with == verified_with_text("android", "512.0")  # the surface label in German
    assert guide.verified_with.endswith(" 512.0")
    assert guide.live_revision.user == moderator
    assert not guide.change_is_significant
    assert not flag(site_tree.guide).needs_verification


def test_editor_cannot_use_the_verify_action(client, site_tree, editor):
    client.force_login(editor)
    response = client.post(reverse("editorial_verify_guide", args=[site_tree.guide.pk]), {"surface": "web"})
    assert response.status_code in (302, 403)
    assert not VerificationRecord.objects.exists()


def test_verify_is_refused_while_a_draft_is_pending(site_tree, moderator, editor):
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    guide.goal_de = "Entwurf"
    guide.save_revision(user=editor)
    with pytest.raises(VerificationBlocked):
        verify_guide(guide, moderator, "web")
    assert not VerificationRecord.objects.exists()
