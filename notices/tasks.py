"""Celery tasks: fan-out of update notices, sending in chunks, weekly digests, deadline reminders, the sweeper
and retention.

Every message has a row (Delivery, ReminderDelivery, DigestDelivery) created in bulk with
``ignore_conflicts`` on its unique constraint, so building the rows twice changes nothing. Sending locks a
small group of rows (``SELECT … FOR UPDATE SKIP LOCKED``), sends them and marks them sent in one short
transaction (see send_rows): a row already marked is never sent again, and a worker killed mid-chunk loses
its locks with its connection, so at most one group per pool process can go out twice.
"""

import logging
from datetime import date, datetime, time, timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, transaction
from django.utils import timezone, translation

from . import emails
from .models import (
    Delivery,
    DigestDelivery,
    Frequency,
    ReminderDelivery,
    Scope,
    Subscription,
    SubscriptionLink,
    UpdateNotice,
)

logger = logging.getLogger(__name__)

RETRYABLE = (SMTPException, OSError, DatabaseError)
TASK_OPTIONS = {
    "acks_late": True,
    # A task whose worker died is redelivered rather than acknowledged.
    "reject_on_worker_lost": True,
    "autoretry_for": RETRYABLE,
    "retry_backoff": 5,
    # Waits, like runs, stay under the broker's visibility timeout (CELERY_VISIBILITY_TIMEOUT, 240 s): a task
    # held longer unacknowledged would be handed to a second worker while the first still has it.
    "retry_backoff_max": 180,
    "retry_jitter": True,
    "max_retries": 8,
    "ignore_result": True,
    "soft_time_limit": 180,
    "time_limit": 200,
}


def batch_size():
    return settings.NOTICES_FANOUT_BATCH_SIZE


def chunk_size():
    return settings.NOTICES_SEND_CHUNK_SIZE


