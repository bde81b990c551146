"""Groups, their permissions and the review workflow, as an editor, translator and moderator meet them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowPage, WorkflowState

from editorial.setup import WORKFLOW_NAME, setup_editorial
from guides.models import GuidePage


def test_the_three_groups_exist_after_migrate(db):
    assert set(
        Group.objects.filter(name__in=["Editors", "Moderators", "Translators"]).values_list("name", flat=True)
    ) == {"Editors", "Moderators", "Translators"}


def test_page_permissions_sit_on_the_home_subtree_once_the_home_page_exists(site_tree):
    perms = GroupPagePermission.objects.filter(group__name__in=["Editors", "Moderators", "Translators"])
    assert {p.page_id for p in perms} == {site_tree.home.pk}
    by_group = {}
    for p in perms:
        by_group.setdefault(p.group.name, set()).add(p.permission.codename)
    assert "publish_page" in by_group["Moderators"]
    assert "publish_page" not in by_group["Editors"]
    assert by_group["Translators"] == {"change_page"}


def test_review_workflow_is_attached_to_the_three_index_pages(site_tree):
    attached = WorkflowPage.objects.filter(workflow__name=WORKFLOW_NAME).values_list("page_id", flat=True)
    assert set(attached) == {site_tree.article_index.pk, site_tree.guide_index.pk, site_tree.deadline_index.pk}
    assert site_tree.guide.get_workflow().name == WORKFLOW_NAME
    assert site_tree.deadline.get_workflow().name == WORKFLOW_NAME


def test_setup_is_idempotent(site_tree):
    before = (GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    setup_editorial()
    setup_editorial()
    assert (GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == before


@pytest.mark.parametrize(
    "user_fixture, can_publish, can_edit",
    [
        ("editor", False, True),
        ("translator", False, True),
        ("moderator", True, True),
    ],
)
def test_page_permissions_per_group(request, site_tree, user_fixture, can_publish, can_edit):
    user = request.getfixturevalue(user_fixture)
    perms = site_tree.guide.permissions_for_user(user)
    assert perms.can_publish() is can_publish
    assert perms.can_edit() is can_edit


def test_translator_cannot_create_pages(site_tree, translator):
    assert not site_tree.guide_index.permissions_for_user(translator).can_add_subpage()


def submit(guide, user):
    guide.refresh_from_db()
    guide.steps_de[0].value["steps"][0].value["title"] = "Changed step"
    guide.save_revision(user=user)
    return guide.get_workflow().start(guide, user)


def workflow_action(client, guide, action, state):
    url = reverse("wagtailadmin_pages:workflow_action", args=[guide.pk, action, state.current_task_state.pk])
    return client.post(url, {"comment": ""})


def test_editor_sees_submit_but_no_publish_button(client, site_tree, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[site_tree.guide.pk]))
    assert response.status_code == 200
    assert b'name="action-publish"' not in response.content
    assert b'name="action-submit"' in response.content


def test_editor_cannot_approve_own_submission_and_page_stays_unpublished(client, site_tree, editor, mailoutbox):
    state = submit(site_tree.guide, editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Moderator approval"
    client.force_login(editor)
    response = workflow_action(client, site_tree.guide, "approve", state)
    # Wagtail answers a refused action with a redirect to the dashboard and an error message.
    assert response.status_code in (302, 403)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    assert guide.has_unpublished_changes
    assert guide.steps_de[0].value["steps"][0].value["title"] != "Changed step"


def test_moderator_approval_publishes_and_closes_the_workflow(client, site_tree, editor, moderator):
    state = submit(site_tree.guide, editor)
    client.force_login(moderator)
    response = workflow_action(client, site_tree.guide, "approve", state)
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    assert not guide.has_unpublished_changes
    assert guide.steps_de[0].value["steps"][0].value["title"] == "Changed step"


def test_moderator_rejection_sends_the_page_back(client, site_tree, editor, moderator):
    state = submit(site_tree.guide, editor)
    client.force_login(moderator)
    workflow_action(client, site_tree.guide, "reject", state)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert GuidePage.objects.get(pk=site_tree.guide.pk).has_unpublished_changes


def test_submit_and_approve_mail_each_recipient_in_their_admin_language(
    client, site_tree, editor, moderator, mailoutbox
):
    # The moderator reads the admin in English, the editor in German.
    state = submit(site_tree.guide, editor)
    submitted = [m for m in mailoutbox if moderator.email in m.to]
    assert len(submitted) == 1
    assert "has been submitted for approval" in submitted[0].subject
    mailoutbox.clear()
    client.force_login(moderator)
    workflow_action(client, site_tree.guide, "approve", state)
    approved = [m for m in mailoutbox if editor.email in m.to]
    assert len(approved) == 1
    assert "wurde in" in approved[0].subject and "freigegeben" in approved[0].subject


def test_setup_command_reports_what_it_found_without_a_home_page(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("setup_editorial", stdout=out)
    assert "home page found: False" in out.getvalue()
    assert Group.objects.get(name="Moderators").permissions.filter(codename="access_admin").exists()
