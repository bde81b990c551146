"""The project's one Celery app and its beat schedule.

Every periodic task is listed here, under a readable key, so an operator sees the whole timetable in one place.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # notices: times are Europe/Berlin (CELERY_TIMEZONE).
    # Reminders go out at most 15 minutes after a deadline enters its 7-day or 1-day window.
    "notices: deadline reminders": {
        "task": "notices.tasks.send_deadline_reminders",
        "schedule": crontab(minute="*/15"),
    },
    # The weekly digest: Saturday morning, once per week (a unique row per subscriber and week).
    "notices: weekly digest": {
        "task": "notices.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="sat", hour=8, minute=30),
    },
    # Restarts fan-outs the broker missed at publish time and sends rows a dead worker left unsent.
    "notices: sweep unsent messages": {
        "task": "notices.tasks.sweep_unsent_messages",
        "schedule": crontab(minute="*/5"),
    },
    # Retention runs at night, when nobody publishes.
    "notices: delete expired subscriptions": {
        "task": "notices.tasks.delete_expired_subscriptions",
        "schedule": crontab(hour=3, minute=40),
    },
    # Wagtail's scheduled publishing and expiry; a minute is the finest step the admin offers.
    "editorial: publish scheduled pages": {
        "task": "editorial.tasks.publish_scheduled_pages",
        "schedule": crontab(minute="*"),
    },
    # Link checks fan out one task per guide early in the night, so their results are in before the flags.
    "editorial: check guide links": {
        "task": "editorial.tasks.check_all_guide_links",
        "schedule": crontab(hour=4, minute=0),
    },
    # Flags and the moderators' daily e-mail, ready when editors start work.
    "editorial: flag stale guides": {
        "task": "editorial.tasks.flag_stale_guides",
        "schedule": crontab(hour=6, minute=0),
    },
    # The platforms' own pages that guides follow, once a day in the early morning (before the flags at 6), so a
    # change is on the dashboard when editors start; checks on one host are spaced by SOURCE_WATCH_HOST_INTERVAL.
    "editorial: check watched sources": {
        "task": "editorial.tasks.check_watched_sources",
        "schedule": crontab(hour=5, minute=0),
    },
    # Republishes every rating summary at a quarter past each hour: catches runs lost while Redis was down.
    "ratings: reconcile summaries": {
        "task": "ratings.tasks.reconcile_rating_summaries",
        "schedule": crontab(minute=15),
    },
}
