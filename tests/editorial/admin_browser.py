"""Steps of the editorial loop as a person takes them in the real Wagtail admin (Playwright, Chromium).

Shared by the browser tests of this folder; every step waits for the page the admin answers with, so a test
reads the database only after the admin has stored what the person did.
"""

import re
from io import StringIO

from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from guides.demo.accounts import ACCOUNTS
from guides.models import GuidePage
from tests.factories import ensure_wagtail_roots

DEMO_PASSWORDS = {account.username: account.password for account in ACCOUNTS}
FOOTER_MENU = "footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']"


def load_demo_with_accounts(settings):
    """The content and the demo accounts, as `make run` loads them (demo accounts sign in only in demo mode)."""
    settings.DEMO_MODE = True
    ensure_wagtail_roots()
    call_command("load_demo", stdout=StringIO())


def largest_demo_guide():
    """The demo guide with the most steps over all its languages: its edit form posts the most fields."""

    def step_count(guide):
        return sum(
            len(surface.value["steps"])
            for code in ("de", "en", "es", "fr", "pt")
            for surface in getattr(guide, f"steps_{code}")
        )

    return max(GuidePage.objects.all(), key=step_count)


# A guide's editor draws hundreds of fields and rich-text editors in the browser; on a busy machine that takes
# longer than Playwright's default of 30 s.
BROWSER_TIMEOUT_MS = 180_000
# How long to wait for the editor's autosave after a change.
AUTOSAVE_WAIT_MS = 45_000


def log_in(page, base, username, password=None):
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password or DEMO_PASSWORDS[username])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def open_editor(page, base, guide):
    page.goto(f"{base}/admin/pages/{guide.pk}/edit/", wait_until="domcontentloaded")
    # The stream fields are drawn by the admin's JavaScript; the first step's title shows they are there.
    page.wait_for_selector("[data-edit-form] input[name='steps_de-0-value-steps-0-value-title']", state="attached")


def autosaved(page, change):
    """Make one change and wait until the editor's autosave has stored it, as a person who pauses after typing.

    A save clicked while an autosave is still on its way reaches Wagtail as two saves at once, and Wagtail then
    asks whether to overwrite a version "saved in another window".
    """

    def is_autosave(response):
        request = response.request
        return (
            request.method == "POST"
            and request.headers.get("accept") == "application/json"
            and (response.url.endswith("/edit/"))
        )

    try:
        with page.expect_response(is_autosave, timeout=AUTOSAVE_WAIT_MS):
            change()
    except PlaywrightTimeoutError:
        # No autosave went out (the editor had nothing new to store yet): nothing can race the next save either.
        page.wait_for_load_state("networkidle")


def click_and_wait(page, locator):
    """Click a button that sends the edit form, and wait until the admin has answered that POST and its page loaded.

    Waiting for a navigation alone is not enough: Playwright counts a change of the address inside the page (the
    admin's scripts call history.replaceState) as one too, and a test that took it for the answer would read the
    database before the save.
    """

    def is_form_answer(response):
        return response.request.method == "POST" and response.request.is_navigation_request()

    with page.expect_response(is_form_answer), page.expect_navigation(wait_until="load"):
        locator.click()


def save_draft(page):
    click_and_wait(page, page.locator("footer button.action-save"))


def submit_for_moderation(page):
    page.locator(FOOTER_MENU).first.click()
    click_and_wait(page, page.locator("button[name='action-submit']"))


def approve(page):
    page.locator(FOOTER_MENU).first.click()
    click_and_wait(page, page.locator("button[data-workflow-action-name='approve']").first)
