"""sitemap.xml, robots.txt, meta description, Open Graph and JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.utils import translation
from wagtail.models import Page
from wagtail.rich_text import RichText

from guides.sitemap import PagesSitemap

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "es", "fr", "pt"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def full_url_in(page, language):
    with translation.override(language):
        return page.get_full_url()


def json_ld(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def sitemap_parts(client):
    """The parts the index at /sitemap.xml lists, fetched: [(address, parsed part)]."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = []
    for location in index.findall(f"{SITEMAP}sitemap/{SITEMAP}loc"):
        part = client.get(location.text.removeprefix("http://testserver"))
        assert part.status_code == 200
        parts.append((location.text, ET.fromstring(part.content)))  # noqa: S314 (our own output)
    return parts


def sitemap_entries(client):
    return [entry for _, part in sitemap_parts(client) for entry in part.findall(f"{SITEMAP}url")]


def test_sitemap_lists_every_page_in_every_language_with_alternates(client, site_tree):
    entries = sitemap_entries(client)
    pages = list(Page.objects.live().filter(depth__gte=2).specific())
    assert len(entries) == len(pages) * len(LANGUAGES)
    locations = {entry.find(f"{SITEMAP}loc").text: entry for entry in entries}
    for page in pages:
        for code in LANGUAGES:
            url = full_url_in(page, code).replace("http://localhost", "http://testserver")
            entry = locations[url]
            alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
            assert set(alternates) == {*LANGUAGES, "x-default"}
            assert alternates["x-default"] == alternates["de"]
            assert alternates[code] == url


def test_sitemap_index_lists_parts_of_at_most_the_limit(client, site_tree, monkeypatch):
    monkeypatch.setattr(PagesSitemap, "limit", 7)
    pages = Page.objects.live().filter(depth__gte=2).count()
    expected_parts = -(-pages * len(LANGUAGES) // 7)
    assert expected_parts > 2  # the tree is large enough to need several parts
    parts = sitemap_parts(client)
    assert [address for address, _ in parts] == ["http://testserver/sitemap-pages.xml"] + [
        f"http://testserver/sitemap-pages.xml?p={number}" for number in range(2, expected_parts + 1)
    ]
    sizes = [len(part.findall(f"{SITEMAP}url")) for _, part in parts]
    assert all(size == 7 for size in sizes[:-1])
    assert 1 <= sizes[-1] <= 7
    # Every address once, and each page's five languages together even where a part boundary splits them.
    locations = [entry.find(f"{SITEMAP}loc").text for _, part in parts for entry in part.findall(f"{SITEMAP}url")]
    assert len(locations) == len(set(locations)) == pages * len(LANGUAGES)
    assert client.get(f"/sitemap-pages.xml?p={expected_parts + 1}").status_code == 404
    assert client.get("/sitemap-other.xml").status_code == 404


def test_sitemap_index_gives_the_latest_publication(client, site_tree):
    latest = max(page.last_published_at for page in Page.objects.live().filter(depth__gte=2))
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own output)
    assert datetime.fromisoformat(index.find(f"{SITEMAP}sitemap/{SITEMAP}lastmod").text) == latest


def test_sitemap_leaves_out_unpublished_pages(client, site_tree):
    site_tree.deadline.unpublish()
    body = "".join(ET.tostring(part, encoding="unicode") for _, part in sitemap_parts(client))
    assert "objection-deadline" not in body
    assert "why-object-de" in body


def test_robots_txt_points_to_the_sitemap_index_and_keeps_out_of_the_admin(client, site_tree):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own output)
    assert index.tag == f"{SITEMAP}sitemapindex"


def test_meta_description_and_open_graph(client, site_tree):
    with translation.override("fr"):
        url = site_tree.article.url
    html = client.get(url).content.decode()
    assert '<meta name="description" content="Lead (fr)">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Why object (fr)">' in html
    assert '<meta property="og:locale" content="fr_FR">' in html
    assert f'<meta property="og:url" content="{full_url_in(site_tree.article, "fr")}">' in html


def test_article_has_article_and_breadcrumbs(client, site_tree):
    with translation.override("en"):
        html = client.get(site_tree.article.url).content.decode()
    article, breadcrumbs = json_ld(html)
    assert article["@type"] == "Article"
    assert article["headline"] == "Why object (en)"
    assert article["author"] == {"@type": "Person", "name": "Lena"}
    assert article["datePublished"] == "2025-05-10"
    assert article["inLanguage"] == "en"
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == ["Home en", "Articles", "Why object (en)"]
    assert [item["position"] for item in breadcrumbs["itemListElement"]] == [1, 2, 3]


