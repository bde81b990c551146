"""An admin change commits or rolls back as a whole (config.middleware.AtomicAdminChangesMiddleware).

The publishes go through Wagtail's real page editor and the whole middleware stack; the tests commit, so what
they see afterwards is what another request would see.
"""

import pytest
from django.core.handlers.exception import convert_exception_to_response
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import Revision
from wagtail.signals import page_published

from config.middleware import AtomicAdminChangesMiddleware
from guides.models import GuidePage
from notices.models import UpdateNotice
from tests.editorial.admin_forms import edit_form_data

pytestmark = pytest.mark.django_db(transaction=True)

NEW_GOAL = "Widerspruch in zwei Schritten"


@pytest.fixture
def enqueued(monkeypatch):
    """The fan-outs the publish enqueues, each with whether a transaction was still open when it was enqueued."""
    calls = []
    monkeypatch.setattr(
        "notices.recording.enqueue_fan_out", lambda notice_id: calls.append((notice_id, connection.in_atomic_block))
    )
    return calls


def publish_in_the_editor(client, page):
    """Change the guide's goal as a significant change and press Publish in its edit form."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = edit_form_data(client.get(url).content.decode(), GuidePage)
    data.update(
        {
            "goal_de": NEW_GOAL,
            "change_is_significant": "on",
            "change_note_de": "Kürzerer Weg",
            "action-publish": "action-publish",
        }
    )
    return client.post(url, data)


def test_a_publish_stores_the_page_and_its_notice_together_and_fans_out_after_the_commit(
    site_tree, admin_user, enqueued
):
    in_transaction = []

    def during_publish(sender, instance, **kwargs):
        in_transaction.append(connection.in_atomic_block)

    page_published.connect(during_publish, weak=False)
    try:
        client = Client()
        client.force_login(admin_user)
        response = publish_in_the_editor(client, site_tree.guide)
    finally:
        page_published.disconnect(during_publish)

    assert response.status_code == 302
    assert in_transaction == [True]
    assert GuidePage.objects.get(pk=site_tree.guide.pk).goal_de == NEW_GOAL
    notice = UpdateNotice.objects.get(page_id=site_tree.guide.pk)
    assert enqueued == [(notice.pk, False)]


def test_a_publish_that_fails_after_the_notice_leaves_nothing_behind_and_enqueues_nothing(
    site_tree, admin_user, enqueued
):
    revisions = Revision.objects.count()

    def fail(sender, instance, **kwargs):
        raise RuntimeError("a receiver of page_published failed")

    # Connected after the notices app's receiver: the notice is written before this one fails.
    page_published.connect(fail, weak=False)
    try:
        client = Client(raise_request_exception=False)
        client.force_login(admin_user)
        response = publish_in_the_editor(client, site_tree.guide)
    finally:
        page_published.disconnect(fail)

    assert response.status_code == 500
    assert GuidePage.objects.get(pk=site_tree.guide.pk).goal_de != NEW_GOAL
    assert Revision.objects.count() == revisions
    assert not UpdateNotice.objects.exists()
    assert enqueued == []


def test_reader_posts_and_admin_reads_run_without_a_transaction():
    seen = []

    def view(request):
        seen.append(connection.in_atomic_block)
        return HttpResponse()

    # As in Django's handler: a view's exception becomes an answer before the middleware sees it.
    middleware = AtomicAdminChangesMiddleware(convert_exception_to_response(view))
    middleware(RequestFactory().post("/de/ratings/vote/"))
    middleware(RequestFactory().get("/admin/pages/"))
    assert seen == [False, False]
