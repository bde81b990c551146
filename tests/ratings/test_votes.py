"""Voting: deduplication, changing a vote, bad input, cross-site posts, rate limits, no address stored."""

import pytest
from django.db import connection
from django.utils import timezone, translation

from ratings.models import RatingSummary, StepReport, Vote
from ratings.voters import COOKIE_NAME

from .conftest import vote_headers

pytestmark = pytest.mark.django_db


def page_url(page, language="en"):
    with translation.override(language):
        return page.specific.get_url()


VOTE_URL = "/en/ratings/vote/"


def post_vote(client, page, stars, **headers):
    return client.post(VOTE_URL, {"page": page.pk, "stars": stars}, **vote_headers(**headers))


def test_plain_form_vote_is_stored_and_redirects_back_with_thanks(client, site_tree):
    response = post_vote(client, site_tree.guide, 4)
    assert response.status_code == 303
    assert response["Location"].endswith("?rated=4#rating")
    assert response["Location"].startswith(page_url(site_tree.guide))
    assert Vote.objects.get().stars == 4
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "You gave 4 stars out of 5" in html
    assert f'id="rating-{site_tree.guide.pk}-4" required checked' in html  # the chosen star, without JavaScript


def test_second_vote_with_the_cookie_changes_the_vote(client, site_tree):
    post_vote(client, site_tree.guide, 2)
    post_vote(client, site_tree.guide, 5, user_agent="Another agent", address="198.51.100.1")
    assert list(Vote.objects.values_list("stars", flat=True)) == [5]


def test_without_the_cookie_a_vote_is_another_readers_within_the_address_quota(client, site_tree):
    # A browser without the cookie cannot be told from a second reader behind the same address (an office with
    # one browser model), so it counts as one, up to RATINGS_VOTES_PER_ADDRESS (tests/ratings/test_one_voice.py).
    post_vote(client, site_tree.guide, 2)
    client.cookies.clear()
    response = post_vote(client, site_tree.guide, 3)
    assert sorted(Vote.objects.values_list("stars", flat=True)) == [2, 3]
    # The new vote answers to the new cookie, so the next vote (any day) changes it.
    client.cookies[COOKIE_NAME] = response.cookies[COOKIE_NAME].value
    post_vote(client, site_tree.guide, 1, user_agent="Changed agent")
    assert sorted(Vote.objects.values_list("stars", flat=True)) == [1, 2]


def test_cookie_carried_to_another_day_changes_the_vote(client, site_tree, time_machine):
    time_machine.move_to("2026-03-01 10:00Z")
    post_vote(client, site_tree.guide, 2)
    time_machine.move_to("2026-03-02 10:00Z")
    post_vote(client, site_tree.guide, 4)
    assert list(Vote.objects.values_list("stars", flat=True)) == [4]


def test_distinct_readers_add_votes_and_translations_share_the_tally(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_vote(client, site_tree.guide, 5)
    other = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):
        other.post(
            "/fr/ratings/vote/",
            {"page": site_tree.guide.pk, "stars": 3},
            **vote_headers(user_agent="Other reader", address="198.51.100.2"),
        )
    assert sorted(Vote.objects.values_list("stars", flat=True)) == [3, 5]
    summary = RatingSummary.objects.get(page=site_tree.guide)
    assert (summary.count, summary.total, str(summary.average)) == (2, 8, "4.00")


