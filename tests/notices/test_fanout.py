"""The fan-out, digest, reminder, sweeper and retention tasks, called as plain functions (no broker)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from notices import tasks
from notices.models import Delivery, DigestDelivery, Frequency, ReminderDelivery, Scope, Subscription, UpdateNotice

from .conftest import NOTES, publish_change, subscribe

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def no_broker(monkeypatch):
    """Record what would be enqueued instead of enqueueing it, so each step can be run by hand."""
    enqueued = []
    for name in ("fan_out_update_notice", "send_update_notices", "send_digest_chunk", "send_reminder_chunk"):
        task = getattr(tasks, name)
        monkeypatch.setattr(task, "delay", lambda *args, _name=name: enqueued.append((_name, args)))
    return enqueued


def notice_for(site_tree, notes=NOTES):
    publish_change(site_tree.guide, notes=notes)
    return UpdateNotice.objects.get(page_id=site_tree.guide.pk)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_followers_get_one_notice_each_in_their_language(site_tree, no_broker):
    notice = notice_for(site_tree)
    subscribe("de@example.org", language="de")
    subscribe("en@example.org", language="en", scope=Scope.PLATFORM, platform=site_tree.platform)
    subscribe("es@example.org", language="es", scope=Scope.PAGE, page=site_tree.guide.page_ptr)
    subscribe("other-page@example.org", scope=Scope.PAGE, page=site_tree.article.page_ptr)
    subscribe("unconfirmed@example.org", confirmed=False)
    subscribe("weekly@example.org", frequency=Frequency.WEEKLY)
    gone = subscribe("gone@example.org")
    gone.unsubscribed_at = timezone.now()
    gone.save()

    tasks.fan_out_update_notice(notice.pk)
    tasks.fan_out_update_notice(notice.pk)  # idempotent: a second run adds nothing
    assert Delivery.objects.count() == 3
    for _name, (chunk,) in [call for call in no_broker if call[0] == "send_update_notices"]:
        tasks.send_update_notices(chunk)
    assert recipients() == ["de@example.org", "en@example.org", "es@example.org"]
    assert not Delivery.objects.filter(sent_at__isnull=True).exists()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert NOTES["de"] in by_address["de@example.org"].body
    assert NOTES["en"] in by_address["en@example.org"].body
    # Spanish has no note yet: the German one, with a line in Spanish-language mail saying so and the link.
    spanish = by_address["es@example.org"]
    assert NOTES["de"] in spanish.body
    assert "/es/guias/" in spanish.body
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.extra_headers["List-Unsubscribe"].startswith("<http")
        assert "/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html" and "<html" in html
        assert "Objection deadline" in message.body  # the deadline of the guide

    # Sending the same chunk again sends nothing more.
    mail.outbox.clear()
    tasks.send_update_notices(list(Delivery.objects.values_list("pk", flat=True)))
    assert mail.outbox == []


def test_fan_out_uses_batches_and_chunks(site_tree, no_broker, settings):
    settings.NOTICES_FANOUT_BATCH_SIZE = 7
    settings.NOTICES_SEND_CHUNK_SIZE = 3
    notice = notice_for(site_tree)
    Subscription.objects.bulk_create(
        [
            Subscription(email=f"r{n}@example.org", scope=Scope.ALL, language="en", confirmed_at=timezone.now())
            for n in range(20)
        ]
    )
    tasks.fan_out_update_notice(notice.pk)
    chunks = [args[0] for name, args in no_broker if name == "send_update_notices"]
    assert sorted(sum(chunks, [])) == sorted(Delivery.objects.values_list("pk", flat=True))
    assert max(len(chunk) for chunk in chunks) == 3
    assert len(chunks) == 8  # batches of 7, 7 and 6 subscriptions, each cut into chunks of 3: 3 + 3 + 2
    notice.refresh_from_db()
    assert notice.fanout_started_at and notice.fanout_finished_at


def test_unsubscribed_after_fan_out_receives_nothing(site_tree, no_broker):
    notice = notice_for(site_tree)
    leaving = subscribe("leaving@example.org")
    tasks.fan_out_update_notice(notice.pk)
    Subscription.objects.filter(pk=leaving.pk).update(unsubscribed_at=timezone.now())
    tasks.send_update_notices(list(Delivery.objects.values_list("pk", flat=True)))
    assert mail.outbox == []


def test_minor_change_sends_nothing(site_tree, no_broker):
    subscribe("reader@example.org")
    publish_change(site_tree.guide, significant=False, notes=NOTES)
    assert no_broker == [] and mail.outbox == []


def test_sweeper_starts_fan_outs_that_never_started_and_resends_unsent_rows(site_tree, no_broker):
    notice = notice_for(site_tree)
    subscribe("reader@example.org")
    assert no_broker == []  # the test transaction never commits, like a publish whose broker call failed
    tasks.sweep_unsent_messages(min_age_seconds=0, stalled_seconds=0)
    assert ("fan_out_update_notice", (notice.pk,)) in no_broker
    tasks.fan_out_update_notice(notice.pk)
    no_broker.clear()
    tasks.sweep_unsent_messages(min_age_seconds=0, stalled_seconds=0)
    assert [name for name, _args in no_broker] == ["send_update_notices"]


def test_weekly_digest_once_per_week_with_latest_change_per_page(site_tree, no_broker):
    weekly = subscribe("weekly@example.org", frequency=Frequency.WEEKLY, language="fr")
    subscribe("weekly-other@example.org", frequency=Frequency.WEEKLY, scope=Scope.PAGE, page=site_tree.article.page_ptr)
    subscribe("immediate@example.org")
    saturday = datetime(2026, 12, 5, 8, 30, tzinfo=BERLIN)
    with time_machine.travel(saturday - timedelta(days=3), tick=False):
        publish_change(site_tree.guide, notes={"de": "Erste Änderung", "fr": "Premier changement"})
    with time_machine.travel(saturday - timedelta(days=1), tick=False):
        publish_change(site_tree.guide, notes={"de": "Zweite Änderung", "fr": "Deuxième changement"})
    with time_machine.travel(saturday, tick=False):
        tasks.send_weekly_digests()
        tasks.send_weekly_digests()  # a second run in the same week builds nothing new
        for _name, (chunk,) in [call for call in no_broker if call[0] == "send_digest_chunk"]:
            tasks.send_digest_chunk(chunk)
    assert DigestDelivery.objects.count() == 1
    assert recipients() == ["weekly@example.org"]
    body = mail.outbox[0].body
    assert "Deuxième changement" in body and "Premier changement" not in body
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert DigestDelivery.objects.get().subscription == weekly


def test_reminders_seven_days_and_one_day_before_exactly_once(site_tree, no_broker):
    deadline = site_tree.deadline
    subscribe("all@example.org", language="pt")
    subscribe("platform@example.org", scope=Scope.PLATFORM, platform=site_tree.platform, frequency=Frequency.WEEKLY)
    subscribe("guide@example.org", scope=Scope.PAGE, page=site_tree.guide.page_ptr)
    subscribe("unconfirmed@example.org", confirmed=False)

    def run_at(moment):
        no_broker.clear()
        with time_machine.travel(moment, tick=False):
            tasks.send_deadline_reminders()
            for _name, (chunk,) in [call for call in no_broker if call[0] == "send_reminder_chunk"]:
                tasks.send_reminder_chunk(chunk)

    run_at(deadline.due_at - timedelta(days=8))
    assert mail.outbox == []
    run_at(deadline.due_at - timedelta(days=7))
    run_at(deadline.due_at - timedelta(days=6, hours=12))  # the next beat run sends nothing again
    assert recipients() == ["all@example.org", "guide@example.org", "platform@example.org"]
    run_at(deadline.due_at - timedelta(days=1))
    run_at(deadline.due_at - timedelta(hours=2))
    assert len(mail.outbox) == 6
    assert set(ReminderDelivery.objects.values_list("days_before", flat=True)) == {7, 1}
    run_at(deadline.due_at + timedelta(hours=1))
    assert len(mail.outbox) == 6
    portuguese = [m for m in mail.outbox if m.to == ["all@example.org"]][0]
    assert "/pt/prazos/" in portuguese.body and ".ics" in portuguese.body


def test_retention_deletes_unconfirmed_unsubscribed_and_old_rows(site_tree, no_broker):
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=8)):
        old_unconfirmed = subscribe("old@example.org", confirmed=False)
    fresh_unconfirmed = subscribe("fresh@example.org", confirmed=False)
    left_long_ago = subscribe("left@example.org", scope=Scope.PLATFORM, platform=site_tree.platform)
    Subscription.objects.filter(pk=left_long_ago.pk).update(unsubscribed_at=now - timedelta(days=29))
    left_recently = subscribe("recent@example.org", scope=Scope.PAGE, page=site_tree.guide.page_ptr)
    Subscription.objects.filter(pk=left_recently.pk).update(unsubscribed_at=now - timedelta(days=27))
    active = subscribe("active@example.org")
    notice = notice_for(site_tree)
    old_row = Delivery.objects.create(notice=notice, subscription=active, sent_at=now)
    Delivery.objects.filter(pk=old_row.pk).update(created_at=now - timedelta(days=91))
    tasks.delete_expired_subscriptions()
    remaining = set(Subscription.objects.values_list("pk", flat=True))
    assert remaining == {fresh_unconfirmed.pk, left_recently.pk, active.pk}
    assert old_unconfirmed.pk not in remaining
    assert not Delivery.objects.exists()


def test_beat_schedule_lists_the_notices_tasks():
    from config.celery import app

    tasks_in_beat = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {
        "notices.tasks.send_deadline_reminders",
        "notices.tasks.send_weekly_digests",
        "notices.tasks.sweep_unsent_messages",
        "notices.tasks.delete_expired_subscriptions",
    } <= tasks_in_beat
    digest = next(
        entry for entry in app.conf.beat_schedule.values() if entry["task"] == "notices.tasks.send_weekly_digests"
    )["schedule"]
    assert digest.day_of_week == {6} and digest.hour == {8} and digest.minute == {30}
