"""Against real services: a Celery worker on Redis publishes summaries, concurrent votes and step reports on
PostgreSQL give exact counts, and with Redis down votes are still stored and the reconcile catches up."""

import threading

import pytest
from django.db import connection
from django.test import Client

from ratings.models import RatingSummary, StepReport, Vote
from ratings.tasks import reconcile_rating_summaries
from ratings.voters import COOKIE_NAME
from tests.conftest import celery_broker, redis_cache_settings, require, using_postgres, wait_until

from .conftest import vote_headers

VOTE_URL = "/en/ratings/vote/"


@pytest.mark.postgres
@pytest.mark.redis
def test_votes_lead_to_a_summary_published_by_a_real_worker(celery_worker_factory, committed_site_tree):
    site_tree = committed_site_tree
    celery_worker_factory()
    for n, stars in enumerate([5, 4, 4, 2]):
        response = Client().post(
            VOTE_URL,
            {"page": site_tree.guide.pk, "stars": stars},
            **vote_headers(user_agent=f"Reader {n}", address=f"198.51.100.{n + 1}"),
        )
        assert response.status_code == 303
    # The burst is debounced into one run a few seconds later; the worker recomputes from all four votes.
    assert wait_until(lambda: RatingSummary.objects.filter(page=site_tree.guide, count=4).exists())
    summary = RatingSummary.objects.get(page=site_tree.guide)
    assert (summary.total, str(summary.average), summary.histogram) == (15, "3.75", [0, 1, 0, 2, 1])


@pytest.mark.postgres
def test_fifty_concurrent_voters_give_exact_counts(committed_site_tree, settings):
    """30 distinct readers, 5 readers with a cookie voting 3 times each, and 5 cookieless votes at once from one
    office address, of which the address's quota (3) is counted."""
    # SQLite allows one writer at a time; this test is about PostgreSQL's concurrent upserts.
    require(using_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    site_tree = committed_site_tree
    requests = [({}, {"user_agent": f"Distinct {n}", "address": f"198.51.100.{n + 1}"}, 3) for n in range(30)]
    for n in range(5):
        requests += [
            (
                {COOKIE_NAME: f"repeated-reader-token-{n:02d}-abcdefghijklmnop"},
                {"user_agent": f"Cookie {n}", "address": f"192.0.2.{n + 1}"},
                stars,
            )
            for stars in (1, 2, 5)
        ]
    requests += [({}, {"user_agent": f"Office browser {n}", "address": "203.0.113.200"}, 4) for n in range(5)]
    assert len(requests) == 50
    statuses, barrier = [], threading.Barrier(len(requests))

    def send(cookies, headers, stars):
        client = Client()
        for name, value in cookies.items():
            client.cookies[name] = value
        barrier.wait()
        try:
            response = client.post(VOTE_URL, {"page": site_tree.article.pk, "stars": stars}, **vote_headers(**headers))
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(statuses) == [303] * 48 + [429] * 2
    assert Vote.objects.filter(page=site_tree.article).count() == 30 + 5 + settings.RATINGS_VOTES_PER_ADDRESS
    reconcile_rating_summaries()
    assert RatingSummary.objects.get(page=site_tree.article).count == 38


@pytest.mark.postgres
def test_step_reports_sent_at_once_from_one_address_count_only_its_quota(committed_site_tree, settings):
    """Twelve readers behind one address report steps of one guide at the same moment: the address's quota (2) is
    stored, each report in a place of its own, and every other request is refused, not lost silently."""
    require(using_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    settings.RATINGS_RATE_LIMIT = "1000/m"
    guide = committed_site_tree.guide
    steps = [step.id for surface in guide.specific.steps for step in surface.value["steps"]]
    statuses, barrier = [], threading.Barrier(12)

    def send(n):
        barrier.wait()
        try:
            response = Client().post(
                "/en/ratings/step-report/",
                {"page": guide.pk, "step": steps[n % len(steps)]},
                **vote_headers(user_agent=f"Office browser {n}", address="203.0.113.200"),
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(statuses) == [303] * settings.RATINGS_REPORTS_PER_ADDRESS + [429] * 10
    assert sorted(StepReport.objects.values_list("address_slot", flat=True)) == [1, 2]


@pytest.mark.postgres
def test_with_redis_stopped_votes_are_stored_and_the_summary_catches_up(committed_site_tree, settings, private_redis):
    require(using_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    site_tree = committed_site_tree
    settings.CACHES = redis_cache_settings(private_redis.url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with celery_broker(private_redis.url):
        private_redis.stop()
        for n, stars in enumerate([2, 3]):
            response = Client().post(
                VOTE_URL,
                {"page": site_tree.guide.pk, "stars": stars},
                **vote_headers(user_agent=f"Offline {n}", address=f"198.51.100.{n + 1}"),
            )
            assert response.status_code == 303
    assert Vote.objects.filter(page=site_tree.guide).count() == 2
    assert not RatingSummary.objects.filter(page=site_tree.guide, count__gt=0).exists()
    reconcile_rating_summaries()  # what beat runs hourly once Redis is back
    summary = RatingSummary.objects.get(page=site_tree.guide)
    assert (summary.count, str(summary.average)) == (2, "2.50")
