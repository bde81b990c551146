"""The reader search finds what a reader of each language sees, German where a translation is missing."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from guides.models import PageSearchText
from tests.factories import build_guide

pytestmark = pytest.mark.django_db


def search_url(language):
    with translation.override(language):
        return reverse("search")


def result_titles(client, language, query):
    cache.clear()
    response = client.get(search_url(language), {"q": query})
    assert response.status_code == 200
    return re.findall(r'<h2 class="search-result__title"><a href="[^"]+"[^>]*>([^<]+)</a>', response.content.decode())


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


def excerpts(client, language, query, title=None):
    """The excerpts under the results (only under ``title``'s result, when given)."""
    cache.clear()
    html = client.get(search_url(language), {"q": query}).content.decode()
    results = re.findall(
        r'<a href="[^"]+"[^>]*>([^<]+)</a></h2>.*?<p class="search-result__excerpt">(.*?)</p>', html, re.S
    )
    return [excerpt for result_title, excerpt in results if title is None or result_title == title]


def test_results_show_title_type_and_excerpt(client, site_tree):
    cache.clear()
    html = client.get("/en/search/", {"q": "Introduction"}).content.decode()
    assert "Object to AI training (en)" in html
    assert '<p class="search-result__type">Guide</p>' in html
    assert excerpts(client, "en", "Introduction") == ["<mark>Introduction</mark> (en)"]


@pytest.fixture
def long_article(site_tree):
    from tests.factories import build_article

    body = [
        {"type": "heading", "value": "Why it matters"},
        {
            "type": "paragraph",
            "value": "<p>Meta wants your posts. Its models learn from them.</p>"
            "<p>Objecting takes five minutes. After the cutoff, an objection only "
            "protects what you post later.</p>"
            "<ul><li>public posts</li><li>photos</li></ul>",
        },
    ]
    return build_article(site_tree.article_index, "Long read", "long-read", body)


def test_snippets_are_whole_sentences_with_the_match_marked(client, long_article):
    assert excerpts(client, "en", "cutoff") == [
        "After the <mark>cutoff</mark>, an objection only protects what you post later."
    ]
    # Other forms of the word are found and marked too (the engine stems them).
    assert excerpts(client, "en", "objection", title="Long read (en)") == [
        "<mark>Objecting</mark> takes five minutes. After the cutoff, an <mark>objection</mark> only protects "
        "what you post later."
    ]


def test_texts_of_separate_blocks_never_run_together(client, long_article):
    text = PageSearchText.objects.get(page=long_article, language="en")
    assert "matters" in text.body and "mattersMeta" not in text.body and "postsphotos" not in text.body
    assert text.body.splitlines()[:3] == [
        "Lead of Long read (en)",
        "Why it matters",
        "Meta wants your posts. Its models learn from them.",
    ]


def test_a_result_that_matched_its_title_only_shows_the_opening_sentences(client, long_article):
    long_article.lead_en = "Short lead"
    long_article.save_revision().publish()
    assert excerpts(client, "en", "long read") == [
        "Short lead – Why it matters – Meta wants your posts. Its models learn from them. Objecting takes five "
        "minutes. After the cutoff, an objection only protects what you post later."
    ]


def test_snippets_show_the_page_text_escaped_once(client, site_tree):
    from guides.search import snippet
    from tests.factories import build_article

    build_article(
        site_tree.article_index,
        "Markup",
        "markup",
        [{"type": "paragraph", "value": "<p>Open Settings &amp; privacy, then the zebrafish box.</p>"}],
    )
    assert excerpts(client, "en", "zebrafish") == ["Open Settings &amp; privacy, then the <mark>zebrafish</mark> box."]
    text = PageSearchText(body="Type <script>alert(1)</script> into the zebrafish box.", excerpt="<b>")
    assert snippet(text, "zebrafish").html == (
        "Type &lt;script&gt;alert(1)&lt;/script&gt; into the <mark>zebrafish</mark> box."
    )
    assert snippet(text, "other").html == "&lt;b&gt;"


def test_deadline_pages_are_found(client, site_tree):
    assert result_titles(client, "en", "Objection deadline") == ["Objection deadline (en)"]
    assert result_titles(client, "fr", "Object in time") == [site_tree.deadline.title_fr]
    cache.clear()
    html = client.get(search_url("en"), {"q": "Objection deadline"}).content.decode()
    assert '<p class="search-result__type">Deadline</p>' in html


def test_only_articles_guides_and_deadlines_are_searched(client, site_tree):
    assert set(PageSearchText.objects.values_list("page_id", flat=True)) == {
        site_tree.guide.pk,
        site_tree.article.pk,
        site_tree.deadline.pk,
    }


def test_unpublished_pages_leave_the_search(client, site_tree):
    assert result_titles(client, "en", "Introduction") == ["Object to AI training (en)"]
    site_tree.guide.unpublish()
    assert result_titles(client, "en", "Introduction") == []
    assert not PageSearchText.objects.filter(page=site_tree.guide).exists()


@pytest.mark.parametrize(
    "query", ['"unclosed', "AND OR NOT (", "*", "a" * 500, "ü' OR 1=1 --", "NEAR(x y)", "face\x00book"]
)
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
    assert PageSearchText.objects.count() == 3 * 5
