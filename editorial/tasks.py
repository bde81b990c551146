"""Periodic editorial work, run by Celery beat (see config/celery.py)."""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import freshness, link_check, scheduling, source_watch
from .cache import purge_pages
from .emails import send_new_flags_digest, send_source_change_emails
from .models import WatchedSource

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
    logger.info(
        "guide freshness: %d guides, %d flags changed, digest to %d moderators", len(guides), len(changed), sent
    )
    return {"guides": len(guides), "changed": changed, "digest_recipients": sent}


# A source checked this recently is not fetched again by the daily fan-out, so a repeated run costs nothing.
SOURCE_RECHECK_AFTER = timedelta(hours=20)


@shared_task(time_limit=120, soft_time_limit=100)
def check_watched_source(source_id):
    """Fetch one watched source, record a change or disappearance and e-mail moderators about new ones."""
    source = WatchedSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    status = source_watch.check_source(source)
    send_source_change_emails()
    return status


@shared_task(time_limit=60)
def check_watched_sources():
    """Fan out one check per watched source that is due, spaced per host by SOURCE_WATCH_HOST_INTERVAL seconds or
    the Crawl-delay the host's robots.txt asks for, whichever is longer."""
    due = (
        WatchedSource.objects.filter(
            Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=timezone.now() - SOURCE_RECHECK_AFTER)
        )
        .order_by("pk")
        .values_list("pk", "url")
    )
    next_start_per_host, gap_per_host = {}, {}
    plan = []
    for source_id, url in due:
        host = urlsplit(url).hostname or ""
        start = next_start_per_host.get(host, 0)
        plan.append((source_id, start))
        # The next check on the host waits its turn; longer when the site's robots.txt asks for a Crawl-delay.
        if host not in gap_per_host:
            gap_per_host[host] = max(settings.SOURCE_WATCH_HOST_INTERVAL, source_watch.crawl_delay(url) or 0)
        next_start_per_host[host] = start + gap_per_host[host]
    transaction.on_commit(
        lambda: [check_watched_source.apply_async((source_id,), countdown=countdown) for source_id, countdown in plan]
    )
    return len(plan)
