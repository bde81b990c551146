"""What only a browser shows: the printed guide, and a phone opening the guide on its own app's steps."""

import re

import pytest

# The live server reads the database from another thread, so the data must be committed; serialized_rollback
# restores what migrations created (root page, collection, locale) after the flush that follows each test.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GUIDE_PATH = "/en/guides/object-on-instagram-en/"
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
    "Mobile Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)
SURFACES = ("web", "android", "ios")


@pytest.fixture
def rich_site(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from tests.factories import build_rich_site_tree

    return build_rich_site_tree()


def visible_panels(page):
    return [surface for surface in SURFACES if page.locator(f"#surface-{surface}").is_visible()]


def after_content(page, selector):
    return page.evaluate("selector => getComputedStyle(document.querySelector(selector), '::after').content", selector)


# --- Print ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("javascript", [True, False])
def test_printed_guide_has_every_surface_and_link_targets_but_no_forms(rich_site, live_server, chromium, javascript):
    context = chromium.new_context(java_script_enabled=javascript, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{GUIDE_PATH}")
        assert visible_panels(page) == ["web"]  # on screen: one surface at a time
        external = 'a[href="https://www.instagram.com/accounts/privacy/"]'
        assert after_content(page, external) == "none"

        page.emulate_media(media="print")
        assert visible_panels(page) == list(SURFACES)
        for label in ("Web browser", "Android app", "iOS app"):
            assert page.get_by_role("heading", level=3, name=label).is_visible()
        assert page.locator(".step").first.is_visible()
        # Nothing to click or fill in on paper: no forms, report links, menus or language switcher.
        for selector in (
            "form",
            ".step-report",
            ".tabs__list",
            ".language-switcher",
            ".site-header",
            ".calendar-link",
            ".page-updates__more",
        ):
            elements = page.locator(selector)
            assert elements.count() > 0, selector
            assert all(not elements.nth(n).is_visible() for n in range(elements.count())), selector
        # Links say where they lead.
        assert "https://www.instagram.com/accounts/privacy/" in after_content(page, external)
        deadline_link = page.locator(".deadline-summary__title a").first
        href = deadline_link.get_attribute("href")
        assert href in after_content(page, ".deadline-summary__title a")
    finally:
        context.close()


# --- Phones ---------------------------------------------------------------------------------------------------


def phone_context(chromium, user_agent):
    return chromium.new_context(
        user_agent=user_agent, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="en-GB"
    )


@pytest.mark.parametrize(("user_agent", "surface"), [(ANDROID, "android"), (IPHONE, "ios")])
def test_a_phone_opens_the_guide_on_its_own_surface_and_tells_nobody(
    rich_site, live_server, chromium, user_agent, surface
):
    context = phone_context(chromium, user_agent)
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append((request.method, request.url)))
        page.goto(f"{live_server.url}{GUIDE_PATH}")
        assert visible_panels(page) == [surface]
        assert page.get_by_role("tab", selected=True).get_attribute("data-tab-target") == f"surface-{surface}"
        # Nothing stored, nothing sent: the address, the other links, storage and cookies are as they came.
        assert "surface" not in page.url
        switcher = page.locator(".language-switcher a")
        assert all("surface" not in (switcher.nth(n).get_attribute("href") or "") for n in range(switcher.count()))
        assert page.evaluate("window.localStorage.length + window.sessionStorage.length") == 0
        assert page.evaluate("document.cookie") == ""
        assert all(method == "GET" and "surface" not in url for method, url in requests)
        assert all(url.startswith(live_server.url) for _method, url in requests)

        # A surface the reader chose in the address wins.
        page.goto(f"{live_server.url}{GUIDE_PATH}?surface=web")
        assert visible_panels(page) == ["web"]
    finally:
        context.close()


def test_a_desktop_opens_the_guide_on_its_first_surface(rich_site, live_server, browser_page):
    browser_page.goto(f"{live_server.url}{GUIDE_PATH}")
    assert visible_panels(browser_page) == ["web"]


# --- The language switcher keeps the tab --------------------------------------------------------------------------


def test_the_language_switcher_keeps_the_tab_chosen_in_place(rich_site, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}{GUIDE_PATH}")
    page.get_by_role("tab", name="iOS app").click()
    german = page.locator(".language-switcher a[hreflang='de']")
    assert german.get_attribute("href").endswith("?surface=ios")
    german.click()
    page.wait_for_url(re.compile(r"/de/.*\?surface=ios$"))
    assert visible_panels(page) == ["ios"]
    assert page.get_by_role("tab", selected=True).get_attribute("data-tab-target") == "surface-ios"
