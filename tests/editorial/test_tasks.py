"""Beat entries, and the editorial tasks as plain functions and through a real Celery worker."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config.celery import app
from editorial import tasks
from editorial.models import PageFreshness, VerificationRecord
from guides.models import GuidePage


def test_beat_lists_the_editorial_tasks_with_existing_names():
    schedule = {entry["task"] for entry in app.conf.beat_schedule.values()}
    for name in (
        "editorial.tasks.publish_scheduled_pages",
        "editorial.tasks.check_all_guide_links",
        "editorial.tasks.flag_stale_guides",
    ):
        assert name in schedule
        assert name in app.tasks


def schedule_change(guide, go_live_at):
    page = GuidePage.objects.get(pk=guide.pk)
    page.goal_de = "Geplantes Ziel"
    page.go_live_at = go_live_at
    revision = page.save_revision(approved_go_live_at=go_live_at)
    return revision


def test_publish_scheduled_pages_publishes_a_due_revision(site_tree):
    schedule_change(site_tree.guide, timezone.now() - timedelta(minutes=1))
    tasks.publish_scheduled_pages()
    assert GuidePage.objects.get(pk=site_tree.guide.pk).goal_de == "Geplantes Ziel"


def test_publish_scheduled_pages_leaves_future_revisions_alone(site_tree):
    schedule_change(site_tree.guide, timezone.now() + timedelta(hours=1))
    tasks.publish_scheduled_pages()
    assert GuidePage.objects.get(pk=site_tree.guide.pk).goal_de != "Geplantes Ziel"


def test_expired_page_is_unpublished(site_tree):
    GuidePage.objects.filter(pk=site_tree.guide.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    tasks.publish_scheduled_pages()
    assert not GuidePage.objects.get(pk=site_tree.guide.pk).live


def test_reader_notices_cost_one_query(client, site_tree):
    from django.template.loader import render_to_string

    guide = GuidePage.objects.get(pk=site_tree.guide.pk)  # the factory's guide was verified long ago
    with CaptureQueriesContext(connection) as queries:
        html = "".join(
            [
                render_to_string("editorial/includes/page_notices.html", {"page": guide}),
                *(
                    render_to_string("editorial/includes/surface_freshness.html", {"page": guide, "code": code})
                    for code in ("web", "android")
                ),
            ]
        )
        guide.last_verified_on  # noqa: B018 (the structured data reads it from the same row)
    assert html.count("notice--verification") == 2
    assert len(queries) == 1


def test_guide_page_notices_cost_one_query_of_the_page(client, site_tree):
    client.get(site_tree.guide.url)  # warm Wagtail's site and route caches as a running server has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(site_tree.guide.url)
    assert response.status_code == 200
    assert "notice--verification" in response.content.decode()  # the factory's guide was verified long ago
    # The page's whole budget (< 12) is shared with other apps and checked with the page tests; ours is one.
    assert sum(1 for q in queries if "editorial_" in q["sql"]) == 1


@pytest.mark.postgres
@pytest.mark.redis
def test_scheduled_publishing_through_a_real_worker(site_tree, celery_worker_factory):
    celery_worker_factory()
    schedule_change(site_tree.guide, timezone.now() - timedelta(minutes=1))
    result = tasks.publish_scheduled_pages.delay()
    result.get(timeout=60)
    assert GuidePage.objects.get(pk=site_tree.guide.pk).goal_de == "Geplantes Ziel"


@pytest.mark.postgres
@pytest.mark.redis
def test_daily_flag_run_and_moderator_mail_through_a_real_worker(
    site_tree, moderator, celery_worker_factory, smtp_sink
):
    long_ago = timezone.now() - timedelta(days=90)
    VerificationRecord.objects.filter(page_id=site_tree.guide.pk).update(verified_at=long_ago)
    celery_worker_factory(EMAIL_URL=smtp_sink.url)
    outcome = tasks.flag_stale_guides.delay().get(timeout=60)
    assert outcome["digest_recipients"] == 1
    assert PageFreshness.objects.get(page_id=site_tree.guide.pk).needs_verification
    messages = smtp_sink.wait_for(1)
    assert [m["to"] for m in messages] == [[moderator.email]]
    assert PageFreshness.objects.get(page_id=site_tree.guide.pk).flag_notified_at is not None
