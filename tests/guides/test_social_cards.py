"""Link-preview cards (og:image) drawn per page and language, and the favicon: served by the site, cacheable."""

import re
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from PIL import Image
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

PAGES = ["home", "article_index", "guide_index", "deadline_index", "article", "guide", "deadline"]


def page_html(client, page, language):
    with translation.override(language):
        return client.get(page.specific.url).content.decode()


def meta(html, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def card_path(html):
    url = urlsplit(meta(html, "og:image"))
    return f"{url.path}?{url.query}"


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_a_card_of_its_own_in_its_language(client, site_tree, name):
    page = getattr(site_tree, name)
    cards = {}
    for language in ("de", "en"):
        html = page_html(client, page, language)
        image_url = meta(html, "og:image")
        assert image_url.startswith("http://localhost/"), image_url  # absolute, on the site's own host
        assert f"/{language}/cards/{page.pk}.png?v=" in image_url
        assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
        with translation.override(language):
            assert meta(html, "og:image:alt") == page.specific.title
        assert meta(html, "twitter:card") == "summary_large_image"
        response = client.get(card_path(html))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        image = Image.open(BytesIO(response.content))
        assert (image.format, image.size) == ("PNG", (1200, 630))
        cards[language] = response.content
    assert cards["de"] != cards["en"]  # the title and the site's name are drawn in the page's language


def test_a_card_is_cacheable_and_revalidates_with_its_etag(client, site_tree):
    path = card_path(page_html(client, site_tree.guide, "fr"))
    response = client.get(path)
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    etag = response["ETag"]
    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


def test_publishing_a_new_title_gives_a_new_card_address_and_picture(
    client, site_tree, django_capture_on_commit_callbacks
):
    before_html = page_html(client, site_tree.article, "en")
    before = client.get(card_path(before_html))
    article = site_tree.article.specific
    article.title_en = "A much shorter title"
    with django_capture_on_commit_callbacks(execute=True):  # the page cache forgets the page after the commit
        article.save_revision().publish()
    after_html = page_html(client, article, "en")
    assert card_path(after_html) != card_path(before_html)
    after = client.get(card_path(after_html))
    assert after["ETag"] != before["ETag"] and after.content != before.content
    assert client.get(card_path(before_html), HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_no_card_for_pages_readers_cannot_see(client, site_tree):
    deadline = site_tree.deadline
    PageViewRestriction.objects.create(page=site_tree.article, restriction_type="password", password="secret")
    deadline.unpublish()
    for page_id in (site_tree.article.pk, deadline.pk, 999999, site_tree.home.get_parent().pk):
        assert client.get(f"/en/cards/{page_id}.png").status_code == 404


def test_the_favicon_answers_at_the_usual_address_and_every_page_links_it(client, site_tree):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert "public" in response["Cache-Control"]
    icon = Image.open(BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])
    assert client.get("/favicon.ico", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert '<link rel="icon" href="/favicon.ico"' in page_html(client, site_tree.guide, "es")
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/en/no-such-page/").content.decode()


def test_requests_that_miss_the_http_caches_do_not_draw_the_card_again(client, site_tree, monkeypatch):
    from django.core.cache import cache

    from guides import social_card_views

    cache.clear()
    drawn = []
    real_draw = social_card_views.draw_card
    monkeypatch.setattr(social_card_views, "draw_card", lambda texts: drawn.append(texts) or real_draw(texts))
    responses = [client.get(f"/de/cards/{site_tree.guide.pk}.png?v={version}") for version in ("a", "b", "zzz")]
    assert [response.status_code for response in responses] == [200] * 3
    assert len({response.content for response in responses}) == 1
    assert len(drawn) == 1


@pytest.mark.parametrize("path", ["/en/search/?q=facebook", "/en/notices/", "/de/hinweise/subscribe/"])
def test_views_that_are_not_pages_show_the_home_pages_card(client, site_tree, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    image_url = meta(response.content.decode(), "og:image")
    assert image_url is not None and f"/cards/{site_tree.home.pk}.png?v=" in image_url
    assert client.get(card_path(response.content.decode())).status_code == 200
