"""What editors and readers are told about a guide's freshness is true: per role, surface and language."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import strip_tags

from editorial import tasks
from editorial.models import PageFreshness, VerificationRecord
from editorial.verification import VerificationRefused, verify_guide
from guides.models import GuidePage

BERLIN = ZoneInfo("Europe/Berlin")


def at(day):
    """Noon on ``day`` in Berlin, as a frozen clock."""
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=BERLIN), tick=False)


def panel_links(html, panel_id):
    """The row links of one dashboard panel."""
    start = html.index(f'id="{panel_id}')
    end = html.find("w-panel--dashboard", start + 1)
    section = html[start : end if end > 0 else len(html)]
    return [link for link in re.findall(r'<td class="title"><a href="([^"]+)"', section)]


def test_guides_to_verify_links_open_for_every_role_that_sees_them(client, site_tree, editor, translator, moderator):
    PageFreshness.objects.update_or_create(
        page_id=site_tree.guide.pk, defaults={"needs_verification": True, "reasons": ["not_verified"]}
    )
    for user in (editor, translator, moderator):
        client.force_login(user)
        links = panel_links(client.get(reverse("wagtailadmin_home")).content.decode(), "editorial-guides-to-verify")
        assert len(links) == 1, user.username
        response = client.get(links[0])
        assert response.status_code == 200, (user.username, links[0])
        assert "Object to AI training" in response.content.decode()


def surface_section(html, surface):
    start = html.index(f'id="surface-{surface}"')
    end = html.find("</section>", start)
    return html[start:end]


def mentions_year(section, year):
    """Whether ``section`` shows ``year`` to a reader: in its text or in a ``<time>`` element's date.

    Step keys are random UUIDs, so a plain substring test would now and then find the year inside one.
    """
    return str(year) in strip_tags(section) or f'datetime="{year}-' in section


def shown(day, language):
    """``day`` as the reader page of ``language`` writes it."""
    with translation.override(language):
        return formats.date_format(day, "DATE_FORMAT")


def page_html(client, guide, language):
    with translation.override(language):
        url = GuidePage.objects.get(pk=guide.pk).get_url()
    cache.clear()
    return client.get(url).content.decode()


def test_verifying_the_web_steps_leaves_the_android_banner_in_place(client, site_tree, editor):
    with at(date(2027, 1, 1)):
        tasks.flag_stale_guides()  # the factory's verification of May 2025 is long past
    with at(date(2027, 1, 5)):
        verify_guide(site_tree.guide, editor, "web", "de", app_version="Firefox 140")
        html = page_html(client, site_tree.guide, "de")
    web, android = surface_section(html, "web"), surface_section(html, "android")
    assert "notice--verification" not in web
    assert shown(date(2027, 1, 5), "de") in web
    assert "notice--verification" in android
    assert not mentions_year(android, 2027)


def test_the_verified_with_text_is_in_the_readers_language(client, site_tree, editor):
    with at(date(2027, 1, 5)):
        verify_guide(site_tree.guide, editor, "android", "de", app_version="512.0")
        verify_guide(site_tree.guide, editor, "android", "en", app_version="512.0")
        german = surface_section(page_html(client, site_tree.guide, "de"), "android")
        english = surface_section(page_html(client, site_tree.guide, "en"), "android")
    assert "(Android-App, 512.0)" in german
    assert "(Android app, 512.0)" in english
    assert "Android-App" not in english


def test_outdated_translated_steps_never_show_a_later_verification(client, site_tree, editor):
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    with at(date(2027, 1, 3)):
        raw = guide.steps_de.raw_data
        raw[0]["value"]["steps"][0]["value"]["title"] = "Neuer Menüpunkt"
        guide.steps_de = raw
        guide.save_revision(user=editor).publish()  # the English steps now lag behind
    with at(date(2027, 1, 5)):
        verify_guide(site_tree.guide, editor, "web", "de", app_version="Firefox 140")
        with pytest.raises(VerificationRefused):
            verify_guide(site_tree.guide, editor, "web", "en", app_version="Firefox 140")
        # Even a record that claims it (made before these rules existed) does not reach the old steps.
        VerificationRecord.objects.create(
            page=guide, surface="web", language="en", verified_at=timezone.now(), app_version="Firefox 140"
        )
        tasks.flag_stale_guides()
        english = surface_section(page_html(client, site_tree.guide, "en"), "web")
        german = surface_section(page_html(client, site_tree.guide, "de"), "web")
    assert shown(date(2027, 1, 5), "de") in german
    assert not mentions_year(english, 2027)
    assert shown(date(2025, 5, 20), "en") in english  # the check of the steps as they are shown


def test_demo_guide_names_each_surface_in_the_readers_language(client, db, django_user_model):
    from editorial.setup import EDITORS
    from tests.demo.conftest import load_demo

    from .conftest import make_user

    load_demo("--no-accounts")
    facebook = GuidePage.objects.get(platform__slug="facebook")
    german = surface_section(page_html(client, facebook, "de"), "android")
    english = surface_section(page_html(client, facebook, "en"), "android")
    assert "(Android-App, Facebook 512.0)" in german
    assert "(Android app, Facebook 512.0)" in english and "Android-App" not in english
    assert "notice--verification" in english  # checked in May 2025, long ago

    verify_guide(facebook, make_user(django_user_model, "erika", EDITORS), "android", "en", app_version="530.1")
    english_page = page_html(client, facebook, "en")
    assert "notice--verification" not in surface_section(english_page, "android")
    assert "(Android app, 530.1)" in surface_section(english_page, "android")
    assert "notice--verification" in surface_section(english_page, "web")
    assert "notice--verification" in surface_section(page_html(client, facebook, "de"), "android")