def test_guide_has_a_howto_with_steps_of_the_shown_surface(client, site_tree):
    with translation.override("de"):
        url = site_tree.guide.url
    how_to, breadcrumbs = json_ld(client.get(url).content.decode())
    assert how_to["@type"] == "HowTo"
    assert [step["@type"] for step in how_to["step"]] == ["HowToStep"] * 3
    assert [step["name"] for step in how_to["step"]] == ["Step 1 on web", "Step 2 on web", "Step 3 on web"]
    assert [step["position"] for step in how_to["step"]] == [1, 2, 3]
    assert breadcrumbs["@type"] == "BreadcrumbList"
    android, _breadcrumbs = json_ld(client.get(url + "?surface=android").content.decode())
    assert android["step"][0]["name"] == "Step 1 on android"


def test_deadline_is_an_event_at_its_due_moment(client, site_tree):
    with translation.override("pt"):
        html = client.get(site_tree.deadline.url).content.decode()
    event, breadcrumbs = json_ld(html)
    assert event["@type"] == "Event"
    assert event["startDate"] == site_tree.deadline.local_due_at.isoformat()
    assert event["name"] == "Objection deadline (pt)"
    assert breadcrumbs["@type"] == "BreadcrumbList"


def test_every_page_has_breadcrumbs(client, site_tree):
    for page in (site_tree.home, site_tree.guide_index, site_tree.article_index, site_tree.deadline_index):
        with translation.override("en"):
            types = [item["@type"] for item in json_ld(client.get(page.url).content.decode())]
        assert types == ["BreadcrumbList"]


def test_json_ld_cannot_close_its_script_element(client, site_tree):
    article = site_tree.article
    article.lead_en = "</script><script>alert(1)</script>"
    article.save_revision().publish()
    with translation.override("en"):
        html = client.get(article.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)[0]["description"] == "</script><script>alert(1)</script>"


def rate(page, stars_list):
    from ratings.models import Vote
    from ratings.summaries import publish_summary

    Vote.objects.bulk_create(
        Vote(page_id=page.pk, voter=f"reader-{n}", stars=stars) for n, stars in enumerate(stars_list)
    )
    publish_summary(page.pk)


def test_a_rated_guide_has_one_howto_that_carries_the_rating(client, site_tree):
    rate(site_tree.guide, [5, 4, 4])
    with translation.override("en"):
        items = json_ld(client.get(site_tree.guide.url).content.decode())
    how_tos = [item for item in items if item["@type"] == "HowTo"]
    assert len(how_tos) == 1 and [item["@type"] for item in items] == ["HowTo", "BreadcrumbList"]
    assert how_tos[0]["step"] and how_tos[0]["name"]
    assert how_tos[0]["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.3,
        "ratingCount": 3,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert not any("aggregateRating" in item for item in items if item["@type"] != "HowTo")
    assert how_tos[0]["image"].startswith(f"http://localhost/en/cards/{site_tree.guide.pk}.png?v=")


def test_a_rated_article_has_one_article_that_carries_the_rating(client, site_tree):
    rate(site_tree.article, [2])
    with translation.override("de"):
        items = json_ld(client.get(site_tree.article.url).content.decode())
    assert [item["@type"] for item in items] == ["Article", "BreadcrumbList"]
    assert items[0]["headline"] == "Why object (de)"
    assert items[0]["aggregateRating"]["ratingValue"] == 2.0
    assert items[0]["aggregateRating"]["ratingCount"] == 1
    html = client.get(site_tree.article.url).content.decode()  # the image is the page's og:image
    assert f'<meta property="og:image" content="{items[0]["image"]}">' in html


def test_json_ld_and_descriptions_are_plain_text_not_html(client, site_tree):
    """An ampersand in rich text is "&amp;" in HTML; JSON-LD and meta tags must carry the character itself."""
    guide = site_tree.guide.specific
    steps = guide.steps_en
    step = steps[0].value["steps"][0]
    step.value["instruction"] = RichText("<p>Open <b>Settings &amp; privacy</b> &gt; Privacy Center.</p>")
    guide.steps_en = steps
    guide.save_revision().publish()
    index = site_tree.guide_index.specific
    index.intro_en = "<p>Rules &amp; rights</p>"
    index.save_revision().publish()
    with translation.override("en"):
        html = client.get(site_tree.guide.url).content.decode()
        index_html = client.get(index.url).content.decode()
    assert json_ld(html)[0]["step"][0]["text"] == "Open Settings & privacy > Privacy Center."
    assert '<meta name="description" content="Rules &amp; rights">' in index_html


def test_a_sitemap_part_costs_the_same_queries_however_many_pages_it_lists(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import build_article

    def part_queries():
        client.get("/sitemap-pages.xml")
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/sitemap-pages.xml")
        return len(captured.captured_queries), response.content.decode()

    before, _ = part_queries()
    for number in range(5):
        build_article(site_tree.article_index, f"More {number}", f"more-{number}", body=[])
    after, body = part_queries()
    assert after == before
    assert body.count("/more-4-fr/") == 6  # its French address, and the French alternate of its five entries
