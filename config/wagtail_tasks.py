"""Wagtail's background tasks run on the site's Celery workers, after the editor's transaction commits.

Wagtail enqueues its own background work through django-tasks: the search index after each save of a page (and of
the readers' search texts), the reference index, image focal points, deleting replaced files. django-tasks' default
backend runs each task inside the request that enqueued it, so every publish waited for the search index twice (the
revision's save and the publish's save), for the five search texts and for the reference index: about half of a
publish's CPU, and far more of its wall time when readers keep the CPUs busy (bench/README.md, "Publish storm").

This backend sends those tasks to Celery instead, once the transaction commits (a worker must see the saved rows).
Where Celery runs tasks in the caller (no REDIS_URL: ``make run``, the tests) a task runs at once, in the request,
as before. django-tasks-celery does this for Django 6's own task framework only; this project is on Django 5.2 with
the django-tasks backport, hence this small module.
"""

import logging

from celery import shared_task
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

from .celery import app

logger = logging.getLogger(__name__)


class CeleryTaskBackend(ImmediateBackend):
    """django-tasks backend: Celery when it has a broker, in the caller when Celery runs eagerly."""

    supports_async_task = False

    def enqueue(self, task, args, kwargs):
        if app.conf.task_always_eager or task.takes_context:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        message = (task.module_path, list(args), dict(kwargs))
        # robust: the editor's change is committed either way; a lost index update is logged, and the next save
        # of the same object (or `manage.py update_index`) repairs it.
        transaction.on_commit(lambda: run_wagtail_task.apply_async(message, task_id=result.id), robust=True)
        return result


@shared_task(name="config.wagtail_tasks.run_wagtail_task", acks_late=True, ignore_result=True)
def run_wagtail_task(module_path, args, kwargs):
    """Run one django-tasks task by its module path. Idempotent as Wagtail's tasks are (each rewrites one object's
    index entry or references from the database). Only django-tasks tasks are run: a message naming any other
    callable is refused, whoever put it on the broker."""
    task = import_string(module_path)
    if not isinstance(task, Task):
        raise TypeError(f"{module_path} is not a django-tasks task")
    logger.debug("Running %s", module_path)
    task.call(*args, **kwargs)
