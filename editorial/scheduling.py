"""Scheduled publishing and expiry, one object per transaction.

This does what Wagtail's ``publish_scheduled`` command does (unpublish what has expired, then publish revisions
whose approved go-live time has passed), with two differences that matter for a site whose publishes create
update notices:

- Each unpublish and each publish runs in its own transaction, like an editor's publish in the admin
  (config.middleware.AtomicAdminChangesMiddleware): a page is published together with the notice its change note
  makes, or not at all. The work that must follow a commit (cache purges, the notice fan-out) starts after it.
- A failure is logged and the run goes on with the next object; the failed one stays due and is tried again at
  the next run. The object's row is locked first and skipped when another run holds it, so two overlapping runs
  never publish the same revision twice.
"""

import logging

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger(__name__)


def models_with_expiry():
    """Page and every other model with draft state (snippets), as Wagtail's command covers them."""
    return [Page] + [
        model for model in apps.get_models() if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def unpublish_expired(now):
    """Unpublish live objects whose expiry has passed; returns how many were unpublished."""
    done = 0
    for model in models_with_expiry():
        due = model.objects.filter(live=True, expire_at__lt=now)
        for pk in list(due.order_by("expire_at").values_list("pk", flat=True)):
            done += _run_locked(
                due, pk, lambda obj: obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
            )
    return done


def publish_due_revisions(now):
    """Publish revisions whose approved go-live time has passed; returns how many were published."""
    due = Revision.objects.filter(approved_go_live_at__lt=now)
    done = 0
    for pk in list(due.order_by("approved_go_live_at").values_list("pk", flat=True)):
        done += _run_locked(due, pk, lambda revision: revision.publish(log_action="wagtail.publish.scheduled"))
    return done


def run_schedule(now=None):
    """Expiries first, then publishes, as Wagtail orders them. Returns (unpublished, published)."""
    now = now or timezone.now()
    return unpublish_expired(now), publish_due_revisions(now)


def _run_locked(queryset, pk, action):
    """Run ``action`` on the object ``pk`` of ``queryset`` in one transaction, if it is still due and no other
    run holds it. Returns 1 when it ran, 0 otherwise."""
    try:
        with transaction.atomic():
            obj = queryset.select_for_update(skip_locked=True).filter(pk=pk).first()
            if obj is None:
                return 0  # done meanwhile, or being done by another run
            action(obj)
            return 1
    except Exception:
        logger.exception(
            "Scheduled change of %s %s failed; it stays due and is retried at the next run.",
            queryset.model._meta.label,
            pk,
        )
        return 0
