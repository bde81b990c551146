"""Languages: redirects from /, the switcher, hreflang alternates and the notice on German fallbacks."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from guides.factories import build_guide

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "es", "fr", "pt"]


def url_in(page, language):
    with translation.override(language):
        return page.url


def full_url_in(page, language):
    with translation.override(language):
        return page.get_full_url()


@pytest.mark.parametrize(("accept_language", "target"), [
    ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
    ("pt-BR", "/pt/"),
    ("en-GB,en;q=0.8", "/en/"),
    ("ja,zh;q=0.5", "/de/"),  # no language of ours: the default
    ("", "/de/"),
])
def test_root_redirects_by_accept_language(client, site_tree, accept_language, target):
    response = client.get("/", headers={"Accept-Language": accept_language} if accept_language else {})
    assert response.status_code == 302
    assert response["Location"] == target


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', nav)}


@pytest.mark.parametrize("page_name", ["home", "guide_index", "guide", "article", "deadline"])
def test_switcher_leads_to_the_same_page_in_every_language(client, site_tree, page_name):
    page = getattr(site_tree, page_name)
    html = client.get(url_in(page, "en")).content.decode()
    links = switcher_links(html)
    assert links == {code: url_in(page, code) for code in LANGUAGES}
    for code, url in links.items():
        response = client.get(url)
        assert response.status_code == 200
        assert f'<html lang="{code}">' in response.content.decode()


def test_switcher_on_search_keeps_the_query(client, site_tree):
    links = switcher_links(client.get("/en/search/?q=object").content.decode())
    assert links["fr"] == "/fr/search/?q=object"


def test_hreflang_alternates_for_every_language_and_x_default(client, site_tree):
    html = client.get(url_in(site_tree.guide, "es")).content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([a-zA-Z-]+)" href="([^"]+)">', html))
    expected = {code: full_url_in(site_tree.guide, code) for code in LANGUAGES}
    expected["x-default"] = expected["de"]
    assert alternates == expected
    assert f'<link rel="canonical" href="{expected["es"]}">' in html


def test_translated_slugs(site_tree):
    assert url_in(site_tree.guide, "de").startswith("/de/anleitungen/")
    assert url_in(site_tree.guide, "es").startswith("/es/guias/")


def test_missing_translation_falls_back_to_german_with_a_notice(client, site_tree):
    guide = build_guide(site_tree.guide_index, site_tree.platform, title="Only German", languages=("de",),
                        slug="only-german")
    german = client.get(url_in(guide, "de")).content.decode()
    english = client.get(url_in(guide, "en")).content.decode()
    assert "Goal (de)" in english and "Only German (de)" in english
    assert "shown in German" in english
    assert "shown in German" not in german
    # A page with every text translated has no notice.
    assert "shown in German" not in client.get(url_in(site_tree.guide, "en")).content.decode()


def test_one_missing_field_is_enough_for_the_notice(client, site_tree):
    guide = site_tree.guide
    guide.goal_fr = ""
    guide.save_revision().publish()
    french = client.get(url_in(guide, "fr")).content.decode()
    assert "notice--fallback" in french
    with translation.override("fr"):  # the notice speaks the reader's language
        assert gettext("Parts of this page have not been translated yet and are shown in German.") in french
    assert "notice--fallback" not in client.get(url_in(guide, "pt")).content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_not_found_page_in_the_readers_language(client, site_tree, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f'href="/{language}/"' in html


def test_server_error_page_in_the_readers_language(client, site_tree, monkeypatch):
    from guides.models import GuidePage

    def broken(*args, **kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(GuidePage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get(url_in(site_tree.guide, "fr"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html and 'href="/fr/"' in html
