"""config.postgres: the persistent connection's health check, with and without a round trip."""

import select

import pytest
from django.db import close_old_connections, connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper as DjangoWrapper
from django.test import Client

from guides.i18n import page_urls_by_language
from tests.conftest import require, second_database_connection, using_postgres, wait_until

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_connection(transactional_db, django_db_serialized_rollback):
    require(using_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    connection.ensure_connection()
    yield connection
    connection.close()


@pytest.fixture
def fallback_checks(monkeypatch):
    """Counts the checks that reach Django's own is_usable (the SELECT 1)."""
    calls = []
    original = DjangoWrapper.is_usable

    def counting(self):
        calls.append(True)
        return original(self)

    monkeypatch.setattr(DjangoWrapper, "is_usable", counting)
    return calls


def test_the_site_runs_on_the_projects_backend(postgres_connection):
    assert type(connections["default"]).__module__ == "config.postgres.base"


def test_an_idle_intact_connection_is_usable_without_a_query(postgres_connection, fallback_checks):
    assert postgres_connection.is_usable()
    assert fallback_checks == []


def test_a_session_the_server_ended_is_not_usable(postgres_connection, fallback_checks):
    pid = postgres_connection.connection.info.backend_pid
    with second_database_connection(autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    # The server's goodbye arrives asynchronously; from then on the check must see it.
    assert wait_until(lambda: not postgres_connection.is_usable())
    assert fallback_checks, "the ended session was not confirmed with a query"


def test_a_message_from_the_server_on_a_live_session_falls_back_to_the_query(postgres_connection,
                                                                            fallback_checks):
    with postgres_connection.cursor() as cursor:
        cursor.execute("LISTEN health_check_drill")
    with second_database_connection(autocommit=True) as admin:
        admin.execute("NOTIFY health_check_drill")
    socket = postgres_connection.connection.fileno()
    wait_until(lambda: select.select([socket], [], [], 0)[0], timeout=10, what="the notification to arrive")
    assert postgres_connection.is_usable()
    assert fallback_checks == [True]
    # The query read the message; the next check needs none.
    assert postgres_connection.is_usable()
    assert fallback_checks == [True]


def test_the_next_request_after_the_server_ended_the_session_reconnects(site_tree, postgres_connection):
    url = page_urls_by_language(site_tree.guide)["de"]
    assert Client().get(url).status_code == 200
    old_pid = postgres_connection.connection.info.backend_pid
    with second_database_connection(autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [old_pid])
        assert wait_until(lambda: not admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s",
                                                    [old_pid]).fetchone())
    # What the request_started signal does before every request in production (the test client leaves it out).
    close_old_connections()
    # The anonymous page cache would answer without the database: ask for a page it has not stored.
    response = Client().get(url, {"surface": "android"})
    assert response.status_code == 200
    assert postgres_connection.connection.info.backend_pid != old_pid
