"""The Django-side page cache: anonymous readers share one rendering per page and language until it changes."""

import pytest
from django.core.cache import cache
from django.test import Client

from guides.i18n import page_urls_by_language
from ratings.signals import rating_summary_changed

pytestmark = pytest.mark.django_db


def de_url(page):
    return page_urls_by_language(page)["de"]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_second_anonymous_view_is_served_from_the_cache_without_queries(site_tree, django_assert_num_queries):
    url = de_url(site_tree.guide)
    first = Client().get(url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Language"] == "de"
    assert "s-maxage=" in second["Cache-Control"] and "public" in second["Cache-Control"]


def test_each_language_has_its_own_entry(site_tree):
    urls = page_urls_by_language(site_tree.guide)
    bodies = {code: Client().get(url).content for code, url in urls.items()}
    for code, url in urls.items():
        response = Client().get(url)
        assert response["X-Page-Cache"] == "hit"
        assert response.content == bodies[code]
        assert response["Content-Language"] == code
    assert len(set(bodies.values())) == len(urls)


def test_publishing_any_page_shows_the_new_text_at_once(site_tree, django_capture_on_commit_callbacks):
    guide_url, article_url = de_url(site_tree.guide), de_url(site_tree.article)
    Client().get(guide_url)
    Client().get(article_url)
    site_tree.guide.title_de = "Neuer Titel der Anleitung"
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.guide.save_revision().publish()
    response = Client().get(guide_url)
    assert response["X-Page-Cache"] == "miss"
    assert "Neuer Titel der Anleitung" in response.content.decode()
    # Other pages are forgotten too: their menus and lists may show what was published.
    assert Client().get(article_url)["X-Page-Cache"] == "miss"


def test_a_new_rating_summary_forgets_only_that_page(site_tree, django_capture_on_commit_callbacks):
    guide_urls = page_urls_by_language(site_tree.guide)
    for url in guide_urls.values():
        Client().get(url)
    Client().get(de_url(site_tree.article))
    with django_capture_on_commit_callbacks(execute=True):
        rating_summary_changed.send(sender=None, page_id=site_tree.guide.pk)
    for url in guide_urls.values():
        assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(de_url(site_tree.article))["X-Page-Cache"] == "hit"


def test_invalidation_waits_for_the_commit(site_tree, django_capture_on_commit_callbacks):
    url = de_url(site_tree.guide)
    Client().get(url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rating_summary_changed.send(sender=None, page_id=site_tree.guide.pk)
        assert Client().get(url)["X-Page-Cache"] == "hit"
    assert len(callbacks) == 1


def test_signed_in_users_never_use_or_fill_the_cache(site_tree, django_user_model):
    url = de_url(site_tree.guide)
    editor = django_user_model.objects.create_user("editor-ops", password="pw-ops-12345")
    client = Client()
    client.force_login(editor)
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert Client().get(url)["X-Page-Cache"] == "miss"  # the editor's view was not stored
    assert "X-Page-Cache" not in client.get(url)  # nor is the anonymous copy served to the editor


def test_a_reader_with_pending_messages_bypasses_the_cache(site_tree):
    url = de_url(site_tree.guide)
    Client().get(url)
    client = Client()
    client.cookies["messages"] = "anything"
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_unknown_query_parameters_are_not_cached(site_tree):
    url = de_url(site_tree.guide) + "?utm_source=newsletter"
    Client().get(url)
    response = Client().get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_search_results_are_cached_briefly(site_tree, settings):
    url = "/en/search/?q=object"
    Client().get(url)
    response = Client().get(url)
    assert response["X-Page-Cache"] == "hit"
    assert f"s-maxage={settings.PAGE_CACHE_UNTRACKED_SECONDS}" in response["Cache-Control"]


def test_the_language_redirect_is_private_and_varies(site_tree):
    # The language redirect at / is personal (Accept-Language, cookie); it must vary and stay private.
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code in (301, 302)
    assert "private" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]


def test_a_page_whose_view_sets_its_own_cache_control_is_not_stored(site_tree, monkeypatch):
    from guides.models import GuidePage

    original_serve = GuidePage.serve

    def serve_never_cache(self, request, *args, **kwargs):
        response = original_serve(self, request, *args, **kwargs)
        response["Cache-Control"] = "no-cache"
        return response

    monkeypatch.setattr(GuidePage, "serve", serve_never_cache)
    Client().get(de_url(site_tree.guide))
    response = Client().get(de_url(site_tree.guide))
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "no-cache"


def test_a_response_that_sets_a_cookie_is_not_stored(site_tree, monkeypatch):
    from guides.models import GuidePage

    original_serve = GuidePage.serve

    def serve_with_cookie(self, request, *args, **kwargs):
        response = original_serve(self, request, *args, **kwargs)
        response.set_cookie("seen", "1")
        return response

    monkeypatch.setattr(GuidePage, "serve", serve_with_cookie)
    Client().get(de_url(site_tree.guide))
    response = Client().get(de_url(site_tree.guide))
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_a_wrong_page_hint_costs_a_round_trip_but_never_serves_a_forgotten_page(
        site_tree, django_capture_on_commit_callbacks):
    from config import cache as page_cache

    url = de_url(site_tree.guide)

    def mislead_the_hint():
        # As if this process last saw the address showing another page (a slug moved to a new page).
        for key, page_id in list(page_cache._page_id_hints.items()):
            if page_id == site_tree.guide.pk:
                page_cache._page_id_hints[key] = site_tree.article.pk

    Client().get(url)
    mislead_the_hint()
    assert Client().get(url)["X-Page-Cache"] == "hit"
    mislead_the_hint()
    with django_capture_on_commit_callbacks(execute=True):
        rating_summary_changed.send(sender=None, page_id=site_tree.guide.pk)
    assert Client().get(url)["X-Page-Cache"] == "miss"
