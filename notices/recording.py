"""Turns a published significant change into an UpdateNotice and hands its fan-out to Celery after commit.

Connected to Wagtail's ``page_published`` signal (see apps.py). Once recorded, the page's significance flag
and change note are cleared on the page row and on the published and latest revisions, so the next edit
starts unticked and an unrelated later publish cannot send the same note again.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

from .models import UpdateNotice
from .signals import significant_update_published

logger = logging.getLogger(__name__)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
CLEARED_FIELDS = {"change_is_significant": False, "change_note": "",
                  **{f"change_note_{code}": "" for code in LANGUAGE_CODES}}


def notice_platform_ids(page):
    """The platforms whose followers hear about a change: the guide's own, or the article's."""
    if getattr(page, "platform_id", None):
        return [page.platform_id]
    if hasattr(page, "platforms"):
        return list(page.platforms.values_list("pk", flat=True))
    return []


def record_update_notice(sender, instance, revision=None, **kwargs):
    from guides.models import ChangeNoteFields

    page = instance
    if not isinstance(page, ChangeNoteFields) or not page.live or not page.change_is_significant:
        return
    # Publishing saved first_published_at and last_published_at from one clock reading on the first
    # publication; the page history shows that as "First published", so it is not an update.
    is_first_publication = page.first_published_at == page.last_published_at
    with transaction.atomic():
        notice = None
        if not is_first_publication:
            notice = UpdateNotice.objects.create(
                page_id=page.pk, revision=revision, published_at=page.last_published_at,
                deadline_id=getattr(page, "deadline_id", None),
                **{f"note_{code}": (getattr(page, f"change_note_{code}", "") or "").strip()
                   for code in LANGUAGE_CODES},
            )
            notice.platforms.set(notice_platform_ids(page))
        clear_significance(page, revision)
        if notice is not None:
            transaction.on_commit(partial(enqueue_fan_out, notice.pk), robust=True)
            transaction.on_commit(partial(significant_update_published.send, sender=UpdateNotice,
                                          page_id=page.pk, published_at=notice.published_at), robust=True)


def clear_significance(page, revision):
    type(page).objects.filter(pk=page.pk).update(**{k: v for k, v in CLEARED_FIELDS.items() if k != "change_note"})
    for name, value in CLEARED_FIELDS.items():
        setattr(page, name, value)
    from wagtail.models import Revision

    revision_ids = {pk for pk in (getattr(revision, "pk", None), page.latest_revision_id) if pk}
    for stored in Revision.objects.filter(pk__in=revision_ids):
        stored.content.update({k: v for k, v in CLEARED_FIELDS.items() if k in stored.content})
        stored.save(update_fields=["content"])
        if revision is not None and stored.pk == revision.pk:
            revision.content = stored.content


def enqueue_fan_out(notice_id):
    from .tasks import fan_out_update_notice

    try:
        fan_out_update_notice.delay(notice_id)
    except (OperationalError, ConnectionError, OSError):
        # The publish has committed and must succeed; the sweeper starts this fan-out once the broker is back.
        logger.warning("broker unavailable: fan-out of update notice %s left to the sweeper", notice_id,
                       exc_info=True)
