"""Turns a published significant change into an UpdateNotice and hands its fan-out to Celery after commit.

Connected to Wagtail's ``page_published`` signal (see apps.py). The change note belongs to the change: it is
copied into the notice (which the public history, the feeds and the e-mails show) and stays in the revision it
was published with, which is never rewritten. The next edit starts without it (ChangeNoteFields), and a later
publication that carries the very same change as the previous one (the live content saved and published again)
records nothing, so a note is never sent twice.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError
from wagtail.models import PageLogEntry

from .models import UpdateNotice
from .signals import significant_update_published
from .step_changes import record_step_changes

logger = logging.getLogger(__name__)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
CHANGE_FIELDS = ("change_is_significant", *(f"change_note_{code}" for code in LANGUAGE_CODES))


def notice_platform_ids(page):
    """The platforms whose followers hear about a change: the guide's own, or the article's."""
    if getattr(page, "platform_id", None):
        return [page.platform_id]
    if hasattr(page, "platforms"):
        return list(page.platforms.values_list("pk", flat=True))
    return []


def change_of(values):
    """The change a content carries: whether it is significant and its note in every language."""
    return tuple(
        bool(values.get(name)) if name == "change_is_significant" else (values.get(name) or "").strip()
        for name in CHANGE_FIELDS
    )


def republished_change(page, revision):
    """True when the publication before this one carried the very same change: a re-publish, not a new change.

    Wagtail logs a publication after sending ``page_published``, so the newest publish entry is the previous one.
    """
    previous = (
        PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish", revision__isnull=False)
        .exclude(revision_id=getattr(revision, "pk", None))
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if previous is None:
        return False
    return change_of(previous.revision.content) == change_of({name: getattr(page, name) for name in CHANGE_FIELDS})


def record_update_notice(sender, instance, revision=None, **kwargs):
    from guides.models import ChangeNoteFields

    page = instance
    if not isinstance(page, ChangeNoteFields) or not page.live or not page.change_is_significant:
        return
    # Publishing saved first_published_at and last_published_at from one clock reading on the first
    # publication; the page history shows that as "First published", so it is not an update.
    if page.first_published_at == page.last_published_at or republished_change(page, revision):
        return
    with transaction.atomic():
        notice = UpdateNotice.objects.create(
            page_id=page.pk,
            revision=revision,
            published_at=page.last_published_at,
            deadline_id=getattr(page, "deadline_id", None),
            **{f"note_{code}": (getattr(page, f"change_note_{code}", "") or "").strip() for code in LANGUAGE_CODES},
        )
        notice.platforms.set(notice_platform_ids(page))
        record_changed_steps(notice)
        transaction.on_commit(partial(enqueue_fan_out, notice.pk), robust=True)
        transaction.on_commit(
            partial(
                significant_update_published.send,
                sender=UpdateNotice,
                page_id=page.pk,
                published_at=notice.published_at,
            ),
            robust=True,
        )


def record_changed_steps(notice):
    """The step comparison of the notice, in a savepoint: should an old revision not load, the change is still
    published and announced with its note, only without the steps before and after. Returns the comparison, or
    None when it failed (logged)."""
    try:
        with transaction.atomic():
            return record_step_changes(notice)
    except Exception:
        logger.exception("update notice %s: the steps before and after could not be compared", notice.pk)
        return None


def enqueue_fan_out(notice_id):
    from .tasks import fan_out_update_notice

    try:
        fan_out_update_notice.delay(notice_id)
    except (OperationalError, ConnectionError, OSError):
        # The publish has committed and must succeed; the sweeper starts this fan-out once the broker is back.
        logger.warning("broker unavailable: fan-out of update notice %s left to the sweeper", notice_id, exc_info=True)
