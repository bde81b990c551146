"""Wagtail's background tasks (search and reference index) run on the Celery workers after the editor's commit
(config/wagtail_tasks.py), and at once, in the request, where Celery runs eagerly."""

import pytest
from django.db import transaction
from wagtail.models import ReferenceIndex

from config.celery import app
from config.wagtail_tasks import run_wagtail_task
from guides.models import GuidePage, PageSearchText
from guides.search import search_pages

from ..conftest import wait_until

pytestmark = pytest.mark.django_db

INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"
REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"


def found(words):
    """Ids of the pages a German reader's search for ``words`` finds."""
    return [text.page_id for text in search_pages(words, "de")]


def publish_with_goal(page_id, goal):
    guide = GuidePage.objects.get(pk=page_id)
    guide.goal_de = goal
    guide.save_revision().publish()


@pytest.fixture
def sent(monkeypatch):
    """Celery with a broker (not eager); what would go to it is recorded instead of sent."""
    messages = []
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(run_wagtail_task, "apply_async", lambda args, task_id: messages.append((args, task_id)))
    return messages


def test_a_publish_sends_its_index_updates_only_once_the_transaction_commits(
    site_tree, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        publish_with_goal(site_tree.guide.pk, "Widerspruch gegen das Training")
        assert sent == []  # nothing leaves while the rows are not committed
    assert len(callbacks) >= len(sent) > 0
    paths = {args[0] for args, _task_id in sent}
    assert {INDEX_TASK, REFERENCE_TASK} <= paths
    # Each message names its object, so the worker reads the committed rows itself; ids are distinct.
    guide_updates = [args for args, _ in sent if args[0] == INDEX_TASK and args[1][:2] == ["guides", "guidepage"]]
    assert guide_updates and all(args[1][2] == str(site_tree.guide.pk) for args in guide_updates)
    assert len({task_id for _args, task_id in sent}) == len(sent)
    # The readers' search does not know the new words until a worker has run the updates.
    assert found("Widerspruch Training") == []


def test_a_rolled_back_publish_sends_nothing(site_tree, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        publish_with_goal(site_tree.guide.pk, "Dieser Text wird nie veröffentlicht")
        raise RuntimeError("the editor's request failed")
    assert sent == []


def test_the_worker_task_as_a_plain_function_updates_the_index(site_tree, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish_with_goal(site_tree.guide.pk, "Schalterstellung ändern")
    assert found("Schalterstellung") == []
    for args, _task_id in sent:
        run_wagtail_task(*args)
    assert found("Schalterstellung") == [site_tree.guide.pk]
    assert [page.pk for page in GuidePage.objects.live().search("Schalterstellung")] == [site_tree.guide.pk]
    # Running the same updates again (a redelivered message) changes nothing.
    for args, _task_id in sent:
        run_wagtail_task(*args)
    assert found("Schalterstellung") == [site_tree.guide.pk]


@pytest.mark.parametrize("path", ["os.system", "guides.search.rebuild_search_texts", "no.such.module"])
def test_the_worker_runs_only_django_tasks(path):
    with pytest.raises((TypeError, ImportError)):
        run_wagtail_task(path, ["echo intruder"], {})


def test_without_a_broker_the_updates_run_in_the_request_as_before(site_tree):
    assert app.conf.task_always_eager  # the tests' settings, as `make run` without REDIS_URL
    publish_with_goal(site_tree.guide.pk, "Sofort auffindbar")
    assert found("Sofort auffindbar") == [site_tree.guide.pk]
    assert PageSearchText.objects.filter(page=site_tree.guide, language="de").exists()


@pytest.mark.postgres
@pytest.mark.redis
def test_a_real_worker_brings_the_search_and_reference_index_up_to_date(celery_worker_factory, monkeypatch):
    from tests.factories import build_site_tree

    site_tree = build_site_tree()
    celery_worker_factory()
    calls = []
    monkeypatch.setattr("modelsearch.index.insert_or_update_object", lambda instance: calls.append(instance))
    ReferenceIndex.objects.all().delete()

    publish_with_goal(site_tree.guide.pk, "Kontoeinstellungen prüfen")

    assert calls == []  # this process (the editor's request) indexed nothing itself
    wait_until(lambda: found("Kontoeinstellungen"), timeout=30, what="the worker's index update")
    assert found("Kontoeinstellungen") == [site_tree.guide.pk]
    wait_until(
        lambda: ReferenceIndex.objects.filter(object_id=str(site_tree.guide.pk)).exists(),
        timeout=30,
        what="the worker's reference index update",
    )
