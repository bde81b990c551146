"""Every demo page renders in every language, and the deadlines follow the clock."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import Page

from guides.demo import deadlines
from guides.models import DeadlinePage, GuidePage
from guides.models.deadlines import DeadlineState

from .conftest import load_demo

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_every_demo_page_renders_in_every_language(client, demo):
    pages = [page.specific for page in Page.objects.filter(depth__gt=1)]
    assert len(pages) == 10
    guide = GuidePage.objects.get(platform__slug="facebook")
    for language in LANGUAGES:
        assert_pages_render(client, pages, language)
        with translation.override(language):
            url = guide.url
        for surface in ("web", "android", "ios"):
            assert client.get(url, {"surface": surface}).status_code == 200


def assert_pages_render(client, pages, language):
    for page in pages:
        with translation.override(language):
            url, title = page.url, page.title
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert escape(title) in html, url


def test_deadline_states_follow_the_clock(db):
    with time_machine.travel(datetime(2025, 5, 20, 12, tzinfo=BERLIN), tick=False):
        load_demo("--no-accounts")
        meta = DeadlinePage.objects.get(due_at=deadlines.META_OBJECTION_DUE_AT)
        example = DeadlinePage.objects.exclude(pk=meta.pk).get()
        assert meta.local_due_at.replace(tzinfo=None) == datetime(2025, 5, 26, 23, 59, 59)
        assert meta.state_at(timezone.now()) == DeadlineState.UPCOMING
        assert meta.days_left_at(timezone.now()) == 6
        # The example is always the end of the month after next.
        assert example.local_due_at.replace(tzinfo=None) == datetime(2025, 7, 31, 23, 59, 59)
        assert example.state_at(timezone.now()) == DeadlineState.UPCOMING
    assert meta.state_at(datetime(2025, 5, 26, 23, 59, 58, tzinfo=BERLIN)) == DeadlineState.DUE_TODAY
    assert meta.state_at(datetime(2025, 5, 27, 0, 0, 0, tzinfo=BERLIN)) == DeadlineState.PASSED


def test_at_run_time_the_meta_deadline_has_passed_and_the_example_counts_down(client, demo):
    meta = DeadlinePage.objects.get(due_at=deadlines.META_OBJECTION_DUE_AT)
    example = DeadlinePage.objects.exclude(pk=meta.pk).get()
    assert meta.is_passed
    assert example.state == DeadlineState.UPCOMING
    assert example.due_at - timezone.now() > timedelta(days=28)
    with translation.override("en"):
        meta_html = client.get(meta.url).content.decode()
        home_html = client.get("/en/").content.decode()
    assert "only covers what you post" in meta_html  # the after-text
    assert "countdown" in home_html and example.title_en in home_html  # the next deadline, with its countdown
    assert "example deadline" in example.about_en.lower()
