"""The demo translator's edit form in Chromium: the German source is read-only, the translation is saved."""

import pytest

from guides.models import GuidePage

from .admin_browser import largest_demo_guide, load_demo_with_accounts, log_in, save_draft

# PostgreSQL: the live server's threads and the test write at once, which SQLite answers with locks.
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

NEW_STEP_TITLE = "Open “Settings & privacy” in the new menu"


def test_translator_edits_the_english_steps_and_cannot_touch_the_german_ones(
    live_server, browser_page, transactional_db, settings
):
    load_demo_with_accounts(settings)
    guide = largest_demo_guide()
    german_steps = guide.steps_de.get_prep_value()
    page, base = browser_page, live_server.url

    log_in(page, base, "translator")
    page.goto(f"{base}/admin/pages/{guide.pk}/edit/", wait_until="domcontentloaded")
    english_step = page.locator("[data-edit-form] input[name='steps_en-0-value-steps-0-value-title']")
    english_step.wait_for(state="attached")
    assert page.locator("input[name='title_de']").is_disabled()
    assert page.locator("input[name='change_is_significant']").is_disabled()
    assert page.locator("[name^='steps_de-']").count() == 0
    # A person can still put a value into a disabled field through the page's own script; it must not count.
    page.evaluate("""() => {
        const title = document.querySelector("input[name='title_de']");
        title.disabled = false;
        title.value = "Gekapert";
    }""")

    # The form shows one language at a time (wagtail-modeltranslation's switch above the fields).
    page.locator("button.locale-toggle", has_text="en").click()
    english_step.fill(NEW_STEP_TITLE)
    save_draft(page)

    draft = GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object()
    assert draft.steps_en[0].value["steps"][0].value["title"] == NEW_STEP_TITLE
    assert draft.steps_de.get_prep_value() == german_steps
    assert draft.title_de == guide.title_de
    assert GuidePage.objects.get(pk=guide.pk).draft_title == guide.title_de
