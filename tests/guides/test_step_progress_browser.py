"""A reader ticks the steps they did, in a real browser: the ticks stay in this browser only, survive a reload and
a change of language, and a significant update that changes a ticked step undoes that tick and says so."""

import json

import pytest
from django.utils import translation

from guides.models import GuidePage
from tests.html_checks import axe_violations, nu_checker_errors, require_axe, require_nu_checker

from .test_step_progress import edit, set_step_title

# The live server reads the database from another thread, so the data must be committed; serialized_rollback
# restores what migrations created (root page, collection, locale) after the flush that follows each test.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STORAGE_KEY = "guides:step-progress"


@pytest.fixture
def guide(db, settings, tmp_path):
    """The guide with three surfaces, screenshots, tips and warnings, in every language."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from tests.factories import build_rich_site_tree

    build_rich_site_tree()
    return GuidePage.objects.get(title_de="Object on Instagram (de)")


def url_of(guide, live_server, language="de"):
    with translation.override(language):
        return live_server.url + GuidePage.objects.get(pk=guide.pk).url


def stored(page):
    return json.loads(page.evaluate(f"window.localStorage.getItem('{STORAGE_KEY}') || '{{}}'"))


def test_ticks_stay_in_this_browser_count_and_clear(guide, live_server, browser_page):
    page = browser_page
    page.goto(url_of(guide, live_server))
    web = page.locator("#surface-web")
    boxes = web.get_by_role("checkbox")
    count = web.get_by_role("status").filter(has_text="Schritt")
    assert boxes.count() == 3
    assert count.inner_text() == "0 von 3 Schritten erledigt"
    assert count.get_attribute("aria-live") == "polite"
    # Each box is named by its label: the visible word and the step's title.
    assert web.get_by_role("checkbox", name="Erledigt – Step 1 on web").count() == 1

    requests = []
    page.on("request", lambda request: requests.append(request.url))
    cookies_before = page.context.cookies()

    web.get_by_text("Erledigt", exact=True).first.click()  # the label's visible text ticks its box
    assert boxes.nth(0).is_checked()
    assert count.inner_text() == "1 von 3 Schritten erledigt"

    # Keyboard: Tab leads from the first box over the step's report link to the second; Space ticks it.
    boxes.nth(0).focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "step-done-web-2"
    page.keyboard.press("Space")
    assert boxes.nth(1).is_checked()
    assert count.inner_text() == "2 von 3 Schritten erledigt"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # visible focus

    assert requests == []  # a tick goes nowhere but localStorage
    assert page.context.cookies() == cookies_before
    ticks = stored(page)[str(guide.pk)]
    assert list(ticks) == ["web"] and len(ticks["web"]) == 2

    page.reload()
    assert [boxes.nth(n).is_checked() for n in range(3)] == [True, True, False]
    assert count.inner_text() == "2 von 3 Schritten erledigt"
    # Each surface keeps its own ticks.
    page.get_by_role("tab", name="Android-App").click()
    android = page.locator("#surface-android")
    assert android.get_by_role("status").inner_text() == "0 von 3 Schritten erledigt"
    android.get_by_role("checkbox").nth(2).check()
    assert android.get_by_role("status").inner_text() == "1 von 3 Schritten erledigt"

    page.get_by_role("tab", name="Webbrowser").click()
    web.get_by_role("button", name="Meine Häkchen löschen").click()
    assert [boxes.nth(n).is_checked() for n in range(3)] == [False, False, False]
    assert count.inner_text() == "0 von 3 Schritten erledigt"
    page.reload()
    assert [boxes.nth(n).is_checked() for n in range(3)] == [False, False, False]
    assert list(stored(page)[str(guide.pk)]) == ["android"]  # clearing one surface leaves the others


def test_a_significant_update_unticks_the_changed_step_only(guide, live_server, browser_page):
    page = browser_page
    page.goto(url_of(guide, live_server))
    web = page.locator("#surface-web")
    boxes = web.get_by_role("checkbox")
    boxes.nth(0).check()
    boxes.nth(1).check()

    edit(guide, True, set_step_title("de", 0, 1, "Open Account instead of Settings"))  # significant
    page.reload()

    assert boxes.nth(0).is_checked()
    assert not boxes.nth(1).is_checked()
    changed = web.locator(".step").nth(1).get_by_text("Geändert, seit Sie diesen Schritt erledigt haben")
    assert changed.is_visible()
    assert web.locator(".step-done__changed").count() == 1
    # Screen readers hear it with the box: it describes the checkbox.
    description_id = boxes.nth(1).get_attribute("aria-describedby")
    assert page.locator(f"#{description_id}").inner_text() == "Geändert, seit Sie diesen Schritt erledigt haben"
    assert web.get_by_role("status").inner_text() == "1 von 3 Schritten erledigt"

    edit(guide, False, set_step_title("de", 0, 0, "Step 1 on web, typo fixed"))  # minor: keeps the tick
    page.reload()
    assert web.get_by_role("heading", name="Step 1 on web, typo fixed").is_visible()
    assert boxes.nth(0).is_checked()
    page.reload()  # the mark stays until the reader did the step again
    assert changed.is_visible() and not boxes.nth(1).is_checked()
    boxes.nth(1).check()
    assert web.locator(".step-done__changed").count() == 0
    assert boxes.nth(1).get_attribute("aria-describedby") is None
    page.reload()
    assert boxes.nth(1).is_checked() and web.locator(".step-done__changed").count() == 0
    assert web.get_by_role("status").inner_text() == "2 von 3 Schritten erledigt"


def test_ticks_follow_the_reader_into_another_language(guide, live_server, browser_page):
    page = browser_page
    page.goto(url_of(guide, live_server))
    page.locator("#surface-web").get_by_role("checkbox").nth(0).check()

    page.goto(url_of(guide, live_server, "fr"))
    web = page.locator("#surface-web")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert web.get_by_role("checkbox", name="Fait – Step 1 on web").is_checked()
    assert web.get_by_role("status").inner_text() == "Étapes faites : 1 sur 3"
    assert web.get_by_role("button", name="Effacer mes coches").is_visible()
    assert "ne nous sont pas envoyées" in web.locator(".step-progress__privacy").inner_text()


def test_the_page_with_ticks_passes_axe_and_the_nu_checker(guide, live_server, chromium, tmp_path):
    require_nu_checker()
    require_axe()
    context = chromium.new_context(bypass_csp=True, locale="de-DE")  # axe is injected as a script
    try:
        page = context.new_page()
        url = url_of(guide, live_server)
        page.goto(url)
        boxes = page.locator("#surface-web").get_by_role("checkbox")
        boxes.nth(0).check()
        # A tick from before a significant update: the step shows as changed.
        page.evaluate(
            """([key, pageId]) => {
            const all = JSON.parse(localStorage.getItem(key));
            const step = document.querySelectorAll('#surface-web [data-step-key]')[1];
            all[pageId].web[step.getAttribute('data-step-key')] = 'an-old-token';
            localStorage.setItem(key, JSON.stringify(all));
        }""",
            [STORAGE_KEY, str(guide.pk)],
        )
        page.reload()
        assert page.locator(".step-done__changed").count() == 1

        assert axe_violations(page) == []

        # The page as served, and the page as the script left it (without the axe script added for the test).
        served = context.request.get(url).text()
        enhanced = page.evaluate("""() => {
            const added = 'script:not([src]):not([type="application/ld+json"])';
            document.querySelectorAll(added).forEach(script => script.remove());
            return '<!DOCTYPE html>' + document.documentElement.outerHTML;
        }""")
        assert nu_checker_errors([(url, served), (url + "#enhanced", enhanced)], tmp_path) == []
    finally:
        context.close()


def test_without_javascript_the_steps_are_a_plain_numbered_list(guide, live_server, browser_page_no_js):
    page = browser_page_no_js
    page.goto(url_of(guide, live_server))
    web = page.locator("#surface-web")
    assert web.locator("ol.step-list > li.step").count() == 3
    assert web.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Step 2 on web")).count() == 1
    assert page.get_by_role("checkbox").count() == 0
    assert page.locator(".step-progress, .step-done").count() == 0
    assert page.get_by_role("button", name="Meine Häkchen löschen").count() == 0


def test_a_browser_that_keeps_no_storage_gets_the_plain_list(guide, live_server, browser_page):
    page = browser_page
    # As in some private modes: storage refuses every write.
    page.add_init_script("Storage.prototype.setItem = () => { throw new DOMException('no', 'QuotaExceededError'); };")
    page.goto(url_of(guide, live_server))
    assert page.locator("#surface-web ol.step-list > li.step").count() == 3
    assert page.get_by_role("checkbox").count() == 0
    assert page.get_by_role("tab").count() == 3  # the rest of the script still works
