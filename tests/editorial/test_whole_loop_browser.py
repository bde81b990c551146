"""The whole editorial loop through the real Wagtail admin, driven by Playwright in Chromium.

An editor changes a step of the Facebook guide, marks the change significant with a note and submits it; the
editor cannot publish. A moderator approves, which publishes. Readers see the new step and the change note, the
other languages are flagged out of date, and the guide's followers get the update notice.
"""

import re

import pytest
from django.core import mail
from django.utils import timezone, translation

from editorial.models import PageFreshness
from guides.models import GuidePage

from .conftest import make_user

# PostgreSQL: the live server's threads and the test write at once, which SQLite answers with locks.
pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

NEW_TITLE = "Open “Settings & privacy” in the new menu"
NOTE = "Meta moved the privacy menu: the second step now starts from the new menu."


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def log_out(page):
    page.context.clear_cookies()


@pytest.fixture
def loop(transactional_db, site_tree, django_user_model):
    editor = make_user(django_user_model, "erika", "Editors", "de")
    moderator = make_user(django_user_model, "mona", "Moderators", "en")
    follower = None
    try:
        from notices.models import Frequency, Scope, Subscription

        follower = Subscription.objects.create(
            email="follower@example.org", scope=Scope.PAGE, page=site_tree.guide, language="de",
            frequency=Frequency.IMMEDIATE, confirmed_at=timezone.now(),
        )
    except ImportError:
        pass
    return editor, moderator, follower


def test_edit_submit_approve_publish_and_notify(live_server, browser_page, site_tree, loop, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    editor, moderator, follower = loop
    page, base, guide = browser_page, live_server.url, site_tree.guide
    step_title_name = "steps_de-0-value-steps-1-value-title"

    # The editor changes the second step on the web, marks the change significant and submits it.
    log_in(page, base, "erika")
    page.goto(f"{base}/admin/pages/{guide.pk}/edit/")
    title_input = page.locator(f"input[name='{step_title_name}']")
    title_input.fill(NEW_TITLE)
    page.check("input[name='change_is_significant']")
    page.fill("textarea[name='change_note_de']", NOTE)
    assert page.locator("button[name='action-publish']").count() == 0  # the editor cannot publish alone
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_load_state("networkidle")
    current = GuidePage.objects.get(pk=guide.pk)
    assert current.has_unpublished_changes
    assert current.workflow_in_progress
    assert NEW_TITLE not in str(current.steps_de.raw_data)  # still the old text for readers

    # The moderator approves from the edit view; approval publishes.
    log_out(page)
    log_in(page, base, "mona")
    page.goto(f"{base}/admin/pages/{guide.pk}/edit/")
    page.locator("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[data-workflow-action-name='approve']").first.click()
    page.wait_for_load_state("networkidle")
    current = GuidePage.objects.get(pk=guide.pk)
    assert not current.has_unpublished_changes
    assert current.live_revision.user == editor

    # Readers see the new step and the change note; the other languages are out of date.
    log_out(page)
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
