"""The whole editorial loop through the real Wagtail admin, driven by Playwright in Chromium, on the demo's
largest guide (the one whose edit form posts the most fields), with the demo's own accounts.

The demo editor changes a step, saves a draft, marks the change significant with a note and submits it; the
editor cannot publish. The demo moderator approves, which publishes. Readers see the new step and the change
note, the other languages are flagged out of date, and the guide's followers get the update notice.
"""

import pytest
from django.core import mail
from django.utils import timezone, translation

from editorial.models import PageFreshness
from guides.models import GuidePage

from .admin_browser import (
    approve,
    autosaved,
    largest_demo_guide,
    load_demo_with_accounts,
    log_in,
    open_editor,
    save_draft,
    submit_for_moderation,
)

# PostgreSQL: the live server's threads and the test write at once, which SQLite answers with locks.
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

NEW_TITLE = "Öffnen Sie „Einstellungen und Privatsphäre“ im neuen Menü"
NOTE = "Meta hat das Menü verschoben: Der zweite Schritt beginnt jetzt im neuen Menü."


@pytest.fixture
def demo_guide(transactional_db, settings):
    load_demo_with_accounts(settings)
    return largest_demo_guide()


@pytest.fixture
def follower(demo_guide):
    try:
        from notices.models import Frequency, Scope, Subscription
    except ImportError:
        return None
    return Subscription.objects.create(
        email="follower@example.org",
        scope=Scope.PAGE,
        page=demo_guide,
        language="de",
        frequency=Frequency.IMMEDIATE,
        confirmed_at=timezone.now(),
    )


def test_edit_save_submit_approve_publish_and_notify(live_server, browser_page, demo_guide, follower, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page, base, guide = browser_page, live_server.url, demo_guide
    step_title_name = "steps_de-0-value-steps-1-value-title"

    # The editor changes the second step on the web and saves a draft: every field of the form arrives.
    log_in(page, base, "editor")
    open_editor(page, base, guide)
    autosaved(page, lambda: page.locator(f"input[name='{step_title_name}']").fill(NEW_TITLE))
    save_draft(page)
    current = GuidePage.objects.get(pk=guide.pk)
    draft = current.get_latest_revision_as_object()
    assert draft.steps_de[0].value["steps"][1].value["title"] == NEW_TITLE
    assert [len(surface.value["steps"]) for surface in draft.steps_pt] == [
        len(surface.value["steps"]) for surface in guide.steps_pt
    ]  # the other languages came through whole
    assert current.has_unpublished_changes

    # The editor marks the change significant and submits it; the editor cannot publish alone.
    autosaved(page, lambda: page.check("input[name='change_is_significant']"))
    autosaved(page, lambda: page.fill("textarea[name='change_note_de']", NOTE))
    assert page.locator("button[name='action-publish']").count() == 0
    submit_for_moderation(page)
    current = GuidePage.objects.get(pk=guide.pk)
    assert current.workflow_in_progress
    assert NEW_TITLE not in str(current.steps_de.raw_data)  # still the old text for readers

    # The moderator approves from the edit view; approval publishes the editor's revision.
    log_in(page, base, "moderator")
    open_editor(page, base, guide)
    approve(page)
    current = GuidePage.objects.get(pk=guide.pk)
    # What is live is the reviewed change. (The moderator's open editor may still autosave a draft of its own
    # afterwards on a busy machine, so whether a newer draft exists is not what this checks.)
    assert NEW_TITLE in str(current.steps_de.raw_data)
    assert not current.workflow_in_progress

    # Readers see the new step and the change note; the other languages are out of date.
    page.context.clear_cookies()
    with translation.override("de"):
        german_url = current.get_url()
    page.goto(f"{base}{german_url}")
    body = page.locator("main").inner_text()
    assert NEW_TITLE in body
    assert NOTE in body
    assert set(PageFreshness.objects.get(page_id=guide.pk).outdated_languages) == {"en", "es", "fr", "pt"}
    with translation.override("en"):
        english_url = current.get_url()
    page.goto(f"{base}{english_url}")
    assert page.locator(".notice--outdated-translation").count() == 1
    assert page.locator(f".notice--outdated-translation a[href='{german_url}']").count() == 1

    # The follower hears about it (the notices app sends after the publication commits).
    if follower is not None:
        to_follower = [m for m in mail.outbox if "follower@example.org" in m.to]
        assert len(to_follower) == 1
        assert NOTE in to_follower[0].body
