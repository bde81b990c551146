"""The page tree allows each page type only where it belongs, and the singletons only once."""

import pytest
from wagtail.models import Page

from guides.models import INDEX_PAGE_MODELS, PAGE_MODELS, ArticlePage, DeadlinePage, GuidePage, HomePage

pytestmark = pytest.mark.django_db

# (page type, the parent attribute of the tree where it may be created)
ALLOWED = {
    ArticlePage: "article_index",
    GuidePage: "guide_index",
    DeadlinePage: "deadline_index",
}
PARENTS = ("home", "article_index", "guide_index", "deadline_index", "article", "guide", "deadline")


@pytest.mark.parametrize("page_type", list(ALLOWED))
def test_content_pages_only_under_their_index(site_tree, page_type):
    for parent_name in PARENTS:
        parent = getattr(site_tree, parent_name)
        expected = parent_name == ALLOWED[page_type]
        assert page_type.can_create_at(parent) is expected, (page_type.__name__, parent_name)


@pytest.mark.parametrize("index_type", INDEX_PAGE_MODELS)
def test_indexes_live_under_the_home_page_once(site_tree, index_type):
    # One of each exists already, so none may be added, not even under the home page.
    assert index_type.can_exist_under(site_tree.home)
    assert not index_type.can_create_at(site_tree.home)
    assert not index_type.can_exist_under(site_tree.guide_index)
    assert index_type.max_count == 1


def test_home_page_only_at_the_top_and_only_once(site_tree):
    root = Page.get_first_root_node()
    assert HomePage.can_exist_under(root)
    assert not HomePage.can_create_at(root)  # the one home page exists
    assert not HomePage.can_exist_under(site_tree.home)


def test_content_pages_have_no_children(site_tree):
    for page in (site_tree.article, site_tree.guide, site_tree.deadline):
        assert page.specific_class.subpage_types == []
        assert not any(model.can_create_at(page) for model in PAGE_MODELS)


def test_a_slug_a_sibling_uses_in_any_language_is_refused_without_loading_every_sibling(site_tree):
    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import build_article

    article = site_tree.article
    # German is the fallback: a sibling without a Spanish slug is found under its German one in Spanish too.
    sibling = build_article(site_tree.article_index, "Other", "other", body=[], languages=["de"])
    article.slug_fr = sibling.slug_de
    article.slug_pt = "why-object-pt"
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert set(refused.value.message_dict) == {"slug_fr"}
    article.slug_fr = "why-object-fr"
    article.slug_es = ""  # falls back to the German slug, which is its own
    article.full_clean()

    for number in range(6):
        build_article(site_tree.article_index, f"More {number}", f"more-{number}", body=[])
    with CaptureQueriesContext(connection) as captured:
        article.full_clean()
    sibling_reads = [
        query
        for query in captured.captured_queries
        if "wagtailcore_page" in query["sql"] and "slug_de" in query["sql"].split("FROM")[0]
    ]
    assert len(sibling_reads) == 1
    assert '"wagtailcore_page"."title_de"' not in sibling_reads[0]["sql"]  # slugs only, not whole pages
