"""The server's part of the readers' own "done" ticks: each step's version token and the markup site.js reads.

Tokens come from the German steps of the revision published with the guide's latest significant update, so they
move only when a significant update changes a step (guides/step_versions.py).
"""

import copy
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from guides.models import GuidePage
from guides.step_versions import first_publication_cache_key, revision_cache_key, step_token
from notices.models import UpdateNotice
from tests.factories import build_guide, step_block

from .test_queries import MAX_QUERIES, guide_with_steps, queries_for

pytestmark = pytest.mark.django_db


class StepListParser(HTMLParser):
    """{surface: [(key, token), …]} from the step lists, plus the progress section's attributes."""

    def __init__(self):
        super().__init__()
        self.surfaces = {}
        self.section = None
        self.checkboxes = 0
        self._surface = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-step-progress" in attributes:
            self.section = attributes
        if tag == "ol" and "data-progress-surface" in attributes:
            self._surface = attributes["data-progress-surface"]
            self.surfaces[self._surface] = []
        if tag == "li" and "data-step-key" in attributes:
            self.surfaces[self._surface].append((attributes["data-step-key"], attributes["data-step-version"]))
        if tag == "input" and attributes.get("type") == "checkbox":
            self.checkboxes += 1


def read_page(client, page, language="de"):
    with translation.override(language):
        url = GuidePage.objects.get(pk=page.pk).url
    response = client.get(url)
    assert response.status_code == 200
    parser = StepListParser()
    parser.feed(response.content.decode())
    return parser, response.content.decode()


def versions(client, page, language="de"):
    return read_page(client, page, language)[0].surfaces


def edit(page, significant, change):
    """Publish a new revision of ``page`` after ``change(latest)`` edited it, as an editor's publish does."""
    latest = GuidePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    change(latest)
    latest.change_is_significant = significant
    latest.change_note_de = "Geändert" if significant else ""
    latest.save_revision().publish()
    return GuidePage.objects.get(pk=page.pk)


def set_step_title(language, surface_index, step_index, title):
    def change(page):
        field = f"steps_{language}"
        raw = copy.deepcopy(list(getattr(page, field).raw_data))
        raw[surface_index]["value"]["steps"][step_index]["value"]["title"] = title
        setattr(page, field, raw)

    return change


@pytest.fixture
def guide(site_tree):
    return site_tree.guide


def test_every_step_has_a_key_and_a_short_token(client, guide):
    surfaces = versions(client, guide)
    assert list(surfaces) == ["web", "android"]
    for steps in surfaces.values():
        assert len(steps) == 3
        assert all(len(token) == 12 for _key, token in steps)
        assert len({token for _key, token in steps}) == 3  # three different steps, three tokens
    keys = [key for steps in surfaces.values() for key, _token in steps]
    assert len(set(keys)) == len(keys)


def test_tokens_are_the_same_in_every_language(client, guide):
    german = versions(client, guide, "de")
    for language in ("en", "es", "fr", "pt"):
        assert versions(client, guide, language) == german


def test_a_minor_edit_after_a_significant_update_keeps_the_tokens(client, guide):
    guide = edit(guide, True, set_step_title("de", 0, 1, "Schritt 2, neu"))
    before = versions(client, guide)
    guide = edit(guide, False, set_step_title("de", 0, 0, "Schritt 1, Tippfehler behoben"))
    _parser, html = read_page(client, guide)
    assert "Schritt 1, Tippfehler behoben" in html  # the reader sees the fix...
    assert versions(client, guide) == before  # ...and keeps the tick


def test_a_late_translation_keeps_the_tokens(client, guide):
    guide = edit(guide, True, set_step_title("de", 0, 1, "Schritt 2, neu"))
    before = versions(client, guide, "en")
    guide = edit(guide, False, set_step_title("en", 0, 1, "Step 2, new"))
    _parser, html = read_page(client, guide, "en")
    assert "Step 2, new" in html
    assert versions(client, guide, "en") == before == versions(client, guide, "de")


def test_a_significant_update_changes_the_token_of_the_changed_step_only(client, guide):
    before = versions(client, guide)
    guide = edit(guide, True, set_step_title("de", 0, 1, "Schritt 2: das Menü heißt jetzt Konto"))
    after = versions(client, guide)
    assert after["web"][0] == before["web"][0]
    assert after["web"][1][0] == before["web"][1][0]  # the same step...
    assert after["web"][1][1] != before["web"][1][1]  # ...in a new version
    assert after["web"][2] == before["web"][2]
    assert after["android"] == before["android"]
    for language in ("en", "fr"):
        assert versions(client, guide, language) == after


def test_the_token_is_taken_from_the_revision_of_the_latest_notice(client, guide):
    guide = edit(guide, True, set_step_title("de", 1, 2, "Schritt 3 in der App, neu"))
    notice = UpdateNotice.objects.get(page=guide)
    assert notice.revision_id is not None
    expected = step_token(notice.revision.as_object().steps_de.raw_data[1]["value"]["steps"][2]["value"])
    assert versions(client, guide)["android"][2][1] == expected


def test_before_any_notice_a_minor_edit_keeps_the_tokens_of_the_first_publication(client, guide):
    before = versions(client, guide)
    guide = edit(guide, False, set_step_title("de", 0, 0, "Schritt 1, umformuliert"))
    assert not UpdateNotice.objects.filter(page=guide).exists()
    assert versions(client, guide) == before
    # Also when the cache has forgotten them: they are read back from the first publication.
    cache.delete(first_publication_cache_key(guide.pk))
    assert versions(client, guide) == before


