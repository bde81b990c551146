"""The step changes page in a real browser: without JavaScript, on a 320 px wide screen, nothing scrolls sideways
and every change is there."""

import pytest
from django.urls import reverse
from django.utils import translation

from notices.models import UpdateNotice
from tests.conftest import PROJECT_DIR

from .conftest import publish_step_changes

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NARROW_WIDTH = 320


def test_the_page_fits_a_narrow_screen_without_javascript(client, site_tree, chromium):
    publish_step_changes(site_tree.guide, languages=("de",))
    notice = UpdateNotice.objects.get()
    stylesheet = PROJECT_DIR / "site" / "static" / "css" / "site.css"
    context = chromium.new_context(java_script_enabled=False, viewport={"width": NARROW_WIDTH, "height": 640})
    context.route(
        "**/*", lambda route: route.abort() if not route.request.url.startswith("data:") else route.continue_()
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for language in ("de", "pt"):
            with translation.override(language):
                html = client.get(reverse("notices:step_changes", args=[notice.pk])).content.decode()
            # The stylesheet goes in with the page: with JavaScript off, Playwright cannot add it afterwards.
            page.set_content(
                html.replace("</head>", f"<style>{stylesheet.read_text()}</style></head>"),
                wait_until="domcontentloaded",
            )
            assert page.locator("table.step-change__sides").count() == 4, language
            assert page.get_by_text("Open your account (de)").first.is_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= NARROW_WIDTH, f"{language}: {width} px wide"
    finally:
        context.close()
