"""A guide page costs a fixed, small number of SQL queries, however many steps and screenshots it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from guides.models import GuidePage
from tests.factories import make_image, publish, same_in_all, step_block, surface_block

pytestmark = pytest.mark.django_db

# A guide page rendered from scratch (a Varnish miss): the site, the route (three), view restrictions, update notices,
# and for screenshots their images and renditions (bench/ measures the speed).
MAX_QUERIES = 8
SURFACES = ("web", "android", "ios")


def guide_with_steps(tree, steps_per_surface, slug):
    """A guide whose every step has its own screenshot, a menu path and a tip."""
    images = [make_image(f"{slug} {n}") for n in range(steps_per_surface)]
    steps = [
        surface_block(
            surface,
            [
                step_block(
                    f"Step {n}",
                    ui_path=["Settings & privacy", "Privacy Center"],
                    screenshot=images[n],
                    screenshot_alt=f"Screen {n}",
                    note_kind="tip",
                    note="A tip",
                )
                for n in range(steps_per_surface)
            ],
        )
        for surface in SURFACES
    ]
    return publish(
        tree.guide_index,
        GuidePage(
            platform=tree.platform,
            deadline=tree.deadline,
            **same_in_all("title", lambda code: f"{slug} ({code})"),
            **same_in_all("slug", lambda code: f"{slug}-{code}"),
            **same_in_all("goal", lambda code: "Goal"),
            **same_in_all("intro", lambda code: "<p>Intro</p>"),
            **same_in_all("steps", lambda code: steps),
        ),
    )


def queries_for(client, page, language="en"):
    with translation.override(language):
        url = page.url
    assert client.get(url).status_code == 200  # renditions and Wagtail's site paths exist from now on
    # A query parameter the page cache does not know makes the middleware step aside: a full render.
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"surface": "android"})
    assert response.status_code == 200
    assert response.content.decode().count('class="step"') == len(page.surfaces) * len(page.surfaces[0][2])
    return len(captured.captured_queries)


def test_guide_page_queries_do_not_grow_with_steps(client, site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    small = queries_for(client, guide_with_steps(site_tree, 3, "three"))
    large = queries_for(client, guide_with_steps(site_tree, 30, "thirty"))
    assert small == large
    assert small <= MAX_QUERIES


@pytest.mark.parametrize("language", ["de", "pt"])
def test_guide_page_query_count_is_the_same_in_every_language(client, site_tree, language, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    assert queries_for(client, site_tree.guide, language) <= MAX_QUERIES


def test_view_restrictions_of_the_page_and_its_ancestors_still_apply(client, site_tree):
    """The guide's view restrictions come from one query: its own, its ancestors', an alias's source's."""
    with translation.override("en"):
        url = site_tree.guide.url
    assert client.get(url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=site_tree.guide_index, restriction_type="password", password="secret"
    )
    assert list(site_tree.guide.get_view_restrictions()) == [restriction]
    response = client.get(url)
    assert response.status_code == 200
    assert "secret" not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    restriction.delete()
    own = PageViewRestriction.objects.create(page=site_tree.guide, restriction_type="login")
    assert list(site_tree.guide.get_view_restrictions()) == [own]
    assert client.get(url).status_code == 302  # to the sign-in page

    alias = site_tree.guide.create_alias(parent=site_tree.article_index)
    assert list(alias.specific.get_view_restrictions()) == [own]
    assert list(site_tree.article.specific.get_view_restrictions()) == []


def test_a_page_view_reads_site_root_paths_from_the_cache_once(client, site_tree, monkeypatch):
    """Five languages' addresses on every page: one round trip for the site root paths of all of them."""
    from django.core.cache import cache

    with translation.override("en"):
        url = site_tree.guide.url
    assert client.get(url).status_code == 200  # fills the cache keys
    reads, inside_get_many = [], []
    original_get, original_get_many = cache.get, cache.get_many

    def get(key, *args, **kwargs):
        if not inside_get_many:  # the local-memory cache's get_many asks get for each key
            reads.append(key)
        return original_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        reads.append(tuple(keys))
        inside_get_many.append(True)
        try:
            return original_get_many(keys, *args, **kwargs)
        finally:
            inside_get_many.pop()

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    html = client.get(url, {"surface": "android"}).content.decode()
    assert [key for key in reads if "site_root_paths" in str(key)] == [
        tuple(f"wagtail_site_root_paths_{code}" for code in ("de", "en", "es", "fr", "pt"))
    ]
    for code in ("de", "en", "es", "fr", "pt"):
        with translation.override(code):
            assert f'hreflang="{code}" href="{site_tree.guide.get_full_url()}"' in html