def test_a_step_added_since_takes_its_current_text(client, guide):
    before = versions(client, guide)
    added = step_block("Schritt 4, neu", ui_path=["Konto"])

    def add_step(page):
        raw = copy.deepcopy(list(page.steps_de.raw_data))
        raw[0]["value"]["steps"].append(added)
        page.steps_de = raw

    guide = edit(guide, False, add_step)
    after = versions(client, guide)
    assert after["web"][:3] == before["web"]
    assert after["web"][3] == (added["id"], step_token(added["value"]))


def test_a_notice_whose_revision_is_gone_falls_back_to_the_current_german_text(client, guide):
    guide = edit(guide, True, set_step_title("de", 0, 1, "Schritt 2, neu"))
    guide = edit(guide, False, set_step_title("de", 0, 1, "Schritt 2, neu formuliert"))
    kept = versions(client, guide)
    UpdateNotice.objects.filter(page=guide).update(revision=None)
    fallback = versions(client, guide)
    assert fallback["web"][1][1] != kept["web"][1][1]
    assert fallback["web"][1][1] == step_token(
        {
            "title": "Schritt 2, neu formuliert",
            "ui_path": ["Settings", "Item 2"],
            "instruction": "<p>Do this.</p>",
            "note": "",
        }
    )


def test_tokens_read_back_from_the_revision_equal_those_cached_at_publishing(client, guide):
    guide = edit(guide, True, set_step_title("de", 0, 1, "Schritt 2, neu"))
    cached = versions(client, guide)
    cache.delete(revision_cache_key(UpdateNotice.objects.get(page=guide).revision_id))
    assert versions(client, guide) == cached


def test_a_step_without_a_german_counterpart_is_versioned_by_its_own_text(client, site_tree):
    # A translation with one step more than the German text (the German step was removed since).
    guide = build_guide(
        site_tree.guide_index, site_tree.platform, title="Longer translation", steps_per_surface=2, surfaces=("web",)
    )
    guide = edit(
        guide,
        False,
        lambda page: setattr(
            page,
            "steps_de",
            [
                {**child, "value": {**child["value"], "steps": child["value"]["steps"][:1]}}
                for child in copy.deepcopy(list(page.steps_de.raw_data))
            ],
        ),
    )
    english = versions(client, guide, "en")["web"]
    assert len(english) == 2
    assert english[1][0] == "web-2"
    assert len(english[1][1]) == 12


def test_token_ignores_storage_details_but_not_the_text():
    plain = {
        "title": " Open  the menu ",
        "ui_path": ["Settings", "Privacy"],
        "instruction": '<p data-block-key="a1b2c">Tap it.</p>',
        "note": "",
        "screenshot": 5,
    }
    stored_by_the_admin = {
        "title": "Open the menu",
        "ui_path": [{"type": "item", "value": "Settings", "id": "x"}, {"type": "item", "value": "Privacy", "id": "y"}],
        "instruction": '<p data-block-key="zz9">Tap it.</p>',
        "note": None,
        "screenshot": None,
    }
    assert step_token(plain) == step_token(stored_by_the_admin)
    for field, other in (
        ("title", "Open the app"),
        ("ui_path", ["Settings", "Account"]),
        ("instruction", "<p>Tap twice.</p>"),
        ("note", "Careful"),
    ):
        assert step_token({**plain, field: other}) != step_token(plain)


def test_markup_for_the_script_in_the_readers_language(client, guide):
    parser, html = read_page(client, guide, "fr")
    section = parser.section
    assert section["data-step-progress"] == str(guide.pk)
    assert section["data-progress-done"] == "Fait"
    assert section["data-progress-changed"] == "Modifiée depuis que vous avez fait cette étape"
    assert section["data-progress-count-one"] == "Étape faite : {done} sur {total}"
    assert section["data-progress-count-other"] == "Étapes faites : {done} sur {total}"
    assert section["data-progress-clear"] == "Effacer mes coches"
    assert "ne nous sont pas envoyées" in section["data-progress-privacy"]
    german = read_page(client, guide, "de")[0].section
    assert german["data-progress-count-other"] == "{done} von {total} Schritten erledigt"
    # Without the script nothing can be ticked: the page itself has no checkbox and no counter.
    assert parser.checkboxes == 0
    assert "step-progress" not in html.replace("data-step-progress", "")


def test_the_change_history_and_the_tokens_share_one_query_and_the_count_stays_within_the_bound(
    client, site_tree, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    plain = guide_with_steps(site_tree, 3, "plain")
    updated = edit(guide_with_steps(site_tree, 3, "updated"), True, set_step_title("de", 0, 0, "Neu"))
    notice = UpdateNotice.objects.get(page=updated)
    # Publishing the significant change cached its revision's tokens: the guide costs what one without a notice does.
    assert cache.get(revision_cache_key(notice.revision_id))
    assert queries_for(client, updated) == queries_for(client, plain) <= MAX_QUERIES
    # Should the cache lose them, one query reads the revision again, and then the cache has them back.
    cache.delete(revision_cache_key(notice.revision_id))
    with translation.override("en"):
        url = updated.url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"surface": "android"}).status_code == 200
    statements = [query["sql"] for query in captured.captured_queries]
    assert sum('"wagtailcore_revision"' in sql for sql in statements) == 1
    assert len(statements) == queries_for(client, plain) + 1
    assert queries_for(client, updated) == queries_for(client, plain)
    # The same holds for the first publication's tokens of a guide without notices.
    assert cache.get(first_publication_cache_key(plain.pk))
    cache.delete(first_publication_cache_key(plain.pk))
    with translation.override("en"):
        url = plain.url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"surface": "android"}).status_code == 200
    statements = [query["sql"] for query in captured.captured_queries]
    assert sum('"wagtailcore_revision"' in sql for sql in statements) == 1
    assert len(statements) == queries_for(client, plain) + 1
