from datetime import date

import pytest
from django.utils import formats, translation

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "es", "fr", "pt"]


def url_in(page, language):
    with translation.override(language):
        return page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_renders_in_every_language(client, site_tree, language):
    for page in (
        site_tree.home,
        site_tree.guide_index,
        site_tree.article_index,
        site_tree.deadline_index,
        site_tree.guide,
        site_tree.article,
        site_tree.deadline,
    ):
        url = url_in(page, language)
        assert url.startswith(f"/{language}/")
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        with translation.override(language):
            assert page.specific.title in html


@pytest.mark.parametrize(
    ("language", "formatted"),
    [("de", "10. Mai 2025"), ("en", "10 May 2025"), ("fr", "10 mai 2025"), ("es", "10 de mayo de 2025")],
)
def test_dates_are_shown_in_the_readers_locale(client, site_tree, language, formatted):
    assert site_tree.article.date == date(2025, 5, 10)
    html = client.get(url_in(site_tree.article, language)).content.decode()
    assert formatted in html


def test_home_page_shows_next_deadline_latest_articles_and_guides_by_platform(client, site_tree):
    html = client.get("/en/").content.decode()
    assert "Objection deadline (en)" in html
    assert "9 days left" in html
    assert "Why object (en)" in html
    assert 'id="platform-facebook"' in html and "Object to AI training (en)" in html


def test_article_page_shows_byline_reading_time_deadline_and_related_guides(client, site_tree):
    from guides.models import ArticlePageRelatedGuide

    article = site_tree.article
    article.related_guides = [ArticlePageRelatedGuide(guide=site_tree.guide)]
    article.save_revision().publish()
    html = client.get(url_in(article, "en")).content.decode()
    assert "By Lena" in html
    assert "1 minute read" in html
    assert "Objection deadline (en)" in html
    assert url_in(site_tree.guide, "en") in html


def test_guide_page_shows_platform_goal_verification_and_the_deadline_text(client, site_tree):
    html = client.get(url_in(site_tree.guide, "en")).content.decode()
    assert "Facebook" in html and "Goal (en)" in html
    with translation.override("en"):
        verified_on = formats.date_format(date(2025, 5, 20), "DATE_FORMAT")
    assert f"Last verified on {verified_on} (Web browser)" in html
    assert "Before text (en)" in html
    assert "Settings › Item 1" in html
    assert 'href="https://www.facebook.com/privacy/center/"' in html
