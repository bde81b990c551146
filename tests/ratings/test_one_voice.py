"""One reader, one voice: an address adds at most RATINGS_VOTES_PER_ADDRESS counted votes (and
RATINGS_REPORTS_PER_ADDRESS step reports) per page and day whatever its User-Agent and cookies say, while readers
who share an address each count up to that number; no raw address is stored."""

import pytest
from django.test import Client

from editorial.freshness import reasons_for
from ratings.models import StepReport, Vote
from ratings.summaries import publish_summary

from .conftest import vote_headers

pytestmark = pytest.mark.django_db

VOTE_URL = "/en/ratings/vote/"


def vote(client, page, stars, **headers):
    return client.post(VOTE_URL, {"page": page.pk, "stars": stars}, **vote_headers(**headers))


def test_a_flood_from_one_address_with_changing_user_agents_counts_three_votes(site_tree, settings):
    settings.RATINGS_RATE_LIMIT = "1000/m"  # the flood is not stopped by the rate limit here, only counted
    statuses = [vote(Client(), site_tree.guide, 1, user_agent=f"Agent {n}").status_code for n in range(150)]
    assert statuses.count(303) == settings.RATINGS_VOTES_PER_ADDRESS == 3
    assert statuses.count(429) == 147
    assert Vote.objects.filter(page=site_tree.guide).count() == 3


def test_the_over_quota_answer_says_the_vote_was_not_counted(client, site_tree, settings):
    settings.RATINGS_VOTES_PER_ADDRESS = 1
    vote(Client(), site_tree.guide, 5)
    response = client.post(
        VOTE_URL, {"page": site_tree.guide.pk, "stars": 2}, **vote_headers(user_agent="Other", json=True)
    )
    assert response.status_code == 429
    assert "as many votes from your network" in response.json()["error"]
    assert list(Vote.objects.values_list("stars", flat=True)) == [5]


def test_two_browsers_on_one_address_are_both_counted_and_each_changes_its_own_vote(site_tree):
    first, second = Client(), Client()
    assert vote(first, site_tree.guide, 5, user_agent="Same office browser").status_code == 303
    assert vote(second, site_tree.guide, 2, user_agent="Same office browser").status_code == 303
    assert sorted(Vote.objects.values_list("stars", flat=True)) == [2, 5]
    # Changing one's vote uses none of the address's quota and leaves the other reader's alone.
    for stars in (4, 3, 4, 3, 4):
        assert vote(first, site_tree.guide, stars, user_agent="Same office browser").status_code == 303
    assert sorted(Vote.objects.values_list("stars", flat=True)) == [2, 4]


def test_the_quota_is_per_page_and_per_address(site_tree, settings):
    settings.RATINGS_VOTES_PER_ADDRESS = 1
    assert vote(Client(), site_tree.guide, 5).status_code == 303
    assert vote(Client(), site_tree.article, 5).status_code == 303
    assert vote(Client(), site_tree.guide, 5, address="198.51.100.77").status_code == 303
    assert vote(Client(), site_tree.guide, 5, user_agent="Another").status_code == 429
    assert Vote.objects.count() == 3


def test_the_quota_starts_again_the_next_day(site_tree, settings, time_machine):
    settings.RATINGS_VOTES_PER_ADDRESS = 1
    time_machine.move_to("2026-04-01 09:00Z")
    assert vote(Client(), site_tree.guide, 5).status_code == 303
    assert vote(Client(), site_tree.guide, 5, user_agent="Another").status_code == 429
    time_machine.move_to("2026-04-02 09:00Z")
    assert vote(Client(), site_tree.guide, 5, user_agent="Another").status_code == 303


def test_a_flood_of_step_reports_cannot_flag_a_guide(site_tree, settings):
    settings.RATINGS_RATE_LIMIT = "1000/m"
    guide = site_tree.guide.specific
    steps = [step.id for surface in guide.steps for step in surface.value["steps"]]
    statuses = [
        Client()
        .post(
            "/en/ratings/step-report/",
            {"page": guide.pk, "step": steps[n % len(steps)]},
            **vote_headers(user_agent=f"Agent {n}"),
        )
        .status_code
        for n in range(60)
    ]
    assert statuses.count(303) == settings.RATINGS_REPORTS_PER_ADDRESS == 2
    assert StepReport.objects.count() == 2
    assert StepReport.objects.count() < settings.GUIDE_FLAG_OPEN_REPORTS
    assert "open_reports" not in reasons_for(None, StepReport.objects.count(), 0, None)


def test_only_keyed_hashes_of_the_address_are_stored(site_tree):
    vote(Client(), site_tree.guide, 4, address="203.0.113.77")
    stored = Vote.objects.values().get()
    assert "203.0.113.77" not in str(stored)
    assert len(stored["daily_address"]) == 64


def statements_of(client, page, stars, **headers):
    """The kinds of SQL statement one vote sends (savepoints left out: the test runs inside a transaction), and its
    answer."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = vote(client, page, stars, json=True, **headers)
    kinds = [query["sql"].split()[0] for query in captured.captured_queries]
    return [kind for kind in kinds if kind in ("SELECT", "INSERT", "UPDATE", "DELETE")], response


def test_a_new_readers_vote_is_one_query_and_one_insert_and_later_readers_of_the_address_take_free_places(
    site_tree, settings
):
    publish_summary(site_tree.guide.pk)  # as after the page's first votes were tallied
    first_statements, first = statements_of(Client(), site_tree.guide, 5, user_agent="First")
    assert first.status_code == 200
    # Whether the page may be rated, with its published summary, then the insert into the address's first place.
    assert first_statements == ["SELECT", "INSERT"]
    # The next reader of the address finds that place taken and looks for a free one.
    second_statements, second = statements_of(Client(), site_tree.guide, 3, user_agent="Second")
    assert second.status_code == 200
    assert second_statements.count("INSERT") == 2
    assert sorted(Vote.objects.filter(page=site_tree.guide).values_list("address_slot", "stars")) == [(1, 5), (2, 3)]
    assert second.json()["tally"]["all_time"]["count"] == 1  # the published (empty) tally plus this vote


def test_the_first_vote_on_a_page_without_a_summary_asks_for_the_page_alone(site_tree):
    statements, response = statements_of(Client(), site_tree.guide, 4)
    assert response.status_code == 200
    assert statements == ["SELECT", "SELECT", "INSERT"]
    assert response.json()["tally"]["all_time"]["count"] == 1


@pytest.mark.parametrize("page_name", ["home", "guide_index"])
def test_pages_readers_cannot_rate_refuse_a_vote_with_or_without_a_summary(site_tree, page_name):
    page = getattr(site_tree, page_name)
    assert vote(Client(), page, 4, json=True).status_code == 404
    publish_summary(page.pk)
    assert vote(Client(), page, 4, json=True).status_code == 404
    assert not Vote.objects.exists()


def test_an_unpublished_page_refuses_votes_though_it_has_a_summary(site_tree):
    publish_summary(site_tree.guide.pk)
    site_tree.guide.unpublish()
    assert vote(Client(), site_tree.guide, 4, json=True).status_code == 404
    assert not Vote.objects.exists()


def test_a_readers_second_vote_changes_theirs_without_taking_a_place(site_tree):
    reader = Client()
    assert vote(reader, site_tree.guide, 5, json=True).status_code == 200
    statements, response = statements_of(reader, site_tree.guide, 2)
    assert response.status_code == 200
    assert "INSERT" not in statements
    assert list(Vote.objects.filter(page=site_tree.guide).values_list("address_slot", "stars")) == [(1, 2)]
