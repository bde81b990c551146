"""Periodic editorial work, run by Celery beat (see config/celery.py)."""

import logging

from celery import shared_task
from django.apps import apps
from django.db import transaction

from . import freshness, link_check, scheduling
from .cache import purge_pages
from .emails import send_new_flags_digest

logger = logging.getLogger(__name__)


@shared_task(time_limit=120, soft_time_limit=100)
def publish_scheduled_pages():
    """Unpublish expired pages and publish those whose go-live moment has come, each in its own transaction."""
    unpublished, published = scheduling.run_schedule()
    if unpublished or published:
        logger.info("Scheduled publishing: %d unpublished, %d published.", unpublished, published)
    return {"unpublished": unpublished, "published": published}


@shared_task(time_limit=600, soft_time_limit=540)
def check_guide_links(page_id):
    """Check the external links of one live guide and keep the results; returns the number failing."""
    GuidePage = apps.get_model("guides", "GuidePage")
    guide = GuidePage.objects.live().filter(pk=page_id).first()
    if guide is None:
        return 0
    return link_check.check_links(guide)


@shared_task(time_limit=60)
def check_all_guide_links():
    """Fan out one link check per live guide; the flags are computed later from the kept results."""
    ids = list(freshness.live_guides().values_list("pk", flat=True))
    transaction.on_commit(lambda: [check_guide_links.delay(page_id) for page_id in ids])
    return len(ids)


@shared_task(time_limit=600, soft_time_limit=540)
def flag_stale_guides():
    """Re-evaluate every live guide, purge the pages whose flag changed and e-mail moderators the new flags."""
    guides = list(freshness.live_guides())
    changed = freshness.evaluate_guides(guides)
    purge_pages(changed)
    sent = send_new_flags_digest()
    logger.info("guide freshness: %d guides, %d flags changed, digest to %d moderators", len(guides),
                len(changed), sent)
    return {"guides": len(guides), "changed": changed, "digest_recipients": sent}
