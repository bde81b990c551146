"""A reader votes and reports a step in a real browser, with and without JavaScript."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext
from playwright.sync_api import expect

from ratings.models import StepReport, Vote

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def guide_url(live_server, guide):
    with translation.override("de"):
        return live_server.url + guide.specific.get_url()


def first_step_id(guide):
    return guide.specific.steps[0].value["steps"][0].id


def vote(page, guide, stars):
    page.click(f"label[for='rating-{guide.pk}-{stars}']")
    page.click(".rating__submit")


def star_colours(page, guide):
    return [
        page.eval_on_selector(f"label[for='rating-{guide.pk}-{n}']", "label => getComputedStyle(label).color")
        for n in range(1, 6)
    ]


def lit(page, guide, chosen):
    """True when exactly the first ``chosen`` stars show as chosen (lit) and the others do not."""
    colours = star_colours(page, guide)
    return [LIT if n <= chosen else UNLIT for n in range(1, 6)] == colours


LIT, UNLIT = "rgb(29, 78, 137)", "rgb(118, 118, 118)"  # --accent and the unchosen grey of site.css


def test_vote_without_javascript_lands_back_on_the_page_with_thanks(
    live_server, browser_page_no_js, committed_site_tree
):
    guide, page = committed_site_tree.guide, browser_page_no_js
    page.goto(guide_url(live_server, guide))
    assert lit(page, guide, 0)
    vote(page, guide, 4)
    page.wait_for_url("**?rated=4#rating")
    assert "4" in page.inner_text(".rating__message")
    assert page.is_checked(f"#rating-{guide.pk}-4") and lit(page, guide, 4)
    page.click(f"label[for='rating-{guide.pk}-2']")
    assert lit(page, guide, 2)
    page.click(".rating__submit")
    page.wait_for_url("**?rated=2#rating")
    assert lit(page, guide, 2)
    assert list(Vote.objects.values_list("stars", flat=True)) == [2]


def test_stars_show_the_choice_and_preview_on_hover_and_focus(live_server, browser_page, committed_site_tree):
    guide, page = committed_site_tree.guide, browser_page
    page.goto(guide_url(live_server, guide))
    page.click(f"label[for='rating-{guide.pk}-2']")
    page.mouse.move(0, 0)
    assert lit(page, guide, 2)
    page.hover(f"label[for='rating-{guide.pk}-4']")
    assert lit(page, guide, 4)  # a preview of the choice under the pointer
    page.mouse.move(0, 0)
    assert lit(page, guide, 2)
    page.keyboard.press("ArrowRight")  # the focused radio group moves the choice, and the focus ring with it
    assert page.is_checked(f"#rating-{guide.pk}-3") and lit(page, guide, 3)
    ring = page.eval_on_selector(f"label[for='rating-{guide.pk}-3']", "label => getComputedStyle(label).outlineStyle")
    assert ring == "solid"


def test_vote_with_javascript_updates_the_widget_in_place(live_server, browser_page, committed_site_tree):
    guide, page = committed_site_tree.guide, browser_page
    url = guide_url(live_server, guide)
    page.goto(url)
    expect(page.locator("[data-tally='all'] [data-tally-totals]")).to_have_text("Noch keine Stimmen.")
    vote(page, guide, 5)
    # The thanks and a tally that counts the vote, both at once and in the page's language.
    expect(page.locator("[data-rating-status]")).to_have_text("Danke! Sie haben 5 von 5 Sternen vergeben.")
    expect(page.locator("[data-tally='all'] [data-tally-totals]")).to_have_text("Gesamt: 1 Stimme · Durchschnitt: 5,0")
    assert "rated=" not in page.url  # no redirect: the script answered in place
    vote(page, guide, 3)
    expect(page.locator("[data-rating-status]")).to_contain_text("3 von 5")
    # The vote is changed, not added: eager tasks in tests published the first one in the meantime.
    expect(page.locator("[data-tally='all'] [data-tally-totals]")).to_have_text("Gesamt: 1 Stimme · Durchschnitt: 3,0")
    expect(page.locator("[data-tally='all'] [data-bar='5'] [data-bar-count]")).to_have_text("0")
    expect(page.locator("[data-tally='all'] [data-bar='3'] [data-bar-count]")).to_have_text("1")
    assert lit(page, guide, 3)
    assert list(Vote.objects.values_list("stars", flat=True)) == [3]


def test_a_returning_reader_sees_their_own_vote(live_server, browser_page, committed_site_tree):
    guide, page = committed_site_tree.guide, browser_page
    url = guide_url(live_server, guide)
    page.goto(url)
    vote(page, guide, 4)
    expect(page.locator("[data-rating-status]")).to_contain_text("4 von 5")
    page.goto(live_server.url + "/de/")
    page.goto(url)
    assert page.is_checked(f"#rating-{guide.pk}-4") and lit(page, guide, 4)
    with translation.override("de"):
        remembered = ngettext(
            "You gave this page %(stars)s star out of 5. Choose again to change your vote.",
            "You gave this page %(stars)s stars out of 5. Choose again to change your vote.",
            4,
        ) % {"stars": 4}
    expect(page.locator("[data-rating-status]")).to_have_text(remembered)
    # Kept in the browser's own storage, not in a cookie.
    assert page.evaluate("localStorage.getItem('ratings:own-votes')") == f'{{"{guide.pk}":4}}'
    # Another reader (a fresh browser context) sees nothing chosen.
    other = page.context.browser.new_context(locale="de-DE").new_page()
    other.goto(url)
    assert not other.is_checked(f"#rating-{guide.pk}-4")
    expect(other.locator("[data-rating-status]")).to_be_empty()
    other.context.close()


def test_step_report_without_javascript(live_server, browser_page_no_js, committed_site_tree):
    guide, page = committed_site_tree.guide, browser_page_no_js
    step_id = first_step_id(guide)
    page.goto(guide_url(live_server, guide))
    form = page.locator(f"#step-{step_id} .step-report")
    form.locator("summary").click()
    form.locator("textarea").fill("Der Menüpunkt heißt jetzt anders")
    form.locator("button").click()
    page.wait_for_url("**/ratings/step-report/sent/**")
    assert StepReport.objects.get().note == "Der Menüpunkt heißt jetzt anders"
    page.click(f"a[href*='#step-{step_id}']")
    page.wait_for_url(f"**#step-{step_id}")


def test_step_report_with_javascript(live_server, browser_page, committed_site_tree):
    guide, page = committed_site_tree.guide, browser_page
    step_id = first_step_id(guide)
    url = guide_url(live_server, guide)
    page.goto(url)
    form = page.locator(f"#step-{step_id} .step-report")
    form.locator("summary").click()
    form.locator("textarea").fill("Button missing")
    form.locator("button").click()
    expect(form.locator("[data-step-report-status]")).not_to_be_empty()
    expect(form.locator("form")).to_be_hidden()
    assert "/ratings/" not in page.url
    report = StepReport.objects.get()
    assert (report.step_id, report.language, report.note) == (step_id, "de", "Button missing")
