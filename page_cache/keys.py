"""Surrogate keys: what a cached answer shows, so that a change invalidates exactly the answers showing it.

Every cached answer carries its keys in the ``xkey`` header (Varnish's xkey module indexes them and strips the
header before the client). The keys, language-independent, so one purge reaches every language:

- ``page-<id>``: the answer shows page <id> (its title, address or content), itself or in a menu, breadcrumb
  trail, list or link;
- ``below-<id>``: the answer of page <id>, which may list the pages below it (an index, the home page), so a
  page that appears, disappears or moves under it changes it;
- ``children-<id>``: the answer shows the main menu, the children of the site's root page <id>;
- ``platform-<id>``, ``topic-<id>``: the answer shows that snippet;
- ``rating-<id>``: the answer shows the rating summary of page <id>;
- ``notices-<id>``: the answer shows the editorial notices of page <id> (in the header of the page itself);
- ``search``: a search result list.

Which pages, snippets and summaries an answer shows is observed, not declared: while an answer is rendered,
every instance of those models that is loaded or built (Django's post_init signal) adds its key. So a template
that starts showing something new is covered without a change here. The editorial notices are read as plain
values, never as instances, and are declared for the page's own answer instead.
"""

import contextvars
from contextlib import contextmanager

from django.apps import apps
from django.db.models.signals import post_init
from wagtail.models import Page

SEARCH = "search"

_shown = contextvars.ContextVar("page_cache_shown", default=None)


def page_key(page_id):
    return f"page-{page_id}"


def below_key(page_id):
    return f"below-{page_id}"


def children_key(page_id):
    return f"children-{page_id}"


def platform_key(platform_id):
    return f"platform-{platform_id}"


def topic_key(topic_id):
    return f"topic-{topic_id}"


def rating_key(page_id):
    return f"rating-{page_id}"


def notices_key(page_id):
    return f"notices-{page_id}"


class Shown:
    """What one answer showed: pages by id (with their tree path, when loaded) and the other keys."""

    def __init__(self):
        self.pages = {}
        self.keys = set()

    def keys_for(self, own_page=None):
        """The answer's keys. Pages below the answer's own page are covered by its ``below-`` key."""
        keys = set(self.keys)
        for page_id, path in self.pages.items():
            is_below = own_page is not None and path and path.startswith(own_page.path) and path != own_page.path
            if not is_below:
                keys.add(page_key(page_id))
        if own_page is not None:
            keys |= {page_key(own_page.pk), below_key(own_page.pk), notices_key(own_page.pk)}
        return keys


@contextmanager
def recording():
    """Collects what the code inside shows; yields the Shown it fills."""
    shown = Shown()
    token = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(token)


def show(*keys):
    """Adds keys to the answer being rendered, if any (for what no model instance stands for)."""
    shown = _shown.get()
    if shown is not None:
        shown.keys.update(keys)


def _page_loaded(sender, instance, **kwargs):
    shown = _shown.get()
    if shown is not None and instance.pk is not None:
        # __dict__, not the attribute: a page loaded with only() must not cost a query for its path.
        shown.pages.setdefault(instance.pk, instance.__dict__.get("path"))


def _keyed_by_pk(make_key):
    def receiver(sender, instance, **kwargs):
        if _shown.get() is not None and instance.pk is not None:
            show(make_key(instance.pk))

    return receiver


def _rating_summary_loaded(sender, instance, **kwargs):
    # Built unsaved for a page without votes yet, so keyed by the page, which it always has.
    page_id = instance.__dict__.get("page_id")
    if _shown.get() is not None and page_id is not None:
        show(rating_key(page_id))


_platform_loaded = _keyed_by_pk(platform_key)
_topic_loaded = _keyed_by_pk(topic_key)


def connect_recorders():
    """post_init receivers for the models answers show, connected per model so that others pay nothing."""
    for model in apps.get_models():
        if issubclass(model, Page):
            post_init.connect(_page_loaded, sender=model, dispatch_uid=f"page_cache.shown.{model._meta.label}")
    post_init.connect(_platform_loaded, sender="guides.Platform", dispatch_uid="page_cache.shown.platform")
    post_init.connect(_topic_loaded, sender="guides.Topic", dispatch_uid="page_cache.shown.topic")
    post_init.connect(_rating_summary_loaded, sender="ratings.RatingSummary", dispatch_uid="page_cache.shown.rating")
