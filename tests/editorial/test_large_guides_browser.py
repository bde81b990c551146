"""A guide of three surfaces × 12 steps in five languages goes through the whole editorial loop in the real admin
(Chromium), with the demo's editor and moderator; and a form above the server's field limit is never sent, so
the editor keeps what they typed.
"""

import pytest

from guides.models import GuideIndexPage, GuidePage, Platform
from tests.factories import build_long_guide

from .admin_browser import (
    approve,
    autosaved,
    load_demo_with_accounts,
    log_in,
    open_editor,
    save_draft,
    submit_for_moderation,
)

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

LAST_GERMAN_STEP = "steps_de-2-value-steps-11-value-title"
MIDDLE_GERMAN_NOTE = "steps_de-1-value-steps-4-value-note"
FORM_FIELD_COUNT = "form => [...new FormData(form).keys()].length"


@pytest.fixture
def long_guide(transactional_db, settings):
    load_demo_with_accounts(settings)
    return build_long_guide(GuideIndexPage.objects.get(), Platform.objects.get(slug="facebook"))


def test_a_guide_of_three_surfaces_by_twelve_steps_is_saved_submitted_and_published(
    live_server, browser_page, long_guide
):
    page, base = browser_page, live_server.url
    log_in(page, base, "editor")
    open_editor(page, base, long_guide)
    # Far more fields than Django's default limit of 1,000: what used to end in "400 Bad Request".
    assert page.locator("[data-edit-form]").evaluate(FORM_FIELD_COUNT) > 4_000
    autosaved(page, lambda: page.locator(f"input[name='{LAST_GERMAN_STEP}']").fill("Letzter Schritt, neu formuliert"))
    autosaved(page, lambda: page.locator(f"textarea[name='{MIDDLE_GERMAN_NOTE}']").fill("Ein neuer Hinweis"))
    save_draft(page)

    draft = GuidePage.objects.get(pk=long_guide.pk).get_latest_revision_as_object()
    assert draft.steps_de[2].value["steps"][11].value["title"] == "Letzter Schritt, neu formuliert"
    assert draft.steps_de[1].value["steps"][4].value["note"] == "Ein neuer Hinweis"
    assert draft.steps_en[0].value["steps"][0].value["title"] == long_guide.steps_en[0].value["steps"][0].value["title"]
    assert [
        len(surface.value["steps"])
        for code in ("de", "en", "es", "fr", "pt")
        for surface in getattr(draft, f"steps_{code}")
    ] == [12] * 15

    submit_for_moderation(page)
    assert GuidePage.objects.get(pk=long_guide.pk).workflow_in_progress

    log_in(page, base, "moderator")
    open_editor(page, base, long_guide)
    approve(page)
    published = GuidePage.objects.get(pk=long_guide.pk)
    # The reviewed change is live and the review is over. (The moderator's open editor may still autosave a
    # draft of its own afterwards on a busy machine, so whether a newer draft exists is not what this checks.)
    assert not published.workflow_in_progress
    assert published.steps_de[2].value["steps"][11].value["title"] == "Letzter Schritt, neu formuliert"


def test_a_form_above_the_field_limit_is_not_sent_and_the_typing_stays(live_server, browser_page, long_guide, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 1_000  # Django's default: this guide's form is four times as large
    page, base = browser_page, live_server.url
    revisions = long_guide.revisions.count()
    log_in(page, base, "editor")
    open_editor(page, base, long_guide)
    title = page.locator(f"input[name='{LAST_GERMAN_STEP}']")
    title.fill("Text, der nicht verloren gehen darf")
    page.locator("footer button.action-save").click()

    alert = page.locator("[data-form-size-alert]")
    alert.wait_for()
    assert alert.inner_text().startswith("Nicht gespeichert: Diese Seite ist zu groß")
    assert "1.000 Felder" in alert.inner_text()
    assert page.url.endswith(f"/admin/pages/{long_guide.pk}/edit/")  # still the editor, not an error page
    assert title.input_value() == "Text, der nicht verloren gehen darf"
    page.wait_for_function("!document.querySelector('footer button.action-save').disabled")  # can try again
    assert long_guide.revisions.count() == revisions  # neither the click nor the autosave stored anything
