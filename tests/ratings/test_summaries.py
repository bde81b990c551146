"""The summary arithmetic, all-time and since the last significant update, and what publishing announces."""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from notices.signals import significant_update_published
from ratings.models import RatingSummary, Vote
from ratings.signals import rating_summary_changed
from ratings.summaries import compute_summary, publish_summary, with_own_vote
from ratings.tasks import publish_rating_summary, reconcile_rating_summaries
from ratings.votes import PreviousVote

pytestmark = pytest.mark.django_db


def page_url(page, language):
    with translation.override(language):
        return page.specific.get_url()


def add_votes(page, stars_list, prefix="v"):
    for n, stars in enumerate(stars_list):
        Vote.objects.create(page_id=page.pk, voter=f"{prefix}{n}", stars=stars)


def test_all_time_arithmetic(site_tree):
    add_votes(site_tree.guide, [5, 4, 4, 1, 2, 5, 5])
    values = compute_summary(site_tree.guide.pk)
    assert values["count"] == 7 and values["total"] == 26
    assert values["average"] == Decimal("3.71")
    assert values["histogram"] == [1, 1, 0, 2, 3]
    assert values["since_count"] == 0 and values["since_average"] is None


def test_no_votes_gives_an_empty_summary(site_tree):
    values = compute_summary(site_tree.article.pk)
    assert (values["count"], values["total"], values["average"], values["histogram"]) == (0, 0, None, [0] * 5)


def test_since_update_counts_votes_cast_or_changed_after_it(site_tree, time_machine):
    time_machine.move_to("2026-05-01 12:00Z")
    add_votes(site_tree.guide, [1, 1, 2], prefix="old")
    time_machine.move_to("2026-05-10 12:00Z")
    add_votes(site_tree.guide, [5, 4], prefix="new")
    changed = Vote.objects.get(voter="old0")
    changed.stars = 5
    changed.save()  # a reader who changes their vote after the update counts in the new tally
    values = compute_summary(site_tree.guide.pk, since=datetime(2026, 5, 5, tzinfo=UTC))
    assert (values["count"], values["total"]) == (5, 17)
    assert (values["since_count"], values["since_total"], values["since_average"]) == (3, 14, Decimal("4.67"))
    assert values["since_histogram"] == [0, 0, 0, 1, 2]


def test_average_rounds_half_up():
    from ratings.summaries import average_of

    assert average_of(8, 30) == Decimal("3.75")
    assert average_of(3, 10) == Decimal("3.33")
    assert average_of(0, 0) is None


def test_publish_announces_only_a_changed_summary(site_tree):
    announced = []

    def listener(sender, page_id, **kwargs):
        announced.append(page_id)

    rating_summary_changed.connect(listener)
    try:
        add_votes(site_tree.guide, [3, 4])
        assert publish_rating_summary(site_tree.guide.pk) is True
        assert publish_rating_summary(site_tree.guide.pk) is False  # idempotent: nothing new, nothing sent
        add_votes(site_tree.guide, [5], prefix="late")
        publish_summary(site_tree.guide.pk)
    finally:
        rating_summary_changed.disconnect(listener)
    assert announced == [site_tree.guide.pk, site_tree.guide.pk]
    summary = RatingSummary.objects.get(page=site_tree.guide)
    assert (summary.count, summary.average, summary.histogram) == (3, Decimal("4.00"), [0, 0, 1, 1, 1])


