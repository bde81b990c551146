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
