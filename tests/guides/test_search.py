"""The reader search finds what a reader of each language sees, German where a translation is missing."""

import re

import pytest
from django.core.cache import cache

from guides.factories import build_guide
from guides.models import PageSearchText

pytestmark = pytest.mark.django_db


def result_titles(client, language, query):
    cache.clear()
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return re.findall(r'<h2 class="search-result__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def article(site_tree):
    page = site_tree.article
    page.lead_de = "Wie der Zitronenfalter im Frühling"
    page.lead_en = "How the zebrafish swims"
    page.lead_fr = ""  # French readers see the German lead
    page.save_revision().publish()
    return page


def test_each_language_finds_its_own_words(client, article):
    assert result_titles(client, "en", "zebrafish") == ["Why object (en)"]
    assert result_titles(client, "de", "zebrafish") == []
    assert result_titles(client, "de", "Zitronenfalter") == ["Why object (de)"]
    assert result_titles(client, "en", "Zitronenfalter") == []


def test_missing_translations_are_searched_in_german(client, article, site_tree):
    assert result_titles(client, "fr", "Zitronenfalter") == ["Why object (fr)"]
    build_guide(site_tree.guide_index, site_tree.platform, title="Kettensaege", languages=("de",))
    assert result_titles(client, "pt", "Kettensaege") == ["Kettensaege (de)"]


def test_results_show_title_type_and_excerpt(client, site_tree):
    cache.clear()
    html = client.get("/en/search/", {"q": "Introduction"}).content.decode()
    assert "Object to AI training (en)" in html
    assert '<p class="search-result__type">Guide</p>' in html
    assert re.search(r'<p class="search-result__excerpt">Goal \(en\) Introduction \(en\) Step 1', html)


def test_only_articles_and_guides_are_searched(client, site_tree):
    assert result_titles(client, "en", "Objection deadline") == []
    assert set(PageSearchText.objects.values_list("page_id", flat=True)) == {site_tree.guide.pk, site_tree.article.pk}


def test_unpublished_pages_leave_the_search(client, site_tree):
    assert result_titles(client, "en", "Introduction") == ["Object to AI training (en)"]
    site_tree.guide.unpublish()
    assert result_titles(client, "en", "Introduction") == []
    assert not PageSearchText.objects.filter(page=site_tree.guide).exists()


@pytest.mark.parametrize("query", ['"unclosed', "AND OR NOT (", "*", "a" * 500, "ü' OR 1=1 --", "NEAR(x y)"])
def test_odd_queries_never_fail(client, site_tree, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200


def test_empty_query_shows_only_the_form(client, site_tree):
    html = client.get("/en/search/").content.decode()
    assert 'id="search-query"' in html
    assert "search-results" not in html and "Nothing matched" not in html


def test_rebuild_command_restores_the_search_texts(client, site_tree):
    from django.core.management import call_command

    PageSearchText.objects.all().delete()
    assert result_titles(client, "en", "Introduction") == []
    call_command("rebuild_reader_search")
    assert result_titles(client, "en", "Introduction") == ["Object to AI training (en)"]
    assert PageSearchText.objects.count() == 2 * 5