def chunked(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def subscription_id_batches(queryset):
    """Subscription ids in keyset-paginated batches: memory stays flat however many there are."""
    last_id = 0
    while True:
        ids = list(queryset.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[: batch_size()])
        if not ids:
            return
        yield ids
        last_id = ids[-1]


# --- Update notices ---------------------------------------------------------------------------------------


def notice_followers(notice):
    platform_ids = list(notice.platforms.values_list("pk", flat=True))
    return (
        Subscription.objects.active()
        .filter(frequency=Frequency.IMMEDIATE)
        .following(page_ids=[notice.page_id], platform_ids=platform_ids)
    )


@shared_task(**TASK_OPTIONS)
def fan_out_update_notice(notice_id):
    """Create one Delivery per follower of the notice and hand them to chunked sending tasks."""
    notice = UpdateNotice.objects.filter(pk=notice_id).select_related("page").first()
    if notice is None:
        return
    UpdateNotice.objects.filter(pk=notice_id, fanout_started_at__isnull=True).update(fanout_started_at=timezone.now())
    if not notice.page.live:
        # Unpublished before its fan-out ran: readers could not open the page, so nobody is told.
        UpdateNotice.objects.filter(pk=notice_id).update(fanout_finished_at=timezone.now())
        return
    for ids in subscription_id_batches(notice_followers(notice)):
        Delivery.objects.bulk_create(
            [Delivery(notice_id=notice_id, subscription_id=sid) for sid in ids],
            ignore_conflicts=True,
        )
        pending = list(
            Delivery.objects.filter(notice_id=notice_id, subscription_id__in=ids, sent_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for chunk in chunked(pending, chunk_size()):
            send_update_notices.delay(chunk)
    UpdateNotice.objects.filter(pk=notice_id).update(fanout_finished_at=timezone.now())


def relax_commit_durability():
    """Let PostgreSQL confirm this transaction's commit before its WAL reaches the disk.

    Only the "sent" marks are written here. Should the database server itself crash, the marks of the last
    few hundred milliseconds could be lost and those messages sent once more; in exchange a commit no longer
    waits for an fsync, which otherwise limits the whole fan-out. A worker crash is not affected.
    """
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def send_rows(model, row_ids, build_message):
    """Send the unsent rows among ``row_ids`` over one SMTP connection and mark them sent.

    Rows are taken in small groups: lock the group (``FOR UPDATE SKIP LOCKED``, so two tasks never send the
    same row), send each message, mark the sent ones and commit. A worker killed mid-group loses its locks
    with its connection, and at most that one group (NOTICES_SEND_COMMIT_EVERY messages) goes out again.
    ``build_message(row, connection)`` returns the message, or None when nothing is to be sent any more (the
    subscriber left since); such rows are deleted. Returns the number of messages sent.
    """
    rows = {
        row.pk: row for row in model.objects.filter(pk__in=row_ids, sent_at__isnull=True).select_related("subscription")
    }
    if not rows:
        return 0
    sent_total = 0
    connection = get_connection()
    connection.open()
    try:
        for group in chunked(sorted(rows), settings.NOTICES_SEND_COMMIT_EVERY):
            failure = None
            with transaction.atomic():
                relax_commit_durability()
                locked = sorted(
                    model.objects.select_for_update(skip_locked=True)
                    .filter(pk__in=group, sent_at__isnull=True)
                    .values_list("pk", flat=True)
                )
                sent, dropped = [], []
                for row_id in locked:
                    row = rows[row_id]
                    message = build_message(row, connection) if row.subscription.is_active else None
                    if message is None:
                        dropped.append(row_id)
                        continue
                    try:
                        message.send()
                    except RETRYABLE as error:
                        failure = error  # keep the marks of what went out; the retry sends the rest
                        break
                    sent.append(row_id)
                model.objects.filter(pk__in=sent).update(sent_at=timezone.now())
                model.objects.filter(pk__in=dropped).delete()
            sent_total += len(sent)
            if failure is not None:
                raise failure
    finally:
        connection.close()
    return sent_total


@shared_task(**TASK_OPTIONS)
def send_update_notices(delivery_ids):
    notices = {}
    shared = {}

    def build(delivery, connection):
        if delivery.notice_id not in notices:
            notices[delivery.notice_id] = (
                UpdateNotice.objects.public().select_related("page", "deadline").filter(pk=delivery.notice_id).first()
            )
        if notices[delivery.notice_id] is None:
            return None  # the page was unpublished since: the row is dropped, nothing is sent
        return emails.notice_email(notices[delivery.notice_id], delivery.subscription, connection, shared)

    return send_rows(Delivery, delivery_ids, build)


# --- Subscribing -----------------------------------------------------------------------------------------------


@shared_task(**TASK_OPTIONS)
def send_subscription_email(subscription_id, kind):
    """The confirmation e-mail, or (for an address that already follows this) a note with the manage link."""
    subscription = Subscription.objects.select_related("platform", "page").filter(pk=subscription_id).first()
    if subscription is None or subscription.unsubscribed_at is not None:
        return
    with translation.override(subscription.language):
        label = subscription.scope_label()
    if kind == "already" and subscription.is_active:
        emails.already_subscribed_email(subscription, label).send()
    elif kind == "confirm" and subscription.confirmed_at is None:
        emails.confirmation_email(subscription, label).send()


@shared_task(**TASK_OPTIONS)
def send_manage_links(subscription_ids, language):
    """One e-mail with a fresh manage link for each still active subscription of an address, asked for on the
    page that says a link no longer works. Takes ids, so no address passes through the broker or its logs."""
    subscriptions = list(
        Subscription.objects.active().filter(pk__in=subscription_ids).select_related("platform", "page").order_by("pk")
    )
    if not subscriptions:
        return
    # The view passes the subscriptions of one address; the mail never lists another address's links.
    recipient = subscriptions[0].email
    emails.manage_links_email([item for item in subscriptions if item.email == recipient], language).send()


# --- Weekly digest ------------------------------------------------------------------------------------------


def latest_notice_per_page(notices):
    latest = {}
    for notice in notices:
        if notice.page_id not in latest or notice.published_at > latest[notice.page_id].published_at:
            latest[notice.page_id] = notice
    return sorted(latest.values(), key=lambda notice: notice.published_at, reverse=True)


def digest_notices_for(subscription, since):
    notices = UpdateNotice.objects.public().filter(published_at__gt=since).select_related("page", "deadline")
    if subscription.scope == Scope.PAGE:
        notices = notices.filter(page_id=subscription.page_id)
    elif subscription.scope == Scope.PLATFORM:
        notices = notices.filter(platforms=subscription.platform_id)
    return latest_notice_per_page(notices)


DIGEST_TIME = time(8, 30)


def digest_window(week_ending):
    """A digest covers the notices since the previous digest run (Saturday 08:30, local time)."""
    return timezone.make_aware(datetime.combine(week_ending - timedelta(days=7), DIGEST_TIME))


@shared_task(**TASK_OPTIONS)
def send_weekly_digests(week_ending=None):
    """Build this week's digests once (one row per subscriber and week) and send them in chunks."""
    week_ending = date.fromisoformat(week_ending) if week_ending else timezone.localdate()
    since = digest_window(week_ending)
    recent = UpdateNotice.objects.public().filter(published_at__gt=since)
    page_ids = set(recent.values_list("page_id", flat=True))
    platform_ids = set(recent.filter(platforms__isnull=False).values_list("platforms", flat=True))
    if not page_ids:
        return
    followers = (
        Subscription.objects.active()
        .filter(frequency=Frequency.WEEKLY)
        .following(page_ids=page_ids, platform_ids=platform_ids)
    )
    for ids in subscription_id_batches(followers):
        DigestDelivery.objects.bulk_create(
            [DigestDelivery(subscription_id=sid, week_ending=week_ending) for sid in ids],
            ignore_conflicts=True,
        )
        pending = list(
            DigestDelivery.objects.filter(week_ending=week_ending, subscription_id__in=ids, sent_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for chunk in chunked(pending, chunk_size()):
            send_digest_chunk.delay(chunk)


@shared_task(**TASK_OPTIONS)
def send_digest_chunk(digest_ids):
    def build(digest, connection):
        notices = digest_notices_for(digest.subscription, digest_window(digest.week_ending))
        if not notices:
            return None
        return emails.digest_email(digest.subscription, notices, connection)

    return send_rows(DigestDelivery, digest_ids, build)


# --- Deadline reminders -------------------------------------------------------------------------------------

REMINDER_OFFSETS = (7, 1)


def reminder_offset(deadline, now):
    """The reminder due now for a deadline: 1 within the last day, 7 within the last week, else None."""
    if deadline.due_at <= now:
        return None
    for days in sorted(REMINDER_OFFSETS):
        if deadline.due_at - timedelta(days=days) <= now:
            return days
    return None


def deadline_followers(deadline):
    from guides.models import ArticlePage, GuidePage

    guides = GuidePage.objects.live().filter(deadline=deadline)
    articles = ArticlePage.objects.live().filter(deadline=deadline)
    page_ids = [*guides.values_list("pk", flat=True), *articles.values_list("pk", flat=True)]
    platform_ids = {
        *guides.values_list("platform_id", flat=True),
        *articles.filter(platforms__isnull=False).values_list("platforms", flat=True),
    }
    return Subscription.objects.active().following(page_ids=page_ids, platform_ids=platform_ids)


@shared_task(**TASK_OPTIONS)
def send_deadline_reminders():
    """Remind followers 7 days and 1 day before each deadline, once per (deadline, offset, subscription)."""
    from guides.models import DeadlinePage

    now = timezone.now()
    soon = DeadlinePage.objects.live().filter(due_at__gt=now, due_at__lte=now + timedelta(days=max(REMINDER_OFFSETS)))
    for deadline in soon:
        days = reminder_offset(deadline, now)
        if days is None:
            continue
        for ids in subscription_id_batches(deadline_followers(deadline)):
            ReminderDelivery.objects.bulk_create(
                [ReminderDelivery(deadline_id=deadline.pk, days_before=days, subscription_id=sid) for sid in ids],
                ignore_conflicts=True,
            )
            pending = list(
                ReminderDelivery.objects.filter(
                    deadline_id=deadline.pk, days_before=days, subscription_id__in=ids, sent_at__isnull=True
                )
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            for chunk in chunked(pending, chunk_size()):
                send_reminder_chunk.delay(chunk)


@shared_task(**TASK_OPTIONS)
def send_reminder_chunk(reminder_ids):
    from guides.models import DeadlinePage

    deadlines = {}
    shared = {}

    def build(reminder, connection):
        if reminder.deadline_id not in deadlines:
            deadlines[reminder.deadline_id] = DeadlinePage.objects.filter(pk=reminder.deadline_id).first()
        deadline = deadlines[reminder.deadline_id]
        if deadline is None or not deadline.live or deadline.due_at <= timezone.now():
            return None
        return emails.reminder_email(reminder.subscription, deadline, connection, shared)

    return send_rows(ReminderDelivery, reminder_ids, build)


# --- Sweeper and retention ----------------------------------------------------------------------------------


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300)
def sweep_unsent_messages(min_age_seconds=120, stalled_seconds=900):
    """Re-enqueue work that was lost: notices whose fan-out never started (the broker was down at publish
    time) or never finished, and rows left unsent (a worker died). Safe to run at any time: the tasks it
    enqueues skip what was sent."""
    now = timezone.now()
    for notice_id in UpdateNotice.objects.fanout_never_started(now - timedelta(seconds=min_age_seconds)).values_list(
        "pk", flat=True
    ):
        fan_out_update_notice.delay(notice_id)
    stalled = now - timedelta(seconds=stalled_seconds)
    for notice_id in UpdateNotice.objects.filter(
        fanout_started_at__lte=stalled, fanout_finished_at__isnull=True
    ).values_list("pk", flat=True):
        fan_out_update_notice.delay(notice_id)
    for model, task in (
        (Delivery, send_update_notices),
        (ReminderDelivery, send_reminder_chunk),
        (DigestDelivery, send_digest_chunk),
    ):
        last_id = 0
        unsent = model.objects.filter(sent_at__isnull=True, created_at__lte=stalled)
        while True:
            ids = list(unsent.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[: batch_size()])
            if not ids:
                break
            last_id = ids[-1]
            for chunk in chunked(ids, chunk_size()):
                task.delay(chunk)


@shared_task(ignore_result=True, soft_time_limit=240, time_limit=300)
def delete_expired_subscriptions():
    """Retention: unconfirmed after 7 days, unsubscribed after 28 days, message rows after 90 days."""
    now = timezone.now()
    unconfirmed = Subscription.objects.filter(
        confirmed_at__isnull=True, unsubscribed_at__isnull=True, created_at__lt=now - timedelta(days=7)
    ).delete()[0]
    erased = Subscription.objects.filter(unsubscribed_at__lt=now - timedelta(days=28)).delete()[0]
    # Unsubscribe links have no expiry and leave with their subscription.
    SubscriptionLink.objects.filter(expires_at__lt=now).delete()
    trimmed = 0
    for model in (Delivery, ReminderDelivery, DigestDelivery):
        trimmed += model.objects.filter(created_at__lt=now - timedelta(days=90)).delete()[0]
    logger.info("retention: %s unconfirmed, %s unsubscribed, %s message rows deleted", unconfirmed, erased, trimmed)
