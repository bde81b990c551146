"""Every reader page's headings form an outline: one h1 first, and no level skipped on the way down."""

from html.parser import HTMLParser

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


class HeadingParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.levels = []

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))


def heading_levels(html):
    parser = HeadingParser()
    parser.feed(html)
    return parser.levels


def skipped_levels(levels):
    return [(before, after) for before, after in zip(levels, levels[1:], strict=False) if after > before + 1]


@pytest.mark.parametrize(
    "name", ["home", "article_index", "guide_index", "deadline_index", "article", "guide", "deadline"]
)
@pytest.mark.parametrize("language", ["de", "en"])
def test_headings_descend_one_level_at_a_time(client, site_tree, name, language):
    with translation.override(language):
        url = getattr(site_tree, name).specific.url
    levels = heading_levels(client.get(url).content.decode())
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert skipped_levels(levels) == [], f"{url}: {levels}"


def test_article_cards_under_the_home_page_heading_are_one_level_below_it(client, site_tree):
    with translation.override("en"):
        levels = heading_levels(client.get(site_tree.home.url).content.decode())
        index_levels = heading_levels(client.get(site_tree.article_index.url).content.decode())
    assert 3 in levels  # the cards' titles under "Latest articles"
    assert index_levels[:2] == [1, 2]  # on the index the cards' titles come right under the page title
