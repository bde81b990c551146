"""Dropping cached reader pages whose editorial notices changed without a publication."""

from wagtail.models import Page

from .signals import page_freshness_changed


def purge_pages(page_ids):
    # The page cache (page_cache/invalidation.py) purges the answers showing these pages' notices.
    for page_id in page_ids or ():
        page_freshness_changed.send(sender=Page, page_id=page_id)
