"""A reader votes and reports a step in a real browser, with and without JavaScript."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
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


def test_vote_without_javascript_lands_back_on_the_page_with_thanks(live_server, browser_page_no_js,
                                                                    committed_site_tree):
    guide, page = committed_site_tree.guide, browser_page_no_js
    page.goto(guide_url(live_server, guide))
    vote(page, guide, 4)
    page.wait_for_url("**?rated=4#rating")
    assert "4" in page.inner_text(".rating__message")
    vote(page, guide, 2)
    page.wait_for_url("**?rated=2#rating")
    assert list(Vote.objects.values_list("stars", flat=True)) == [2]


def test_vote_with_javascript_updates_the_widget_in_place(live_server, browser_page, committed_site_tree):
    guide, page = committed_site_tree.guide, browser_page
    url = guide_url(live_server, guide)
    page.goto(url)
    vote(page, guide, 5)
    expect(page.locator("[data-rating-status]")).to_contain_text("5")
    assert "rated=" not in page.url  # no redirect: the script answered in place
    vote(page, guide, 3)
    expect(page.locator("[data-rating-status]")).to_contain_text("3")
    # The answer carries the published tally; eager tasks in tests published the first vote in the meantime.
    with translation.override("de"):  # the page's language
        total = gettext("Total: %(total)s · Average: %(average)s") % {"total": 1, "average": "5,0"}
    expect(page.locator("[data-tally='all'] [data-tally-totals]")).to_have_text(total)
    expect(page.locator("[data-tally='all'] [data-bar='5'] [data-bar-count]")).to_have_text("1")
    assert list(Vote.objects.values_list("stars", flat=True)) == [3]
    page.reload()
    assert page.is_checked(f"#rating-{guide.pk}-3")  # the own vote, remembered by the script


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
