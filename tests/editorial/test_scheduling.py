"""Scheduled publishing one object per transaction (editorial.scheduling): a scheduled significant change is
published with its notice or not at all, a failure does not stop the others, and overlapping runs never publish
the same revision twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from editorial import scheduling, tasks
from guides.models import ArticlePage, GuidePage
from notices import recording
from notices.models import UpdateNotice
from tests.conftest import require, second_database_connection, using_postgres

DUE = timedelta(minutes=1)


# The text each page type shows under its title.
TEXT_FIELD = {GuidePage: "intro_de", ArticlePage: "lead_de"}


def schedule_change(page, text, significant=False):
    page = type(page).objects.get(pk=page.pk)
    setattr(page, TEXT_FIELD[type(page)], f"<p>{text}</p>" if type(page) is GuidePage else text)
    page.change_is_significant = significant
    page.change_note_de = "Die Schritte haben sich geändert." if significant else ""
    go_live_at = timezone.now() - DUE
    page.go_live_at = go_live_at
    return page.save_revision(approved_go_live_at=go_live_at)


def intro(page):
    return getattr(type(page).objects.get(pk=page.pk), TEXT_FIELD[type(page)])


def test_a_scheduled_significant_change_is_published_with_its_notice(site_tree):
    schedule_change(site_tree.guide, "Geplant", significant=True)
    assert tasks.publish_scheduled_pages() == {"unpublished": 0, "published": 1}
    assert "Geplant" in intro(site_tree.guide)
    notice = UpdateNotice.objects.get(page_id=site_tree.guide.pk)
    assert notice.note_de == "Die Schritte haben sich geändert."


def test_a_failing_publish_leaves_its_page_as_it_was_and_the_others_are_published(site_tree, monkeypatch):
    guide_revision = schedule_change(site_tree.guide, "Geplant", significant=True)
    schedule_change(site_tree.article, "Auch geplant")
    before = intro(site_tree.guide)

    def notice_fails(page):
        raise RuntimeError("the notice could not be stored")

    monkeypatch.setattr(recording, "notice_platform_ids", notice_fails)
    assert scheduling.run_schedule() == (0, 1)
    # The guide's publish and its notice went together: neither is there, and the revision is still due.
    assert intro(site_tree.guide) == before
    assert not UpdateNotice.objects.filter(page_id=site_tree.guide.pk).exists()
    guide_revision.refresh_from_db()
    assert guide_revision.approved_go_live_at is not None
    assert "Auch geplant" in intro(site_tree.article)

    monkeypatch.undo()
    assert scheduling.run_schedule() == (0, 1)
    assert "Geplant" in intro(site_tree.guide)
    assert UpdateNotice.objects.filter(page_id=site_tree.guide.pk).count() == 1


def test_expired_pages_are_unpublished_each_on_its_own(site_tree):
    past = timezone.now() - DUE
    GuidePage.objects.filter(pk=site_tree.guide.pk).update(expire_at=past)
    ArticlePage.objects.filter(pk=site_tree.article.pk).update(expire_at=past)
    assert scheduling.run_schedule() == (2, 0)
    assert not GuidePage.objects.get(pk=site_tree.guide.pk).live
    assert GuidePage.objects.get(pk=site_tree.guide.pk).expired
    assert not ArticlePage.objects.get(pk=site_tree.article.pk).live


@pytest.mark.postgres
def test_a_revision_another_run_is_publishing_is_skipped(site_tree, transactional_db, django_db_serialized_rollback):
    require(using_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    revision = schedule_change(site_tree.guide, "Geplant")
    with second_database_connection() as other_run:
        other_run.execute("SELECT id FROM wagtailcore_revision WHERE id = %s FOR UPDATE", [revision.pk])
        assert scheduling.run_schedule() == (0, 0)
        assert "Geplant" not in intro(site_tree.guide)
    # The other run ended without publishing (its transaction rolled back): this run publishes it now.
    assert scheduling.run_schedule() == (0, 1)
    assert "Geplant" in intro(site_tree.guide)
