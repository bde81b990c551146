"""sitemap.xml, robots.txt, meta description, Open Graph and JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from wagtail.models import Page
from wagtail.rich_text import RichText

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "es", "fr", "pt"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def full_url_in(page, language):
    with translation.override(language):
        return page.get_full_url()


def json_ld(html):
    return [json.loads(block) for block in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_sitemap_lists_every_page_in_every_language_with_alternates(client, site_tree):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    entries = ET.fromstring(response.content).findall(f"{SITEMAP}url")  # noqa: S314 (our own output)
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


def test_sitemap_leaves_out_unpublished_pages(client, site_tree):
    site_tree.deadline.unpublish()
    body = client.get("/sitemap.xml").content.decode()
    assert "objection-deadline" not in body
    assert "why-object-de" in body


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client, site_tree):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


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

    Vote.objects.bulk_create(Vote(page_id=page.pk, voter=f"reader-{n}", stars=stars)
                             for n, stars in enumerate(stars_list))
    publish_summary(page.pk)


def test_a_rated_guide_has_one_howto_that_carries_the_rating(client, site_tree):
    rate(site_tree.guide, [5, 4, 4])
    with translation.override("en"):
        items = json_ld(client.get(site_tree.guide.url).content.decode())
    how_tos = [item for item in items if item["@type"] == "HowTo"]
    assert len(how_tos) == 1 and [item["@type"] for item in items] == ["HowTo", "BreadcrumbList"]
    assert how_tos[0]["step"] and how_tos[0]["name"]
    assert how_tos[0]["aggregateRating"] == {"@type": "AggregateRating", "ratingValue": 4.3, "ratingCount": 3,
                                             "bestRating": 5, "worstRating": 1}
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
