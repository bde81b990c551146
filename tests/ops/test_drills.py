"""Reliability drills: the site while Redis is down, and while PostgreSQL refuses connections.

Each drill stops only what it started: a Redis of its own on a spare port, or its own connection to PostgreSQL.
"""

import time

import psycopg
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from guides.i18n import page_urls_by_language
from tests.conftest import CeleryWorker, celery_broker, free_port, redis_cache_settings, subprocess_env, wait_until

pytestmark = pytest.mark.postgres

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def vote(client, page, stars, language="de"):
    return client.post(f"/{language}/ratings/vote/", {"page": page.pk, "stars": stars}, **SAME_ORIGIN)


# --- Redis stopped --------------------------------------------------------------------------------------------


@pytest.fixture
def site_on_private_redis(settings, private_redis, transactional_db, django_db_serialized_rollback):
    """This process uses the drill's own Redis as cache and broker, with the production cache options."""
    settings.CACHES = redis_cache_settings(private_redis.url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    worker = CeleryWorker(subprocess_env(REDIS_URL=private_redis.url))
    with celery_broker(private_redis.url) as app:
        saved_queue = app.conf.task_default_queue
        app.conf.task_default_queue = worker.queue
        yield private_redis, worker
        worker.stop()
        app.conf.task_default_queue = saved_queue


@pytest.mark.slow
def test_with_redis_stopped_pages_votes_and_publishing_work_and_the_backlog_is_done_later(
    site_tree, site_on_private_redis
):
    from notices.models import UpdateNotice
    from notices.tasks import sweep_unsent_messages
    from ratings.models import RatingSummary, Vote
    from ratings.tasks import reconcile_rating_summaries

    redis, worker = site_on_private_redis
    guide = type(site_tree.guide).objects.get(pk=site_tree.guide.pk)  # as stored, with its publication dates
    reader_urls = [
        page_urls_by_language(guide)["de"],
        page_urls_by_language(site_tree.article)["en"],
        page_urls_by_language(site_tree.home)["fr"],
        "/es/buscar/?q=object",
    ]
    assert all(Client().get(url).status_code == 200 for url in reader_urls)

    redis.stop()

    assert [Client().get(url).status_code for url in reader_urls] == [200] * len(reader_urls)
    response = vote(Client(), guide, 5)
    assert response.status_code == 303
    assert Vote.objects.filter(page_id=guide.pk).count() == 1

    guide.title_de = "Widerspruch während des Ausfalls"
    guide.change_is_significant = True
    guide.change_note_de = "Das Menü heißt jetzt anders."
    guide.save_revision().publish()
    assert "Widerspruch während des Ausfalls" in Client().get(page_urls_by_language(guide)["de"]).content.decode()
    notice = UpdateNotice.objects.get(page_id=guide.pk)
    assert notice.fanout_started_at is None
    assert not RatingSummary.objects.filter(page_id=guide.pk, count__gt=0).exists()

    redis.start()
    worker.start()
    # What beat does every few minutes once the broker is back.
    reconcile_rating_summaries.delay()
    sweep_unsent_messages.delay(min_age_seconds=0)
    assert wait_until(lambda: RatingSummary.objects.filter(page_id=guide.pk, count=1).exists())
    assert wait_until(lambda: UpdateNotice.objects.filter(pk=notice.pk, fanout_started_at__isnull=False).exists())


# --- PostgreSQL refusing connections ----------------------------------------------------------------------------


class DatabaseOutage:
    """Cuts this process's PostgreSQL connection the way a crash or restart does, and refuses new ones.

    The server ends the session (pg_terminate_backend, from a second connection), and the connection settings
    point at a closed port until the outage is over, so any reconnect attempt is refused.
    """

    def __init__(self):
        self.settings = connection.settings_dict
        self.saved_port = self.settings["PORT"]

    def terminate_session(self):
        pid = connection.connection.info.backend_pid
        with psycopg.connect(
            host=self.settings["HOST"] or "127.0.0.1",
            port=self.saved_port or 5432,
            user=self.settings["USER"] or "postgres",
            dbname=self.settings["NAME"],
            autocommit=True,
        ) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
            # The server ends the session asynchronously; wait until it is gone so the next command meets a
            # closed connection rather than racing the shutdown.
            deadline = time.monotonic() + 10
            while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
                assert time.monotonic() < deadline, "PostgreSQL did not end the session"
                time.sleep(0.01)
        self.settings["PORT"] = str(free_port())

    def refuse_from_now_on(self):
        connection.close()
        self.settings["PORT"] = str(free_port())

    def end(self):
        self.settings["PORT"] = self.saved_port
        connection.close()


@pytest.fixture
def database_outage(transactional_db, django_db_serialized_rollback):
    outage = DatabaseOutage()
    yield outage
    outage.end()


def assert_unavailable_page_in(response, language):
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    with translation.override(language):
        assert gettext("Temporarily unavailable") in body


@pytest.mark.parametrize("language", ["fr", "pt"])
def test_a_page_request_while_postgres_refuses_gets_a_503_in_the_readers_language(site_tree, database_outage, language):
    url = page_urls_by_language(site_tree.guide)[language]
    cache.clear()
    database_outage.refuse_from_now_on()
    assert_unavailable_page_in(Client().get(url), language)


def test_a_subscription_cut_off_at_its_commit_gets_a_503_and_stores_nothing(site_tree, database_outage, monkeypatch):
    """The session dies after the subscription's statements, before its COMMIT: nothing of it may remain."""
    from notices.models import Subscription

    commits = []
    original_commit = connection._commit

    def commit_after_the_session_died():
        if not commits:
            commits.append(True)
            database_outage.terminate_session()
        return original_commit()

    Client().get(page_urls_by_language(site_tree.guide)["pt"])  # the connection is open and warm
    monkeypatch.setattr(connection, "_commit", commit_after_the_session_died)
    response = Client().post(
        "/pt/notices/subscribe/",
        {"email": "leitora@example.org", "scope": "all", "frequency": "immediate"},
        **SAME_ORIGIN,
    )
    monkeypatch.undo()
    assert commits, "the subscription never reached a commit"
    assert_unavailable_page_in(response, "pt")
    database_outage.end()
    assert not Subscription.objects.exists()


def test_a_vote_while_postgres_refuses_gets_a_503_and_stores_nothing(site_tree, database_outage):
    from ratings.models import Vote

    Client().get(page_urls_by_language(site_tree.guide)["es"])
    database_outage.refuse_from_now_on()
    assert_unavailable_page_in(vote(Client(), site_tree.guide, 4, language="es"), "es")
    database_outage.end()
    assert not Vote.objects.exists()
