"""Dropping cached reader pages whose editorial notices changed without a publication."""

import logging

from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page

from .signals import page_freshness_changed

logger = logging.getLogger(__name__)


def purge_pages(page_ids):
    if not page_ids:
        return
    for page_id in page_ids:
        page_freshness_changed.send(sender=Page, page_id=page_id)
    # Varnish or a CDN, when WAGTAILFRONTENDCACHE configures one; without backends this does nothing.
    purge_pages_from_cache(Page.objects.filter(pk__in=page_ids).specific())
