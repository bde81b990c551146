"""A reader in a real browser: switches language, opens a guide, and switches surface tabs with and without
JavaScript."""

import re

import pytest

# The live server reads the database from another thread, so the data must be committed; serialized_rollback
# restores what migrations created (root page, collection, locale) after the flush that follows each test.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def rich_site(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from tests.factories import build_rich_site_tree

    return build_rich_site_tree()


def open_instagram_guide_in_english(page, live_server):
    page.goto(f"{live_server.url}/de/")
    assert page.locator("html").get_attribute("lang") == "de"
    page.locator(".language-switcher a[hreflang='en']").click()
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Object on Instagram (en)").first.click()
    page.wait_for_url(re.compile(r"/en/guides/object-on-instagram-en/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Object on Instagram (en)"


def test_tabs_with_javascript(rich_site, live_server, browser_page):
    page = browser_page
    open_instagram_guide_in_english(page, live_server)
    tabs = page.get_by_role("tab")
    assert tabs.count() == 3
    assert page.get_by_role("tab", selected=True).inner_text() == "Web browser"
    web, android = page.locator("#surface-web"), page.locator("#surface-android")
    assert web.is_visible() and not android.is_visible()

    page.get_by_role("tab", name="Android app").click()
    assert android.is_visible() and not web.is_visible()
    assert page.get_by_role("tab", selected=True).inner_text() == "Android app"
    assert "surface=android" in page.url  # the address still leads back to this tab
    assert android.get_by_role("heading", name="Step 1 on android").is_visible()

    # Keyboard: arrows move between tabs and show their panels (ARIA tabs pattern).
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("tab", selected=True).inner_text() == "iOS app"
    assert page.locator("#surface-ios").is_visible()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "tab"
    page.keyboard.press("Home")
    assert page.get_by_role("tab", selected=True).inner_text() == "Web browser"


def test_tabs_without_javascript(rich_site, live_server, browser_page_no_js):
    page = browser_page_no_js
    open_instagram_guide_in_english(page, live_server)
    assert page.get_by_role("tab").count() == 0  # plain links until a script makes them tabs
    assert page.locator("#surface-web").is_visible()
    assert not page.locator("#surface-android").is_visible()

    page.get_by_role("link", name="Android app").click()
    page.wait_for_url(re.compile(r"\?surface=android#steps$"))
    assert page.locator("#surface-android").is_visible()
    assert not page.locator("#surface-web").is_visible()
    assert page.locator(".tabs__tab[aria-current='true']").inner_text() == "Android app"


def test_countdown_is_kept_current_by_the_script(rich_site, live_server, browser_page):
    page = browser_page
    page.clock.install()  # the script's timer runs on a clock the test can move
    page.goto(f"{live_server.url}/en/")
    countdown = page.locator("[data-countdown-text]").first
    assert countdown.inner_text() == "9 days left"
    # Pretend the page has stayed open until after the deadline: the script rewrites the text on its own.
    page.evaluate("""() => {
        const element = document.querySelector('[data-countdown-due]');
        element.setAttribute('data-countdown-due', new Date(Date.now() - 1000).toISOString());
    }""")
    page.clock.run_for(61_000)
    assert countdown.inner_text() == "This deadline has passed."
