"""The reader page of one update's step changes: in every language, linked from the guide's change history,
shared by the page cache, and gone with its guide."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from notices.models import UpdateNotice
from page_cache import keys

from .conftest import LANGUAGES, NOTES, live_steps, publish_change, publish_step_changes, publish_steps, reworked_steps

pytestmark = pytest.mark.django_db

NO_STEP = {
    "de": "(kein Schritt)",
    "en": "(no step)",
    "es": "(ningún paso)",
    "fr": "(aucune étape)",
    "pt": "(nenhum passo)",
}
GERMAN_ONLY = {
    "en": "Only in German so far:",
    "es": "Por ahora solo en alemán:",
    "fr": "Pour l’instant uniquement en allemand",
    "pt": "Por enquanto só em alemão:",
}


def changes_url(notice, language):
    with translation.override(language):
        return reverse("notices:step_changes", args=[notice.pk])


def text_of(response):
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_page_shows_every_change_before_and_after_in_each_language(client, site_tree):
    publish_step_changes(site_tree.guide, languages=("de", "en"))
    notice = UpdateNotice.objects.get()
    expected_paths = {
        "de": "/de/hinweise/aenderungen/",
        "en": "/en/notices/changes/",
        "es": "/es/avisos/cambios/",
        "fr": "/fr/avis/modifications/",
        "pt": "/pt/avisos/alteracoes/",
    }
    for language in LANGUAGES:
        url = changes_url(notice, language)
        assert url == f"{expected_paths[language]}{notice.pk}/"
        response = client.get(url)
        assert response.status_code == 200, language
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        text = text_of(response)
        with translation.override(language):
            date = date_format(notice.published_at, "DATE_FORMAT")
        assert date in text
        own = language in ("de", "en")
        shown = language if own else "de"  # the other languages lag behind: their readers see the German change
        assert f"Step 1 on web → Open your account ({shown})" not in text  # a table, not a line of text
        assert f"1. Step 1 on web 1. Open your account ({shown})" in text
        assert f"Settings › Item 1 Account › Privacy ({shown})" in text
        assert f"Confirm the objection ({shown})" in text  # the new step
        assert f"3. Step 3 on android {NO_STEP[language]}" in text  # the removed one
        if own:
            assert "Only in German so far" not in text and "Bisher nur auf Deutsch" not in text
        else:
            assert GERMAN_ONLY[language] in text
            assert '<td lang="de">1. Open your account (de)</td>' in html


def test_kinds_of_change_are_named_in_the_readers_language(client, site_tree):
    publish_step_changes(site_tree.guide, languages=("de", "en"))
    notice = UpdateNotice.objects.get()
    english = text_of(client.get(changes_url(notice, "en")))
    for words in (
        "Step 1 – reworded, menu path changed",
        "Step 3 – moved from step 2",
        "Step 4 – new",
        "Step 3 – removed",
        "Web browser",
        "Android app",
    ):
        assert words in english
    german = text_of(client.get(changes_url(notice, "de")))
    for words in (
        "Schritt 1 – neu formuliert, Menüpfad geändert",
        "Schritt 3 – verschoben von Schritt 2",
        "Schritt 4 – neu",
        "Schritt 3 – entfernt",
        "Vorher",
        "Nachher",
        "Menüpfad",
    ):
        assert words in german


def test_the_change_history_links_the_page_with_the_date_of_the_change(client, site_tree):
    publish_step_changes(site_tree.guide)
    notice = UpdateNotice.objects.get()
    for language, words in (
        ("de", "Was sich am {} geändert hat"),
        ("en", "What changed on {}"),
        ("fr", "Ce qui a changé le {}"),
    ):
        with translation.override(language):
            guide_url = site_tree.guide.get_url()
            date = date_format(notice.published_at, "DATE_FORMAT")
        html = client.get(guide_url).content.decode()
        link = f'href="{changes_url(notice, language)}">{words.format(date)}</a>'
        assert link in html, language


def test_the_page_is_shared_by_the_page_cache_and_keyed_by_its_guide(client, site_tree):
    publish_step_changes(site_tree.guide)
    notice = UpdateNotice.objects.get()
    response = client.get(f"{changes_url(notice, 'en')}?utm_source=mail")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=600"
    shown = set(response["xkey"].split())
    assert {keys.page_key(site_tree.guide.pk), keys.notices_key(site_tree.guide.pk)} <= shown


def test_unknown_unpublished_and_stepless_notices_are_not_found(client, site_tree):
    assert client.get(changes_url(UpdateNotice(pk=999999), "en")).status_code == 404
    publish_change(site_tree.article, notes=NOTES)
    article_notice = UpdateNotice.objects.get()
    assert client.get(changes_url(article_notice, "en")).status_code == 404
    publish_step_changes(site_tree.guide)
    notice = UpdateNotice.objects.get(page_id=site_tree.guide.pk)
    assert client.get(changes_url(notice, "de")).status_code == 200
    site_tree.guide.unpublish()
    for language in LANGUAGES:
        assert client.get(changes_url(notice, language)).status_code == 404


def test_an_update_that_left_the_steps_alone_says_so(client, site_tree):
    publish_change(site_tree.guide, notes=NOTES)
    notice = UpdateNotice.objects.get()
    text = text_of(client.get(changes_url(notice, "en")))
    assert "The steps themselves did not change with this update." in text
    assert NOTES["en"] in text


def test_a_language_that_caught_up_later_is_no_longer_told_it_lags(client, site_tree):
    publish_step_changes(site_tree.guide, languages=("de",))
    notice = UpdateNotice.objects.get()
    assert GERMAN_ONLY["fr"] in text_of(client.get(changes_url(notice, "fr")))
    publish_steps(
        site_tree.guide, {"fr": reworked_steps(live_steps(site_tree.guide, "fr"), "fr")}, notes={}, significant=False
    )
    response = client.get(changes_url(notice, "fr"))
    assert GERMAN_ONLY["fr"] not in text_of(response)
    assert "ont été mises à jour plus tard" in text_of(response)
    assert '<td lang="de">1. Open your account (de)</td>' in response.content.decode()


def test_headings_descend_one_level_at_a_time(client, site_tree):
    from tests.site.test_headings import heading_levels, skipped_levels

    publish_step_changes(site_tree.guide, languages=("de",))
    notice = UpdateNotice.objects.get()
    for language in ("de", "es"):
        levels = heading_levels(client.get(changes_url(notice, language)).content.decode())
        assert levels[0] == 1 and levels.count(1) == 1, levels
        assert 3 in levels and skipped_levels(levels) == [], levels
