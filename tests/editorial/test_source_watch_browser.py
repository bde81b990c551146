"""The demo's changed official page on the dashboard, as an editor meets it in Chromium: the Facebook guide is
flagged with the privacy centre's diff, the panel speaks the editor's admin language, the dashboard passes axe, and
"checked, no change needed" is done with the keyboard alone."""

import pytest
from wagtail.users.models import UserProfile

from editorial.models import WatchedSource, WatchedSourceStatus
from guides.demo import facebook_guide
from guides.demo.loader import page_key_uuid
from guides.models import GuidePage
from tests.html_checks import axe_violations, require_axe

from .admin_browser import load_demo_with_accounts, log_in

# PostgreSQL: the live server's threads and the test write at once, which SQLite answers with locks.
pytestmark = [pytest.mark.browser, pytest.mark.postgres]

# Wagtail's {% panel %} tag gives the dashboard panel this id.
PANEL = "#editorial-changed-sources-section"
REMOVED_LINE = "-Rechte in Bezug auf Datenschutz ausüben"
ADDED_LINE = "+Deine Datenschutzrechte verwalten"


def test_an_editor_sees_the_flagged_facebook_guide_and_marks_it_checked_with_the_keyboard(
    live_server, browser_page, transactional_db, settings, django_user_model
):
    load_demo_with_accounts(settings)
    require_axe()
    guide = GuidePage.objects.get(translation_key=page_key_uuid(facebook_guide.KEY))
    source = WatchedSource.objects.get(guide=guide)
    page, base = browser_page, live_server.url

    log_in(page, base, "editor")  # the demo editor's admin speaks German
    panel = page.locator(PANEL)
    assert "Geänderte offizielle Seiten (1)" in panel.locator("h2").inner_text()
    assert panel.get_by_role("link", name=guide.title).count() == 1
    diff = panel.get_by_label("Textänderungen").inner_text().splitlines()
    assert REMOVED_LINE in diff and ADDED_LINE in diff
    assert panel.get_by_role("button", name="Kontrolliert, keine Änderung nötig").is_visible()
    assert axe_violations(page) == []

    # The same panel in a second admin language.
    editor = django_user_model.objects.get(username="editor")
    UserProfile.objects.filter(user=editor).update(preferred_language="fr")
    page.reload()
    assert "Pages officielles modifiées (1)" in panel.locator("h2").inner_text()
    assert REMOVED_LINE in panel.get_by_label("Modifications du texte").inner_text().splitlines()
    assert panel.get_by_role("link", name="Mettre le guide à jour").count() == 1
    assert axe_violations(page) == []

    # Keyboard only: from "update the guide", Tab reaches "checked", and Space presses it.
    panel.get_by_role("link", name="Mettre le guide à jour").focus()
    page.keyboard.press("Tab")
    checked = panel.get_by_role("button", name="Contrôlé, aucune modification nécessaire")
    assert checked.evaluate("button => button === document.activeElement")
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert "« Facebook-Datenschutzcenter » marquée comme contrôlée." in page.locator(".messages").inner_text()

    page.reload()
    assert "Pages officielles modifiées (0)" in panel.locator("h2").inner_text()
    assert "Aucune page officielle n’a changé depuis le dernier contrôle." in panel.inner_text()
    assert panel.get_by_text(ADDED_LINE).count() == 0
    source.refresh_from_db()
    assert source.status == WatchedSourceStatus.OK
    assert source.acknowledged_by == editor and source.acknowledged_at is not None
