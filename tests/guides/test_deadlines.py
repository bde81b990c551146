"""A deadline's state, countdown and before/after text follow the clock, with no editor acting."""

import zoneinfo
from datetime import datetime

import pytest
import time_machine
from django.utils import translation

from guides.models.deadlines import DeadlineState

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
DUE = datetime(2025, 5, 26, 23, 59, 59, tzinfo=BERLIN)
NINE_DAYS_BEFORE = datetime(2025, 5, 17, 12, 0, tzinfo=BERLIN)
DUE_DAY_MORNING = datetime(2025, 5, 26, 9, 0, tzinfo=BERLIN)
JUST_AFTER = datetime(2025, 5, 27, 0, 0, 30, tzinfo=BERLIN)


@pytest.fixture
def deadline(site_tree):
    page = site_tree.deadline
    page.due_at = DUE
    page.time_zone = "Europe/Berlin"
    page.save_revision().publish()
    return page


def get_html(client, page, language="en"):
    with translation.override(language):
        url = page.url
    return client.get(url).content.decode()


@pytest.mark.parametrize(
    ("moment", "state", "days_left"),
    [
        (NINE_DAYS_BEFORE, DeadlineState.UPCOMING, 9),
        (DUE_DAY_MORNING, DeadlineState.DUE_TODAY, 0),
        (datetime(2025, 5, 26, 23, 59, 58, tzinfo=BERLIN), DeadlineState.DUE_TODAY, 0),
        (JUST_AFTER, DeadlineState.PASSED, 0),
    ],
)
def test_state_comes_from_the_clock(deadline, moment, state, days_left):
    assert deadline.state_at(moment) == state
    assert deadline.days_left_at(moment) == days_left


def test_days_are_counted_in_the_deadlines_time_zone(deadline):
    # 23:30 UTC on the 25th is already the 26th in Berlin: the deadline is due today there.
    late_utc = datetime(2025, 5, 25, 23, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert deadline.state_at(late_utc) == DeadlineState.DUE_TODAY


def test_deadline_page_switches_from_before_to_after_text(client, deadline):
    with time_machine.travel(NINE_DAYS_BEFORE, tick=False):
        html = get_html(client, deadline)
        assert "9 days left" in html
        # Before the deadline both apply: what to do now, and what doing nothing means.
        assert html.index("Before text (en)") < html.index("After text (en)")
    with time_machine.travel(DUE_DAY_MORNING, tick=False):
        html = get_html(client, deadline)
        assert "Due today." in html
        assert "Before text (en)" in html
    with time_machine.travel(JUST_AFTER, tick=False):
        html = get_html(client, deadline)
        assert "This deadline has passed." in html
        assert "After text (en)" in html and "Before text (en)" not in html


def test_every_guide_serving_the_deadline_shows_the_after_text_once_it_passed(client, site_tree, deadline):
    from tests.factories import build_guide

    second = build_guide(site_tree.guide_index, site_tree.platform, title="Second guide", deadline=deadline)
    for guide in (site_tree.guide, second):
        with time_machine.travel(NINE_DAYS_BEFORE, tick=False):
            assert "Before text (de)" in get_html(client, guide, "de")
        with time_machine.travel(JUST_AFTER, tick=False):
            html = get_html(client, guide, "de")
            assert "After text (de)" in html and "Before text (de)" not in html


def test_due_time_is_shown_in_the_readers_locale_and_the_deadlines_zone(client, deadline):
    with time_machine.travel(NINE_DAYS_BEFORE, tick=False):
        german = get_html(client, deadline, "de")
        english = get_html(client, deadline, "en")
    assert "26. Mai 2025, 23:59" in german
    assert "26 May 2025, 23:59" in english
    assert "Europe/Berlin" in english
    assert 'datetime="2025-05-26T23:59:59+02:00"' in english


def test_countdown_carries_its_words_for_the_script(client, deadline):
    with time_machine.travel(NINE_DAYS_BEFORE, tick=False):
        html = get_html(client, deadline)
    assert 'data-countdown-one="{n} day left"' in html
    assert 'data-countdown-other="{n} days left"' in html
    assert 'data-countdown-passed="This deadline has passed."' in html


def test_pages_near_the_deadline_are_not_cached_past_it(client, deadline):
    with translation.override("en"):
        url = deadline.url
    with time_machine.travel(NINE_DAYS_BEFORE, tick=False):
        assert "s-maxage=5" not in client.get(url).get("Cache-Control", "")
    with time_machine.travel(datetime(2025, 5, 26, 23, 58, 59, tzinfo=BERLIN), tick=False):
        response = client.get(url)
        assert "s-maxage=60" in response["Cache-Control"]
        assert "public" in response["Cache-Control"]
        assert "page-" in response["xkey"]  # shared caches keep it until the moment, and a publish still purges it


def test_home_page_shows_the_next_upcoming_deadline_only(client, deadline):
    with time_machine.travel(NINE_DAYS_BEFORE, tick=False):
        assert "Objection deadline (en)" in get_html(client, deadline.get_parent().get_parent().specific)
    with time_machine.travel(JUST_AFTER, tick=False):
        assert "Objection deadline (en)" not in get_html(client, deadline.get_parent().get_parent().specific)
