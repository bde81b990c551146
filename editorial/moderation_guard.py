"""While a page is in review, what goes live is what its moderator approved.

Why: Wagtail locks the edit form of a page in review against everyone but the task's reviewers, but that lock is
checked by the form, not by the page. The admin API's ``revert_to_page_revision`` action asks only whether the user
may edit the page at all, so an editor or translator could add a new latest revision (an unreviewed draft) to a
page waiting for review; and when the last task is approved, Wagtail publishes the page's latest revision, not the
one that was reviewed. Two rules close that, each at the one place every path goes through:

- ``refuse_revision_from_locked_out_user`` (connected to Revision's ``pre_save`` in editorial/wagtail_hooks.py):
  a revision that would add or rewrite content is refused when its author is someone the current review task locks
  out, with the same test and message as Wagtail's edit form, whatever view, API action or bulk action saves it.
  What else editors and translators can reach cannot change a page in review: publishing, unpublishing and
  scheduling need the publish permission, which they lack; they may move only pages that were never published, and
  every reviewed page type has exactly one possible parent, so a move only reorders; a copy is a new page.
- ``publish_approved_revision`` (the ``WAGTAIL_FINISH_WORKFLOW_ACTION`` setting): approval publishes the revision
  the last task was approved on. Reviewers may still edit a page in review, as Wagtail allows, and "Approve" in the
  edit form saves their changes first: a newer revision by the approver themself is what they approved and is
  published instead. A newer revision by anyone else stays a draft.

Wagtail imports the setting's function while its own models load, so this module imports them only where used.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.utils.html import strip_tags

logger = logging.getLogger(__name__)


def refuse_revision_from_locked_out_user(sender, instance, update_fields=None, **kwargs):
    """Revision ``pre_save``: raise PermissionDenied if the author may not change the object while in review."""
    from wagtail.locks import WorkflowLock
    from wagtail.models import WorkflowMixin

    revision = instance
    writes_content = revision._state.adding or update_fields is None or "content" in update_fields
    if revision.user_id is None or not writes_content:
        return  # work of the system (imports, scheduled publishing), or only its go-live time recorded
    obj = revision.content_object
    task = obj.current_workflow_task if isinstance(obj, WorkflowMixin) else None
    if task is not None and task.locked_for_user(obj, revision.user):
        raise PermissionDenied(strip_tags(WorkflowLock(obj, task).get_message(revision.user)))


def publish_approved_revision(workflow_state, user=None):
    """Publish the revision that the finished workflow approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``)."""
    from wagtail.models import TaskState

    latest = workflow_state.content_object.get_latest_revision()
    if workflow_state.current_task_state_id is None:
        revision = latest  # a workflow without tasks finishes as it starts: on the revision just submitted
    else:
        task_state = TaskState.objects.select_related("revision").get(pk=workflow_state.current_task_state_id)
        revision = task_state.revision
        if task_state.finished_by_id is not None and latest.user_id == task_state.finished_by_id:
            revision = latest
    if revision.pk != latest.pk:
        logger.info(
            "Workflow state %s approved revision %s; the newer revision %s stays a draft.",
            workflow_state.pk,
            revision.pk,
            latest.pk,
        )
    revision.publish(user=user)
