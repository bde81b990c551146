"""The project's one Celery app and its beat schedule.

Every periodic task is listed here, under a readable key, so an operator sees the whole timetable in one place.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
}
