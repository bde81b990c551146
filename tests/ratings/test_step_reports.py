"""Step reports: stored with surface and language, deduplicated per reader, step and day, bad input refused."""

import pytest
from django.utils import translation

from ratings.models import StepReport

from .conftest import vote_headers

pytestmark = pytest.mark.django_db


def page_url(page, language="en"):
    with translation.override(language):
        return page.specific.get_url()


def steps_of(guide):
    return [(surface.value["surface"], step.id) for surface in guide.specific.steps for step in surface.value["steps"]]


def report(client, guide, step_id, note="", language="en", **headers):
    return client.post(
        f"/{language}/ratings/step-report/",
        {"page": guide.pk, "step": step_id, "note": note},
        **vote_headers(**headers),
    )


def test_report_records_surface_language_and_plain_note(client, site_tree):
    surface, step_id = steps_of(site_tree.guide)[-1]
    response = report(
        client, site_tree.guide, step_id, note="<b>The menu</b> is now called Accounts Centre", language="fr"
    )
    assert response.status_code == 303
    stored = StepReport.objects.get()
    assert (stored.step_id, stored.surface, stored.language) == (step_id, surface, "fr")
    assert stored.note == "<b>The menu</b> is now called Accounts Centre"  # kept as text, escaped when shown
    assert stored.resolved_at is None
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert f"#step-{step_id}" in thanks.content.decode()


def test_same_reader_same_step_same_day_gives_one_report(client, site_tree, time_machine):
    time_machine.move_to("2026-04-01 09:00Z")
    _surface, step_id = steps_of(site_tree.guide)[0]
    report(client, site_tree.guide, step_id)
    report(client, site_tree.guide, step_id, note="Now with a note")
    report(client, site_tree.guide, step_id)
    assert list(StepReport.objects.values_list("note", flat=True)) == ["Now with a note"]
    report(client, site_tree.guide, steps_of(site_tree.guide)[1][1])
    report(client, site_tree.guide, step_id, user_agent="Someone else", address="198.51.100.20")
    time_machine.move_to("2026-04-02 09:00Z")
    report(client, site_tree.guide, step_id)
    assert StepReport.objects.count() == 4


def test_thanks_page_tolerates_any_query(client):
    for query in ["", "?page=²&step=x", "?page=99999999999999999999", "?page=12&step=" + "x" * 300]:
        assert client.get("/en/ratings/step-report/sent/" + query).status_code == 200


def test_json_report_answers_a_message(client, site_tree):
    response = report(client, site_tree.guide, steps_of(site_tree.guide)[0][1], json=True)
    assert response.status_code == 200 and response.json()["message"]


@pytest.mark.parametrize("step_id", ["", "not-a-step", "x" * 80])
def test_unknown_step_is_refused(client, site_tree, step_id):
    response = report(client, site_tree.guide, step_id, json=True)
    assert response.status_code == 404 and response.json()["error"]
    assert not StepReport.objects.exists()


def test_reports_on_articles_unpublished_guides_and_long_notes_are_refused(client, site_tree):
    step_id = steps_of(site_tree.guide)[0][1]
    assert report(client, site_tree.article, step_id).status_code == 404
    assert report(client, site_tree.guide, step_id, note="x" * 501).status_code == 400
    assert report(client, site_tree.guide, step_id, note="x" * 1000 + "y" * 3200).status_code == 413
    site_tree.guide.unpublish()
    assert report(client, site_tree.guide, step_id).status_code == 404
    assert client.get("/en/ratings/step-report/").status_code == 405
    assert not StepReport.objects.exists()


def test_step_ids_are_the_same_in_every_language(client, site_tree):
    """A German reader and a Portuguese reader report the same step; editors see one step."""
    step_id = steps_of(site_tree.guide)[0][1]
    report(client, site_tree.guide, step_id, language="de")
    report(client, site_tree.guide, step_id, language="pt", user_agent="Second reader")
    assert set(StepReport.objects.values_list("step_id", "language")) == {(step_id, "de"), (step_id, "pt")}


def test_guide_page_shows_a_report_form_per_step(client, site_tree):
    html = client.get(page_url(site_tree.guide)).content.decode()
    for _surface, step_id in steps_of(site_tree.guide):
        assert f'name="step" value="{step_id}"' in html


def test_new_reports_of_an_address_take_its_places_and_a_freed_place_is_taken_again(client, site_tree, settings):
    steps = [step_id for _surface, step_id in steps_of(site_tree.guide)]
    assert report(client, site_tree.guide, steps[0], user_agent="First").status_code == 303
    assert report(client, site_tree.guide, steps[1], user_agent="Second").status_code == 303
    assert sorted(StepReport.objects.values_list("address_slot", flat=True)) == [1, 2]
    # A changed note is the same report in the same place; the quota (2) refuses a third reader of the address.
    assert report(client, site_tree.guide, steps[0], note="A note", user_agent="First").status_code == 303
    assert report(client, site_tree.guide, steps[2], user_agent="Third").status_code == 429
    StepReport.objects.filter(address_slot=1).delete()  # e.g. an editor removed a report
    assert report(client, site_tree.guide, steps[2], user_agent="Third").status_code == 303
    assert sorted(StepReport.objects.values_list("address_slot", flat=True)) == [1, 2]
