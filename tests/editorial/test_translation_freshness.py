"""Translation staleness: set when the German text changes, cleared when the translation catches up."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import strip_tags

from editorial.models import PageFreshness, TranslationStatus
from guides.models import GuidePage

T0 = datetime(2027, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def publish_change(page_id, **fields):
    page = GuidePage.objects.get(pk=page_id)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def outdated(page_id):
    return PageFreshness.objects.get(page_id=page_id).outdated_languages


def test_first_publication_records_every_field_and_language_as_current(site_tree):
    statuses = TranslationStatus.objects.filter(page_id=site_tree.guide.pk)
    assert statuses.count() == 4 * len(("title", *GuidePage.translated_fields))
    assert not statuses.outdated().exists()
    assert outdated(site_tree.guide.pk) == {}


def test_german_change_makes_other_languages_outdated_since_that_moment(site_tree):
    with time_machine.travel(T0, tick=False):
        publish_change(site_tree.guide.pk, goal_de="Neues Ziel")
    stale = TranslationStatus.objects.outdated().filter(page_id=site_tree.guide.pk)
    assert {(s.language, s.field) for s in stale} == {(code, "goal") for code in ("en", "es", "fr", "pt")}
    assert {code: datetime.fromisoformat(since) for code, since in outdated(site_tree.guide.pk).items()} == {
        code: T0 for code in ("en", "es", "fr", "pt")
    }


def test_updating_a_translation_clears_only_that_language(site_tree):
    with time_machine.travel(T0, tick=False):
        publish_change(site_tree.guide.pk, goal_de="Neues Ziel")
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        publish_change(site_tree.guide.pk, goal_en="New goal")
    assert set(outdated(site_tree.guide.pk)) == {"es", "fr", "pt"}


def test_changing_german_and_translation_together_is_not_outdated(site_tree):
    publish_change(site_tree.guide.pk, goal_de="Neues Ziel", goal_en="New goal")
    assert "en" not in outdated(site_tree.guide.pk)


def test_an_empty_translation_is_missing_not_outdated(site_tree):
    publish_change(site_tree.guide.pk, goal_fr="")
    publish_change(site_tree.guide.pk, goal_de="Neues Ziel")
    assert "fr" not in {s.language for s in TranslationStatus.objects.outdated().filter(field="goal")}


def test_a_changed_step_makes_the_steps_of_other_languages_outdated(site_tree):
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    raw = guide.steps_de.raw_data
    raw[0]["value"]["steps"][0]["value"]["title"] = "Öffne „Einstellungen und Privatsphäre“"
    publish_change(guide.pk, steps_de=raw)
    fields = set(
        TranslationStatus.objects.outdated().filter(page_id=guide.pk, language="en").values_list("field", flat=True)
    )
    assert fields == {"steps"}


def test_outdated_report_lists_page_language_fields_and_date(client, site_tree, editor):
    with time_machine.travel(T0, tick=False):
        publish_change(site_tree.guide.pk, goal_de="Neues Ziel", intro_de="<p>Neu</p>")
    client.force_login(editor)
    response = client.get(reverse("editorial_outdated_translations"))
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert len(rows) == 4
    assert {row["language"] for row in rows} == {"en", "es", "fr", "pt"}
    assert all(row["fields"] == "goal, intro" for row in rows)
    assert all(row["since"] == T0 for row in rows)


def test_report_is_refused_to_users_outside_the_editorial_groups(client, site_tree, django_user_model):
    outsider = django_user_model.objects.create_user(username="otto", password="pw-for-tests")
    from django.contrib.auth.models import Permission

    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.get(reverse("editorial_outdated_translations"))
    assert response.status_code in (302, 403)
    assert "object_list" not in (response.context or {})


@pytest.mark.parametrize("language, shown", [("en", True), ("de", False)])
def test_reader_of_an_outdated_language_sees_the_date_and_a_link_to_the_german_page(client, site_tree, language, shown):
    with time_machine.travel(T0, tick=False):
        publish_change(site_tree.guide.pk, goal_de="Neues Ziel")
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    from django.utils import translation

    with translation.override(language):
        url = guide.get_url()
    with translation.override("de"):
        german_url = guide.get_url()
    html = client.get(url).content.decode()
    assert ("notice--outdated-translation" in html) is shown
    if shown:
        assert f'href="{german_url}"' in html
        assert "2027" in strip_tags(html)  # the date, not a step key that happens to hold it


def test_saving_through_the_admin_without_changing_text_keeps_the_fingerprint(site_tree):
    from editorial.translation_freshness import fingerprint

    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    before = fingerprint(guide.steps_en)
    raw = guide.steps_en.raw_data
    step = raw[0]["value"]["steps"][0]
    # What the admin writes back: list items in the newer format, editor keys on paragraphs, new block ids.
    step["value"]["ui_path"] = [
        {"type": "item", "value": label, "id": f"item-{n}"} for n, label in enumerate(step["value"]["ui_path"])
    ]
    step["value"]["instruction"] = step["value"]["instruction"].replace("<p>", '<p data-block-key="ab12c">')
    step["id"] = "another-id"
    guide.steps_en = raw
    assert fingerprint(guide.steps_en) == before
    assert fingerprint("<p>Text</p>") == fingerprint('<p data-block-key="x1">Text</p>')
    assert fingerprint("<p>Text</p>") != fingerprint("<p>Other text</p>")
