"""Which surrogate keys (page_cache/keys.py) each content change purges; connected in PageCacheConfig.ready().

- a publish, unpublish, move or delete of a page: the answers showing it or anything below it (their addresses
  and breadcrumbs change with it), the lists of every page above it (it may appear in or leave them), the main
  menu when it sits right under the site's root, and every search result list;
- a change of a Platform or Topic snippet: the answers showing it;
- a new rating summary: the answers showing that summary (the page's own, in every language);
- a change of a page's editorial notices outside a publication: that page's own answers.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import keys
from .purge import softpurge_after_commit


def ancestor_paths(path):
    return [path[:length] for length in range(Page.steplen, len(path), Page.steplen)]


def keys_for_page_change(page, former_parent_path=None):
    """Keys of everything a change of ``page`` (at its current place, and at its former one after a move) shows."""
    paths = ancestor_paths(page.path)
    if former_parent_path:
        paths += [*ancestor_paths(former_parent_path), former_parent_path]
    ancestors = dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))
    changed = {keys.page_key(page.pk), keys.SEARCH}
    changed |= {keys.page_key(pk) for pk in Page.objects.descendant_of(page).values_list("pk", flat=True)}
    changed |= {keys.below_key(pk) for pk in ancestors.values()}
    parent_paths = {page.path[: -Page.steplen], former_parent_path} - {None}
    root_ids = set(Site.objects.values_list("root_page_id", flat=True))
    changed |= {
        keys.children_key(ancestors[path]) for path in parent_paths if path in ancestors and ancestors[path] in root_ids
    }
    return changed


def page_changed(instance, **kwargs):
    softpurge_after_commit(keys_for_page_change(instance))


def page_moved(instance, parent_page_before, **kwargs):
    softpurge_after_commit(keys_for_page_change(instance, former_parent_path=parent_page_before.path))


def platform_changed(instance, **kwargs):
    softpurge_after_commit([keys.platform_key(instance.pk)])


def topic_changed(instance, **kwargs):
    softpurge_after_commit([keys.topic_key(instance.pk)])


def rating_summary_changed(page_id, **kwargs):
    softpurge_after_commit([keys.rating_key(page_id)])


def page_notices_changed(page_id, **kwargs):
    softpurge_after_commit([keys.notices_key(page_id)])


def connect_receivers():
    from editorial.signals import page_freshness_changed
    from guides.models import Platform, Topic
    from ratings.signals import rating_summary_changed as rating_signal

    uid = "page_cache.invalidation"
    page_published.connect(page_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(page_moved, dispatch_uid=f"{uid}.moved")
    # Deleting a page sends post_delete for its own class and for Page (Django sends it for each parent model).
    post_delete.connect(page_changed, sender=Page, dispatch_uid=f"{uid}.deleted")
    for model, receiver in ((Platform, platform_changed), (Topic, topic_changed)):
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}.{model.__name__}.saved")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}.{model.__name__}.deleted")
    rating_signal.connect(rating_summary_changed, dispatch_uid=f"{uid}.rated")
    page_freshness_changed.connect(page_notices_changed, dispatch_uid=f"{uid}.notices")
