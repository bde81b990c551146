"""Atom feeds parse with a feed parser; calendar files parse with icalendar and carry UID, DTSTAMP and alarms."""

from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from notices.calendars import deadline_uid
from notices.models import UpdateNotice

from .conftest import NOTES, publish_change

pytestmark = pytest.mark.django_db


def url(name, language, args=()):
    with translation.override(language):
        return reverse(f"notices:{name}", args=args)


@pytest.mark.parametrize("language", ["de", "en", "es"])
def test_feeds_per_language_platform_and_page_parse(client, site_tree, language):
    publish_change(site_tree.guide, notes=NOTES)
    publish_change(site_tree.article, notes={"de": "Artikel ergänzt"})
    for path, expected in (
        (url("feed", language), 2),
        (url("platform_feed", language, [site_tree.platform.slug]), 1),
        (url("page_feed", language, [site_tree.guide.pk]), 1),
        (url("page_feed", language, [site_tree.article.pk]), 1),
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == expected, path
        assert feed.feed.language == language
    guide_entry = feedparser.parse(client.get(url("page_feed", language, [site_tree.guide.pk])).content).entries[0]
    assert guide_entry.summary == NOTES.get(language, NOTES["de"])
    assert f"/{language}/" in guide_entry.link


def test_feed_entries_have_permanent_absolute_ids_and_an_author(client, site_tree, settings):
    settings.SITE_URL = "https://guides.example.org"
    publish_change(site_tree.guide, notes=NOTES)
    publish_change(site_tree.article, notes={"de": "Artikel ergänzt"})
    feeds = {language: feedparser.parse(client.get(url("feed", language)).content) for language in ("de", "en")}
    ids = [entry.id for entry in feeds["de"].entries]
    notice_ids = UpdateNotice.objects.order_by("-published_at", "-pk").values_list("pk", "published_at")
    assert ids == [f"tag:guides.example.org,{published:%Y-%m-%d}:update-notice-{pk}" for pk, published in notice_ids]
    assert [entry.id for entry in feeds["en"].entries] == ids  # one notice, one id, in every language
    for language, feed in feeds.items():
        assert feed.feed.author == ("Privacy guides" if language == "en" else "Datenschutz-Anleitungen")
        assert feed.feed.author_detail.href == f"https://guides.example.org/{language}/"


def test_a_change_note_is_text_even_where_it_looks_like_markup(client, site_tree):
    note = "The button is now called <new> & sits under “Account”.\nTap it twice."
    publish_change(site_tree.guide, notes={"de": note, "en": note})
    body = client.get(url("page_feed", "en", [site_tree.guide.pk])).content
    entry = feedparser.parse(body).entries[0]
    assert entry.summary_detail.type == "text/html"
    assert entry.summary == "The button is now called &lt;new&gt; &amp; sits under “Account”.<br />Tap it twice."
    assert "&amp;lt;new&amp;gt;" in body.decode()  # escaped once as HTML, once more as XML


def test_unknown_feed_is_a_404(client, site_tree):
    assert client.get(url("platform_feed", "en", ["nothing"])).status_code == 404
    assert client.get(url("page_feed", "en", [999999])).status_code == 404


def test_update_log_filters_by_platform(client, site_tree):
    publish_change(site_tree.guide, notes=NOTES)
    publish_change(site_tree.article, notes={"de": "Nur der Artikel"})
    everything = client.get(url("update_log", "en")).content.decode()
    assert NOTES["en"] in everything and "Nur der Artikel" in everything
    facebook = client.get(url("update_log", "en") + "?platform=facebook").content.decode()
    assert NOTES["en"] in facebook and "Nur der Artikel" not in facebook
    assert UpdateNotice.objects.count() == 2
    # Any other value, even one the database could not compare, lists everything.
    for value in ("nothing", "face\x00book"):
        response = client.get(url("update_log", "en"), {"platform": value})
        assert response.status_code == 200
        assert NOTES["en"] in response.content.decode() and "Nur der Artikel" in response.content.decode()


@pytest.mark.parametrize("language", ["de", "fr"])
def test_deadline_calendar_file_parses_with_alarms(client, site_tree, language):
    deadline = site_tree.deadline
    response = client.get(url("deadline_ics", language, [deadline.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == deadline_uid(deadline)
    assert "DTSTAMP" in event
    assert event.decoded("DTSTART") == deadline.due_at
    assert str(event["SUMMARY"]) == f"Objection deadline ({language})"
    assert event["SUMMARY"].params["LANGUAGE"] == event["DESCRIPTION"].params["LANGUAGE"] == language
    triggers = sorted(alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))
    assert triggers == [timedelta(days=-7), timedelta(days=-1)]
    # The same UID in every download, so calendars update the event instead of duplicating it.
    again = Calendar.from_ical(client.get(url("deadline_ics", language, [deadline.pk])).content)
    assert str(again.walk("VEVENT")[0]["UID"]) == str(event["UID"])


def test_a_calendar_marks_the_deadline_texts_shown_in_german(client, site_tree):
    deadline = site_tree.deadline
    deadline.title_fr = ""
    deadline.summary_fr = ""
    deadline.save_revision().publish()
    (event,) = Calendar.from_ical(client.get(url("deadline_ics", "fr", [deadline.pk])).content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Objection deadline (de)"
    assert event["SUMMARY"].params["LANGUAGE"] == event["DESCRIPTION"].params["LANGUAGE"] == "de"
    # The alarms' sentences are French around the German title.
    assert {alarm["DESCRIPTION"].params["LANGUAGE"] for alarm in event.walk("VALARM")} == {"fr"}


def test_upcoming_calendar_lists_only_future_deadlines(client, site_tree):
    response = client.get(url("upcoming_ics", "en"))
    calendar = Calendar.from_ical(response.content)
    assert [str(event["UID"]) for event in calendar.walk("VEVENT")] == [deadline_uid(site_tree.deadline)]
    assert client.get(url("deadline_ics", "en", [999999])).status_code == 404


def test_calendar_link_on_deadline_and_guide_pages(client, site_tree):
    ics = url("deadline_ics", "en", [site_tree.deadline.pk])
    for page in (site_tree.deadline, site_tree.guide):
        with translation.override("en"):
            page_url = page.get_url()
        assert ics in client.get(page_url).content.decode()
