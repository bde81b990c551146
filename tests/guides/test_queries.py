"""A guide page costs a fixed, small number of SQL queries, however many steps and screenshots it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from guides.models import GuidePage
from tests.factories import make_image, publish, same_in_all, step_block, surface_block

pytestmark = pytest.mark.django_db

# The benchmark target for a guide page that is not served from the page cache (bench/ measures the speed).
MAX_QUERIES = 11
SURFACES = ("web", "android", "ios")


def guide_with_steps(tree, steps_per_surface, slug):
    """A guide whose every step has its own screenshot, a menu path and a tip."""
    images = [make_image(f"{slug} {n}") for n in range(steps_per_surface)]
    steps = [
        surface_block(surface, [
            step_block(f"Step {n}", ui_path=["Settings & privacy", "Privacy Center"], screenshot=images[n],
                       screenshot_alt=f"Screen {n}", note_kind="tip", note="A tip")
            for n in range(steps_per_surface)
        ])
        for surface in SURFACES
    ]
    return publish(tree.guide_index, GuidePage(
        platform=tree.platform, deadline=tree.deadline,
        **same_in_all("title", lambda code: f"{slug} ({code})"),
        **same_in_all("slug", lambda code: f"{slug}-{code}"),
        **same_in_all("goal", lambda code: "Goal"),
        **same_in_all("intro", lambda code: "<p>Intro</p>"),
        **same_in_all("steps", lambda code: steps),
    ))


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