def test_json_vote_answers_a_tally_that_counts_the_new_vote(client, site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_vote(client, site_tree.article, 2, user_agent="First reader")
    response = post_vote(client.__class__(), site_tree.article, 4, json=True)
    assert response.status_code == 200
    data = response.json()
    assert data["own_vote"] == 4
    assert data["message"] == "Thank you! You gave 4 stars out of 5."
    # The published summary has the first vote only; the answer adds the reader's own at once.
    assert RatingSummary.objects.get(page=site_tree.article).count == 1
    assert data["tally"]["all_time"]["count"] == 2
    assert data["tally"]["all_time"]["text"] == "Total: 2 votes · Average: 3.0"
    assert [bar["count"] for bar in data["tally"]["all_time"]["bars"]] == [0, 1, 0, 1, 0]
    assert "no-store" in response["Cache-Control"]


def test_json_vote_changing_a_published_vote_replaces_it_in_the_tally(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_vote(client, site_tree.article, 2, json=True)
    assert RatingSummary.objects.get(page=site_tree.article).histogram == [0, 1, 0, 0, 0]
    data = post_vote(client, site_tree.article, 5, json=True).json()
    assert data["tally"]["all_time"]["text"] == "Total: 1 vote · Average: 5.0"
    assert [bar["count"] for bar in data["tally"]["all_time"]["bars"]] == [1, 0, 0, 0, 0]


def test_json_vote_changing_a_vote_not_yet_published_counts_it_once(client, site_tree):
    first = post_vote(client, site_tree.article, 2, json=True).json()
    assert first["tally"]["all_time"]["count"] == 1
    second = post_vote(client, site_tree.article, 3, json=True).json()
    assert not RatingSummary.objects.filter(page=site_tree.article).exists()  # no summary published yet
    assert second["tally"]["all_time"]["text"] == "Total: 1 vote · Average: 3.0"
    assert [bar["count"] for bar in second["tally"]["all_time"]["bars"]] == [0, 0, 1, 0, 0]


def test_json_vote_adds_the_vote_to_the_tally_since_the_last_update(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_vote(client, site_tree.guide, 1, user_agent="Before the update")
    RatingSummary.objects.filter(page=site_tree.guide).update(since=timezone.now())
    data = post_vote(client.__class__(), site_tree.guide, 4, json=True).json()
    assert data["tally"]["all_time"]["count"] == 2
    assert data["tally"]["since_update"]["text"] == "Total: 1 vote · Average: 4.0"


def test_json_vote_speaks_the_language_of_the_page(client, site_tree):
    response = client.post("/de/ratings/vote/", {"page": site_tree.guide.pk, "stars": 4}, **vote_headers(json=True))
    data = response.json()
    assert data["message"] == "Danke! Sie haben 4 von 5 Sternen vergeben."
    assert data["tally"]["all_time"]["text"] == "Gesamt: 1 Stimme · Durchschnitt: 4,0"
    french = (
        client.__class__()
        .post(
            "/fr/ratings/vote/",
            {"page": site_tree.guide.pk, "stars": 1},
            **vote_headers(json=True, user_agent="Lecteur"),
        )
        .json()
    )
    assert french["message"] == "Merci ! Vous avez donné 1 étoile sur 5."
    assert french["tally"]["all_time"]["text"] == "Total : 1 vote · Moyenne : 1,0"  # the first is not published yet


@pytest.mark.parametrize("stars", ["0", "6", "-1", "abc", "", "4.5", "99999999999999999999", "²", "٣", " 3 x"])
def test_bad_stars_are_refused_in_the_readers_language(client, site_tree, stars):
    response = client.post("/de/ratings/vote/", {"page": site_tree.guide.pk, "stars": stars}, **vote_headers(json=True))
    assert response.status_code == 400
    assert "Stern" in response.json()["error"] or "Sterne" in response.json()["error"] or response.json()["error"]
    assert not Vote.objects.exists()


def test_missing_stars_shows_an_html_error_page_with_a_way_back(client, site_tree):
    response = client.post(VOTE_URL, {"page": site_tree.guide.pk}, **vote_headers())
    assert response.status_code == 400
    assert page_url(site_tree.guide) in response.content.decode()
    assert not Vote.objects.exists()


def test_unknown_unpublished_and_unratable_pages_are_refused(client, site_tree):
    site_tree.article.unpublish()
    for page_id in [site_tree.article.pk, 999999, site_tree.home.pk, "x", "²", "9" * 40]:
        response = client.post(VOTE_URL, {"page": page_id, "stars": 3}, **vote_headers(json=True))
        assert response.status_code in (400, 404), page_id
    assert not Vote.objects.exists()


def test_wrong_method_and_oversized_body_are_refused(client, site_tree):
    response = client.get(VOTE_URL, **vote_headers())
    assert response.status_code == 405 and response["Allow"] == "POST"
    response = client.post(
        VOTE_URL, {"page": site_tree.guide.pk, "stars": 3, "pad": "x" * 5000}, **vote_headers(json=True)
    )
    assert response.status_code == 413
    assert not Vote.objects.exists()


def test_cross_site_post_is_refused(client, site_tree):
    response = client.post(
        VOTE_URL, {"page": site_tree.guide.pk, "stars": 3}, HTTP_SEC_FETCH_SITE="cross-site", HTTP_USER_AGENT="x"
    )
    assert response.status_code == 403
    response = client.post(
        VOTE_URL, {"page": site_tree.guide.pk, "stars": 3}, HTTP_ORIGIN="https://evil.example", HTTP_USER_AGENT="x"
    )
    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_rate_limit_answers_429_in_the_readers_language(client, site_tree, settings):
    settings.RATINGS_RATE_LIMIT = "3/10m"
    for _ in range(3):
        assert post_vote(client, site_tree.guide, 3).status_code == 303
    response = client.post("/fr/ratings/vote/", {"page": site_tree.guide.pk, "stars": 3}, **vote_headers())
    assert response.status_code == 429
    assert response.content.decode().startswith("<!DOCTYPE html>")
    json_response = post_vote(client, site_tree.guide, 3, json=True)
    assert json_response.status_code == 429 and json_response.json()["error"]


def test_no_raw_address_is_stored(client, site_tree):
    address = "192.0.2.123"
    post_vote(client, site_tree.guide, 4, address=address)
    client.cookies.clear()
    post_vote(client, site_tree.guide, 2, address=address)
    client.post(
        "/en/ratings/step-report/",
        {"page": site_tree.guide.pk, "step": first_step_id(site_tree.guide), "note": "Menu moved"},
        **vote_headers(address=address),
    )
    with connection.cursor() as cursor:
        for model in (Vote, StepReport, RatingSummary):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608
            assert address not in repr(cursor.fetchall())


def first_step_id(guide):
    return guide.specific.steps[0].value["steps"][0].id
