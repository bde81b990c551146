"""Cached reader pages forget a platform or a topic when it changes.

Snippets are not published like pages: a saved change is live at once. Every page that shows the snippet is
dropped from Django's page cache and from Varnish, in every language (config.cache.forget_page), once the change
is committed, so that no reader keeps seeing the old name or the old privacy-centre address.
"""

from functools import partial

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_delete

from config.cache import forget_page

from .models import ArticleIndexPage, ArticlePage, GuideIndexPage, GuidePage, HomePage, Platform, Topic

# Pages that list every guide grouped by platform (home, guide index) or offer a platform or topic filter
# (article index): they show each snippet, whatever it is.
LISTING_PAGE_MODELS = (HomePage, GuideIndexPage, ArticleIndexPage)


def listing_page_ids():
    return {pk for model in LISTING_PAGE_MODELS for pk in model.objects.values_list("pk", flat=True)}


def pages_showing_platform(platform):
    """Ids of the pages whose text includes the platform: its guides, articles about it or linking one of its
    guides (the link names the platform), and the listings."""
    guides = set(GuidePage.objects.filter(platform=platform).values_list("pk", flat=True))
    articles = set(ArticlePage.objects.filter(
        Q(platforms=platform) | Q(related_guides__guide__platform=platform)).values_list("pk", flat=True))
    return guides | articles | listing_page_ids()


def pages_showing_topic(topic):
    return set(ArticlePage.objects.filter(topics=topic).values_list("pk", flat=True)) | listing_page_ids()


PAGES_SHOWING = {Platform: pages_showing_platform, Topic: pages_showing_topic}


def forget_pages_showing(sender, instance, **kwargs):
    # The pages are found now (before a delete removes the links) and forgotten after the commit: a reader who
    # comes in between must not put the old text back into the cache.
    page_ids = PAGES_SHOWING[sender](instance)
    transaction.on_commit(partial(forget_pages, page_ids))


def forget_pages(page_ids):
    for page_id in sorted(page_ids):
        forget_page(page_id)


def connect_receivers():
    for model in PAGES_SHOWING:
        post_save.connect(forget_pages_showing, sender=model,
                          dispatch_uid=f"guides.snippet_cache.saved.{model.__name__}")
        pre_delete.connect(forget_pages_showing, sender=model,
                           dispatch_uid=f"guides.snippet_cache.deleted.{model.__name__}")
