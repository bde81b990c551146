"""A page in review goes live exactly as its moderator approved it (editorial.moderation_guard).

The reproduction, through the admin's own URLs: an editor saves a draft with text nobody reviewed, then a harmless
draft that they submit; while the page waits for review, the editor (or a translator) asks the admin API to revert
to the unreviewed draft, and the moderator approves the submission.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from editorial import scheduling
from editorial.setup import MODERATORS
from guides.models import GuidePage

from .admin_forms import edit_form_data
from .conftest import make_user

UNREVIEWED = "Ungeprüfter Text, den niemand freigegeben hat"
REVIEWED = "Geprüfter Text"


def post_edit_form(client, user, page, changes, **action):
    """Post the page's edit form as ``user``'s browser would, with ``changes`` and the button in ``action``."""
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(client.get(url).content.decode(), GuidePage)
    data.update(changes, **action)
    return client.post(url, data)


def save_draft(client, user, page, goal):
    response = post_edit_form(client, user, page, {"goal_de": goal})
    assert response.status_code == 302, [str(m) for m in response.context["messages"]]
    return GuidePage.objects.get(pk=page.pk).latest_revision


def submit(client, user, page, goal):
    response = post_edit_form(client, user, page, {"goal_de": goal}, **{"action-submit": "1"})
    assert response.status_code == 302
    page = GuidePage.objects.get(pk=page.pk)
    assert page.workflow_in_progress
    return page.latest_revision


def revert_through_api(client, user, page, revision):
    client.force_login(user)
    url = reverse("wagtailadmin_api:pages:action", args=[page.pk, "revert_to_page_revision"])
    return client.post(url, {"revision_id": revision.pk}, content_type="application/json")


def approve(client, moderator, page):
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state_id])
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def live_goal(page):
    return GuidePage.objects.get(pk=page.pk).goal_de


def drafts_submitted(client, editor, page):
    unreviewed = save_draft(client, editor, page, UNREVIEWED)
    submitted = submit(client, editor, page, REVIEWED)
    return unreviewed, submitted


@pytest.mark.parametrize("who", ["editor", "translator"])
def test_reverting_to_an_unreviewed_draft_while_in_review_is_refused_and_approval_publishes_the_reviewed_text(
    request, client, site_tree, editor, moderator, who
):
    guide = site_tree.guide
    unreviewed, submitted = drafts_submitted(client, editor, guide)

    response = revert_through_api(client, request.getfixturevalue(who), guide, unreviewed)

    assert response.status_code == 403
    assert GuidePage.objects.get(pk=guide.pk).latest_revision_id == submitted.pk
    approve(client, moderator, guide)
    assert live_goal(guide) == REVIEWED
    assert not GuidePage.objects.get(pk=guide.pk).has_unpublished_changes


def test_approval_publishes_the_approved_revision_even_when_a_newer_one_exists(
    client, site_tree, editor, moderator, django_user_model
):
    # Another reviewer saves a draft while the page is in review (Wagtail lets reviewers edit); the approving
    # moderator approves the submission they saw, so that is what goes live, and the other draft stays a draft.
    guide = site_tree.guide
    _unreviewed, submitted = drafts_submitted(client, editor, guide)
    other_moderator = make_user(django_user_model, "otto", MODERATORS, "de")
    newer = save_draft(client, other_moderator, guide, "Entwurf einer anderen Moderatorin")
    assert newer.pk != submitted.pk

    approve(client, moderator, guide)

    guide = GuidePage.objects.get(pk=guide.pk)
    assert guide.goal_de == REVIEWED
    assert guide.live_revision_id == submitted.pk
    assert guide.has_unpublished_changes and guide.latest_revision_id == newer.pk


def test_a_moderator_who_changes_the_page_and_approves_in_the_edit_form_publishes_their_change(
    client, site_tree, editor, moderator
):
    guide = site_tree.guide
    drafts_submitted(client, editor, guide)
    state = WorkflowState.objects.get(object_id=str(guide.pk), status=WorkflowState.STATUS_IN_PROGRESS)

    response = post_edit_form(
        client,
        moderator,
        guide,
        {"goal_de": "Vom Moderator verbessert"},
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )

    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert live_goal(guide) == "Vom Moderator verbessert"


def test_a_moderator_may_still_revert_while_reviewing(client, site_tree, editor, moderator):
    guide = site_tree.guide
    unreviewed, _submitted = drafts_submitted(client, editor, guide)
    assert revert_through_api(client, moderator, guide, unreviewed).status_code == 200
    assert GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object().goal_de == UNREVIEWED


@pytest.mark.parametrize("who", ["editor", "translator"])
def test_the_revisions_revert_view_cannot_save_an_old_draft_while_in_review(
    request, client, site_tree, editor, moderator, who
):
    guide = site_tree.guide
    unreviewed, submitted = drafts_submitted(client, editor, guide)
    client.force_login(request.getfixturevalue(who))
    url = reverse("wagtailadmin_pages:revisions_revert", args=[guide.pk, unreviewed.pk])
    page = client.get(url)
    assert page.status_code == 200
    # The form a translator sees has the German fields disabled; Spanish is in everyone's form.
    data = edit_form_data(page.content.decode(), GuidePage, "title_es")
    data["revision"] = str(unreviewed.pk)

    client.post(reverse("wagtailadmin_pages:edit", args=[guide.pk]), data)

    assert GuidePage.objects.get(pk=guide.pk).latest_revision_id == submitted.pk
    approve(client, moderator, guide)
    assert live_goal(guide) == REVIEWED


@pytest.mark.parametrize("who", ["editor", "translator"])
def test_publishing_through_the_api_or_a_bulk_action_is_refused_while_in_review(
    request, client, site_tree, editor, who
):
    guide = site_tree.guide
    drafts_submitted(client, editor, guide)
    client.force_login(request.getfixturevalue(who))

    api = client.post(
        reverse("wagtailadmin_api:pages:action", args=[guide.pk, "publish"]), {}, content_type="application/json"
    )
    bulk = client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={guide.pk}",
        {"include_descendants": ""},
    )

    assert api.status_code == 403
    assert bulk.status_code in (200, 302)
    assert live_goal(guide) == site_tree.guide.goal_de
    assert GuidePage.objects.get(pk=guide.pk).workflow_in_progress


def test_an_approved_revision_with_a_go_live_time_is_the_one_the_schedule_publishes(
    client, site_tree, editor, moderator, django_user_model
):
    guide = site_tree.guide
    save_draft(client, editor, guide, UNREVIEWED)
    go_live_at = timezone.localtime() + timedelta(hours=1)
    response = post_edit_form(
        client,
        editor,
        guide,
        {"goal_de": REVIEWED, "go_live_at": go_live_at.strftime("%Y-%m-%d %H:%M")},
        **{"action-submit": "1"},
    )
    assert response.status_code == 302
    submitted = GuidePage.objects.get(pk=guide.pk).latest_revision
    save_draft(client, make_user(django_user_model, "otto", MODERATORS, "de"), guide, "Entwurf von Otto")

    approve(client, moderator, guide)

    scheduled = Revision.objects.get(object_id=str(guide.pk), approved_go_live_at__isnull=False)
    assert scheduled.pk == submitted.pk
    assert live_goal(guide) == site_tree.guide.goal_de
    with time_machine.travel(go_live_at + timedelta(minutes=1)):
        assert scheduling.run_schedule() == (0, 1)
    assert live_goal(guide) == REVIEWED


def test_moving_a_page_in_review_through_the_api_is_refused_to_an_editor(client, site_tree, editor, moderator):
    guide = site_tree.guide
    _unreviewed, submitted = drafts_submitted(client, editor, guide)
    client.force_login(editor)

    moved = client.post(
        reverse("wagtailadmin_api:pages:action", args=[guide.pk, "move"]),
        {"destination_page_id": site_tree.guide_index.pk, "position": "first-child"},
        content_type="application/json",
    )

    assert moved.status_code == 403  # the guide is live: only publishers may move it
    guide = GuidePage.objects.get(pk=guide.pk)
    assert guide.latest_revision_id == submitted.pk
    approve(client, moderator, guide)
    assert live_goal(guide) == REVIEWED
