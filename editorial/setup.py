"""Permissions of the editorial groups and the review workflow, applied idempotently.

Runs after every migrate (post_migrate, like Django's own permissions: those of a model exist only once its app
is migrated), when the home page or an index page is published (an administrator who builds the site in the
admin gets the page permissions and the review workflow on it at once), and by ``manage.py setup_editorial``.
Each run only adds what is missing, so it is safe to repeat. Pages are read by id alone: when post_migrate is
sent, wagtail-modeltranslation has not yet added the translated columns to the page table, so a whole page could
not be loaded then.
"""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

logger = logging.getLogger(__name__)

# Stored as these English message ids; the admin shows them in its language (editorial/display_names.py).
EDITORS, MODERATORS, TRANSLATORS = gettext_noop("Editors"), gettext_noop("Moderators"), gettext_noop("Translators")
WORKFLOW_NAME = gettext_noop("Editorial review")
TASK_NAME = gettext_noop("Moderator approval")

# Page permissions on the home page's subtree. Nobody but moderators may publish; editors and translators
# submit their changes to the workflow instead.
PAGE_PERMISSIONS = {
    EDITORS: ("add_page", "change_page", "lock_page"),
    TRANSLATORS: ("change_page",),
    MODERATORS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}

# Images and documents live in collections; everyone may use them, moderators may also tidy them up.
COLLECTION_PERMISSIONS = {
    EDITORS: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
    TRANSLATORS: ("wagtailimages.choose_image", "wagtaildocs.choose_document"),
    MODERATORS: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
    ),
}

# Model permissions, as "app_label.codename". Those of apps or models that do not exist (yet) are skipped and
# granted by a later run, so this list may name the models other apps are still building.
MODEL_PERMISSIONS = {
    EDITORS: (
        "wagtailadmin.access_admin",
        "guides.view_platform",
        "guides.view_topic",
        "editorial.view_pagefreshness",
        "editorial.view_translationstatus",
        "editorial.add_verificationrecord",
        "editorial.view_watchedsource",
        "editorial.add_watchedsource",
        "editorial.change_watchedsource",
        "ratings.view_stepreport",
        "ratings.view_ratingsummary",
    ),
    TRANSLATORS: (
        "wagtailadmin.access_admin",
        "guides.view_platform",
        "guides.view_topic",
        "editorial.view_pagefreshness",
        "editorial.view_translationstatus",
    ),
    MODERATORS: (
        "wagtailadmin.access_admin",
        "guides.add_platform",
        "guides.change_platform",
        "guides.delete_platform",
        "guides.view_platform",
        "guides.add_topic",
        "guides.change_topic",
        "guides.delete_topic",
        "guides.view_topic",
        "editorial.view_pagefreshness",
        "editorial.view_translationstatus",
        "editorial.add_verificationrecord",
        "editorial.view_verificationrecord",
        "editorial.view_linkcheckresult",
        "editorial.view_watchedsource",
        "editorial.add_watchedsource",
        "editorial.change_watchedsource",
        "editorial.delete_watchedsource",
        "ratings.view_stepreport",
        "ratings.change_stepreport",
        "ratings.delete_stepreport",
        "ratings.view_ratingsummary",
        "ratings.view_vote",
        "notices.view_updatenotice",
        "notices.change_updatenotice",
        "notices.delete_updatenotice",
        "notices.view_subscription",
        "notices.change_subscription",
        "notices.delete_subscription",
        "notices.view_delivery",
    ),
}

# Platforms and topics are snippets: a change is live at once, on every page that shows them, with no review.
# So only the role that may publish changes them; editors and translators choose them and ask a moderator for a
# change. These were granted by earlier versions and are withdrawn on every run.
WITHDRAWN_MODEL_PERMISSIONS = {
    EDITORS: ("guides.add_platform", "guides.change_platform", "guides.add_topic", "guides.change_topic"),
    TRANSLATORS: ("guides.change_platform", "guides.change_topic"),
}


def _permissions(names):
    wanted = [name.split(".", 1) for name in names]
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _codename in wanted},
        codename__in={codename for _app, codename in wanted},
    ).select_related("content_type")
    by_name = {f"{perm.content_type.app_label}.{perm.codename}": perm for perm in found}
    return [by_name[name] for name in names if name in by_name]


def groups():
    return {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, MODERATORS, TRANSLATORS)}


def grant_model_permissions(by_name):
    for name, group in by_name.items():
        group.permissions.add(*_permissions(MODEL_PERMISSIONS[name]))
        group.permissions.remove(*_permissions(WITHDRAWN_MODEL_PERMISSIONS.get(name, ())))


def grant_collection_permissions(by_name):
    root = Collection.get_first_root_node()
    if root is None:
        return
    for name, group in by_name.items():
        for permission in _permissions(COLLECTION_PERMISSIONS[name]):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def home_page_id():
    from guides.models import HomePage  # guides.models imports this module (its page form names the groups)

    return HomePage.objects.order_by("path").values_list("pk", flat=True).first()


def grant_page_permissions(by_name, home_id):
    """Page permissions on the home subtree; Wagtail's default ones on the tree root are withdrawn."""
    tree_root_id = Page.objects.filter(depth=1).values_list("pk", flat=True).first()
    GroupPagePermission.objects.filter(group__in=by_name.values(), page_id=tree_root_id).delete()
    for name, group in by_name.items():
        for permission in _permissions([f"wagtailcore.{codename}" for codename in PAGE_PERMISSIONS[name]]):
            GroupPagePermission.objects.get_or_create(group=group, page_id=home_id, permission=permission)


def review_workflow(moderators):
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    return workflow


def assign_workflow(workflow):
    """Attach the review workflow to each index page that exists; returns how many are attached."""
    attached = 0
    from guides.models import INDEX_PAGE_MODELS  # see home_page_id

    # The section roots: every page below them goes through review.
    for model in INDEX_PAGE_MODELS:
        for page_id in model.objects.values_list("pk", flat=True):
            WorkflowPage.objects.update_or_create(page_id=page_id, defaults={"workflow": workflow})
            attached += 1
    return attached


@transaction.atomic
def setup_editorial():
    """Apply everything that can be applied now. Returns a short summary for the management command."""
    by_name = groups()
    grant_model_permissions(by_name)
    grant_collection_permissions(by_name)
    workflow = review_workflow(by_name[MODERATORS])
    home_id = home_page_id()
    if home_id is not None:
        grant_page_permissions(by_name, home_id)
    attached = assign_workflow(workflow)
    return {"home": home_id is not None, "workflow_pages": attached}
