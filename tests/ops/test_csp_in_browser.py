"""The Content Security Policy, enforced by a real browser: reader pages and the admin load without violations."""

import pytest

from guides.i18n import page_urls_by_language

# Transactional (live_server is another thread) with the initial rows restored (root page, content types).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def fresh_content_types(transactional_db):
    """The database was just restored, maybe with other content type ids than Django's in-memory cache holds
    from an earlier transactional test; forget them before building pages."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


def violations_while_loading(page, url):
    """Messages the browser logs when the policy blocks something (inline code, another host, an eval)."""
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(url, wait_until="networkidle")
    return [text for text in messages if "Content Security Policy" in text]


def test_reader_pages_run_their_script_and_styles_under_the_strict_policy(
    fresh_content_types, site_tree, live_server, browser_page
):
    for page in (site_tree.home, site_tree.guide, site_tree.article, site_tree.deadline):
        url = live_server.url + page_urls_by_language(page)["en"]
        assert violations_while_loading(browser_page, url) == [], url
    # A stylesheet the policy blocked would be missing from document.styleSheets.
    assert browser_page.evaluate("document.styleSheets.length") >= 1


def test_the_admin_login_works_under_its_own_policy(live_server, browser_page):
    assert violations_while_loading(browser_page, live_server.url + "/admin/login/") == []
    assert browser_page.locator("input[name=username]").count() == 1
