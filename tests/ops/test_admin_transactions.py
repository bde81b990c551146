"""An admin change commits or rolls back as a whole (config.middleware.AtomicAdminChangesMiddleware)."""

import pytest
from django.contrib.auth.models import Group
from django.core.handlers.exception import convert_exception_to_response
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from config.middleware import AtomicAdminChangesMiddleware

pytestmark = pytest.mark.django_db(transaction=True)


def middleware_around(view):
    # As in Django's handler: the view's exception becomes a 500 answer before the middleware sees it.
    return AtomicAdminChangesMiddleware(convert_exception_to_response(view))


def test_a_failing_admin_change_leaves_nothing_behind_and_enqueues_nothing():
    enqueued = []

    def view(request):
        Group.objects.create(name="written before the failure")
        transaction.on_commit(lambda: enqueued.append("fan-out"))
        raise RuntimeError("the receiver of page_published failed")

    response = middleware_around(view)(RequestFactory().post("/admin/pages/1/edit/"))
    assert response.status_code == 500
    assert not Group.objects.filter(name="written before the failure").exists()
    assert enqueued == []


def test_a_successful_admin_change_commits_and_then_runs_its_on_commit_work():
    seen_in_transaction = []
    enqueued = []

    def view(request):
        seen_in_transaction.append(connection.in_atomic_block)
        Group.objects.create(name="published together")
        transaction.on_commit(lambda: enqueued.append("fan-out"))
        return HttpResponse(status=302)

    response = middleware_around(view)(RequestFactory().post("/admin/pages/1/edit/"))
    assert response.status_code == 302
    assert seen_in_transaction == [True]
    assert Group.objects.filter(name="published together").exists()
    assert enqueued == ["fan-out"]


def test_reader_posts_and_admin_reads_run_without_a_transaction():
    seen = []

    def view(request):
        seen.append(connection.in_atomic_block)
        return HttpResponse()

    middleware = middleware_around(view)
    middleware(RequestFactory().post("/de/ratings/vote/"))
    middleware(RequestFactory().get("/admin/pages/"))
    assert seen == [False, False]


def test_the_middleware_is_the_innermost_one(settings):
    assert settings.MIDDLEWARE[-1] == "config.middleware.AtomicAdminChangesMiddleware"