def test_significant_update_starts_a_since_tally(site_tree, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to("2026-05-01 12:00Z")
    add_votes(site_tree.guide, [2, 2])
    time_machine.move_to("2026-05-03 12:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        significant_update_published.send(
            sender=None, page_id=site_tree.guide.pk, published_at=datetime(2026, 5, 2, tzinfo=UTC)
        )
    add_votes(site_tree.guide, [5], prefix="after")
    publish_summary(site_tree.guide.pk)
    summary = RatingSummary.objects.get(page=site_tree.guide)
    assert summary.since == datetime(2026, 5, 2, tzinfo=UTC)
    assert (summary.count, summary.since_count, summary.since_average) == (3, 1, Decimal("5.00"))


def test_guide_shows_since_tally_only_after_a_significant_update(client, site_tree, django_capture_on_commit_callbacks):
    add_votes(site_tree.guide, [4])
    publish_summary(site_tree.guide.pk)
    url = page_url(site_tree.guide, "en")
    assert 'data-tally="since"' not in client.get(url).content.decode()
    RatingSummary.objects.filter(page=site_tree.guide).update(since=datetime(2026, 1, 1, tzinfo=UTC))
    with django_capture_on_commit_callbacks(execute=True):  # the page cache forgets the page after the commit
        publish_summary(site_tree.guide.pk)
    assert 'data-tally="since"' in client.get(url).content.decode()


def test_reconcile_publishes_every_page_with_votes(site_tree):
    add_votes(site_tree.guide, [1, 5])
    add_votes(site_tree.article, [3])
    assert reconcile_rating_summaries() == 2
    assert dict(RatingSummary.objects.values_list("page_id", "count")) == {
        site_tree.guide.pk: 2,
        site_tree.article.pk: 1,
    }
    assert reconcile_rating_summaries() == 0


def test_widget_shows_tally_and_distribution_in_the_page_language(
    client, site_tree, django_capture_on_commit_callbacks
):
    add_votes(site_tree.article, [5, 4, 4])
    publish_summary(site_tree.article.pk)
    html = client.get(page_url(site_tree.article, "en")).content.decode()
    assert "Total: 3 votes · Average: 4.3" in html
    german = client.get(page_url(site_tree.article, "de")).content.decode()
    assert "Gesamt: 3 Stimmen · Durchschnitt: 4,3" in german
    Vote.objects.bulk_create(Vote(page_id=site_tree.article.pk, voter=f"many{n}", stars=5) for n in range(1231))
    with django_capture_on_commit_callbacks(execute=True):  # the page cache forgets the page after the commit
        publish_summary(site_tree.article.pk)
    german = client.get(page_url(site_tree.article, "de")).content.decode()
    assert "Gesamt: 1.234 Stimmen · Durchschnitt: 5,0" in german
    assert re.search(r'data-bar="5">.*?data-bar-count>1\.232<', german, re.S)


def test_one_vote_is_singular(client, site_tree):
    add_votes(site_tree.guide, [4])
    publish_summary(site_tree.guide.pk)
    assert "Gesamt: 1 Stimme · Durchschnitt: 4,0" in client.get(page_url(site_tree.guide, "de")).content.decode()
    assert "Total: 1 vote · Average: 4.0" in client.get(page_url(site_tree.guide, "en")).content.decode()


def test_the_answer_to_a_voter_counts_their_vote_once(site_tree, time_machine):
    """with_own_vote: a first vote is added; a replaced vote comes out only if the published summary counted it."""
    time_machine.move_to(datetime(2026, 3, 1, 12, tzinfo=UTC))
    add_votes(site_tree.guide, [2, 4])
    publish_summary(site_tree.guide.pk)
    summary = RatingSummary.objects.get(page=site_tree.guide)
    counted = PreviousVote(stars=2, voted_at=summary.published_at - timedelta(seconds=1))
    not_counted = PreviousVote(stars=2, voted_at=summary.published_at + timedelta(seconds=1))

    first = with_own_vote(summary, 5)
    assert (first.count, first.total, first.average, first.histogram) == (3, 11, Decimal("3.67"), [0, 1, 0, 1, 1])
    changed = with_own_vote(summary, 5, counted)
    assert (changed.count, changed.total, changed.histogram) == (2, 9, [0, 0, 0, 1, 1])
    changed_again = with_own_vote(summary, 5, not_counted)
    assert (changed_again.count, changed_again.histogram) == (3, [0, 1, 0, 1, 1])
    assert summary.histogram == [0, 1, 0, 1, 0]  # the published summary itself is left alone


def test_the_answer_to_a_voter_on_a_page_without_summary(site_tree):
    shown = with_own_vote(RatingSummary(page_id=site_tree.guide.pk, histogram=[0] * 5), 3)
    assert (shown.count, shown.average, shown.histogram, shown.since_count) == (1, Decimal("3.00"), [0, 0, 1, 0, 0], 0)


def test_no_json_ld_without_votes(client, site_tree):
    html = client.get(page_url(site_tree.article, "en")).content.decode()
    assert "AggregateRating" not in html
    assert 'id="rating-heading"' in html


def test_beat_schedule_lists_the_reconcile():
    from config.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "ratings.tasks.reconcile_rating_summaries" in tasks
