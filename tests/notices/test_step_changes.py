"""The step-by-step comparison of a significant update: computed once when the notice is recorded, per language
and surface, from the publication before it."""

import pytest

from notices import step_changes
from notices.models import UpdateNotice
from tests.factories import step_block, surface_block

from .conftest import NOTES, live_steps, publish_steps

WEB_STEPS = [
    step_block("Open the menu", ui_path=["Menu"], block_id="s1"),
    step_block("Open the settings", ui_path=["Menu", "Settings"], block_id="s2"),
    step_block("Choose privacy", ui_path=["Menu", "Settings", "Privacy"], block_id="s3"),
    step_block("Save", block_id="s4"),
]


def stream(*surfaces):
    return [surface_block(code, steps, block_id=f"surface-{code}") for code, steps in surfaces]


def kinds(change):
    return {name for name in ("added", "removed", "reworded", "moved", "path_changed") if change[name]}


def only_surface(result):
    assert len(result) == 1
    return result[0]["changes"]


# --- The comparison as a plain function -------------------------------------------------------------------


def test_unchanged_steps_give_no_changes():
    assert step_changes.compare_steps(stream(("web", WEB_STEPS)), stream(("web", WEB_STEPS))) == []


def test_added_and_removed_steps_keep_their_numbers_and_paths():
    after = [WEB_STEPS[0], WEB_STEPS[1], step_block("Confirm", ui_path=["Menu", "OK"], block_id="new"), WEB_STEPS[3]]
    changes = only_surface(step_changes.compare_steps(stream(("web", WEB_STEPS)), stream(("web", after))))
    assert [kinds(change) for change in changes] == [{"removed"}, {"added"}]
    removed, added = changes
    assert added["before"] is None
    assert added["after"] == {"number": 3, "title": "Confirm", "instruction": "Do this.", "path": ["Menu", "OK"]}
    assert removed["after"] is None
    assert removed["before"]["number"] == 3
    assert removed["before"]["path"] == ["Menu", "Settings", "Privacy"]


def test_a_step_pushed_down_by_a_new_one_is_not_moved():
    after = [step_block("Sign in", block_id="new"), *WEB_STEPS]
    changes = only_surface(step_changes.compare_steps(stream(("web", WEB_STEPS)), stream(("web", after))))
    assert [kinds(change) for change in changes] == [{"added"}]


def test_moved_step_is_the_one_that_left_its_place():
    after = [WEB_STEPS[0], WEB_STEPS[2], WEB_STEPS[1], WEB_STEPS[3]]
    changes = only_surface(step_changes.compare_steps(stream(("web", WEB_STEPS)), stream(("web", after))))
    assert len(changes) == 1
    assert kinds(changes[0]) == {"moved"}
    assert (changes[0]["before"]["number"], changes[0]["after"]["number"]) in {(2, 3), (3, 2)}


def test_reworded_and_menu_path_changes_show_both_sides():
    after = [
        WEB_STEPS[0],
        step_block("Open the account settings", ui_path=["Account", "Settings"], block_id="s2"),
        step_block(
            "Choose privacy",
            instruction="<p>Tap <b>Privacy</b>.</p>",
            ui_path=["Menu", "Settings", "Privacy"],
            block_id="s3",
        ),
        step_block("Save", ui_path=["Done"], block_id="s4"),
    ]
    changes = only_surface(step_changes.compare_steps(stream(("web", WEB_STEPS)), stream(("web", after))))
    assert [kinds(change) for change in changes] == [{"reworded", "path_changed"}, {"reworded"}, {"path_changed"}]
    renamed = changes[0]
    assert (renamed["before"]["title"], renamed["after"]["title"]) == ("Open the settings", "Open the account settings")
    assert (renamed["before"]["path"], renamed["after"]["path"]) == (["Menu", "Settings"], ["Account", "Settings"])
    assert changes[1]["after"]["instruction"] == "Tap Privacy."
    assert (changes[2]["before"]["path"], changes[2]["after"]["path"]) == ([], ["Done"])


def test_steps_match_without_block_ids_by_title_then_by_likeness():
    before = [step_block(step["value"]["title"], ui_path=step["value"]["ui_path"], block_id="") for step in WEB_STEPS]
    after = [
        step_block("Open the main menu", ui_path=["Menu"], block_id=""),
        *(step_block(step["value"]["title"], ui_path=step["value"]["ui_path"], block_id="") for step in WEB_STEPS[1:]),
    ]
    changes = only_surface(step_changes.compare_steps(stream(("web", before)), stream(("web", after))))
    assert [kinds(change) for change in changes] == [{"reworded"}]
    assert changes[0]["before"]["title"] == "Open the menu"


def test_each_surface_is_compared_on_its_own():
    android = [step_block("Open the app", block_id="a1"), step_block("Tap the profile", block_id="a2")]
    before = stream(("web", WEB_STEPS), ("android", android))
    after = stream(
        ("web", WEB_STEPS), ("android", [android[1], android[0]]), ("ios", [step_block("Open the app", block_id="i1")])
    )
    result = step_changes.compare_steps(before, after)
    assert [surface["surface"] for surface in result] == ["android", "ios"]
    assert [kinds(change) for change in result[0]["changes"]] == [{"moved"}]
    assert [kinds(change) for change in result[1]["changes"]] == [{"added"}]
    gone = step_changes.compare_steps(after, stream(("web", WEB_STEPS)))
    assert [(surface["surface"], len(surface["changes"])) for surface in gone] == [("android", 2), ("ios", 1)]
    assert all(change["removed"] for surface in gone for change in surface["changes"])


def test_menu_labels_stored_as_list_items_compare_like_plain_ones():
    plain = stream(("web", WEB_STEPS))
    itemised = stream(
        (
            "web",
            [
                {
                    **step,
                    "value": {
                        **step["value"],
                        "ui_path": [
                            {"type": "item", "value": label, "id": f"x{n}"}
                            for n, label in enumerate(step["value"]["ui_path"])
                        ],
                    },
                }
                for step in WEB_STEPS
            ],
        )
    )
    assert step_changes.compare_steps(plain, itemised) == []


# --- Recorded with the notice ------------------------------------------------------------------------------


def renamed_first_web_step(data, title):
    data = [dict(surface, value=dict(surface["value"])) for surface in data]
    web = next(surface for surface in data if surface["value"]["surface"] == "web")
    steps = list(web["value"]["steps"])
    steps[0] = {**steps[0], "value": {**steps[0]["value"], "title": title, "ui_path": ["Account", "Privacy"]}}
    web["value"]["steps"] = steps
    return data


@pytest.mark.django_db
def test_recorded_per_language_from_the_previous_publication(site_tree):
    guide = site_tree.guide
    publish_steps(
        guide,
        {
            "de": renamed_first_web_step(live_steps(guide, "de"), "Konto öffnen"),
            "en": renamed_first_web_step(live_steps(guide, "en"), "Open the account"),
        },
    )
    notice = UpdateNotice.objects.get()
    assert set(notice.step_changes) == {"de", "en", "es", "fr", "pt"}
    for language, title in (("de", "Konto öffnen"), ("en", "Open the account")):
        [surface] = notice.step_changes[language]["surfaces"]
        assert surface["surface"] == "web"
        [change] = surface["changes"]
        assert kinds(change) == {"reworded", "path_changed"}
        assert change["after"]["title"] == title
        assert change["before"]["path"] == ["Settings", "Item 1"]
        assert change["after"]["path"] == ["Account", "Privacy"]
    # Spanish, French and Portuguese readers still read their own, unchanged steps.
    assert notice.step_changes["es"] == {"fallback": False, "surfaces": []}


@pytest.mark.django_db
def test_recording_again_changes_nothing_and_later_publications_do_not_leak_in(site_tree):
    guide = site_tree.guide
    publish_steps(guide, {"de": renamed_first_web_step(live_steps(guide, "de"), "Konto öffnen")})
    notice = UpdateNotice.objects.get()
    first = notice.step_changes
    publish_steps(
        guide, {"de": renamed_first_web_step(live_steps(guide, "de"), "Noch einmal anders")}, significant=False
    )
    notice.refresh_from_db()
    assert step_changes.record_step_changes(notice) == first
    notice.refresh_from_db()
    assert notice.step_changes == first


@pytest.mark.django_db
def test_a_language_without_steps_of_its_own_is_compared_as_the_german_it_shows(site_tree):
    guide = site_tree.guide
    publish_steps(guide, {"pt": []}, notes={}, significant=False)
    publish_steps(guide, {"de": renamed_first_web_step(live_steps(guide, "de"), "Konto öffnen")})
    notice = UpdateNotice.objects.get()
    assert notice.step_changes["pt"]["fallback"] is True
    assert notice.step_changes["pt"]["surfaces"] == notice.step_changes["de"]["surfaces"]


@pytest.mark.django_db
def test_an_article_has_no_step_changes(site_tree):
    from .conftest import publish_change

    publish_change(site_tree.article, notes=NOTES)
    assert UpdateNotice.objects.get().step_changes == {}


@pytest.mark.django_db
def test_a_comparison_that_fails_does_not_stop_the_publication(site_tree, monkeypatch, caplog):
    def broken(notice):
        raise ValueError("an old revision that no longer loads")

    monkeypatch.setattr("notices.recording.record_step_changes", broken)
    publish_steps(site_tree.guide, {"de": renamed_first_web_step(live_steps(site_tree.guide, "de"), "Konto öffnen")})
    notice = UpdateNotice.objects.get()
    assert notice.step_changes == {}
    assert notice.note_de == NOTES["de"]
    assert "could not be compared" in caplog.text


@pytest.mark.django_db
def test_notices_recorded_without_a_comparison_get_one_from_the_command(site_tree, monkeypatch):
    from io import StringIO

    from django.core.management import CommandError, call_command

    guide = site_tree.guide
    publish_steps(guide, {"de": renamed_first_web_step(live_steps(guide, "de"), "Konto öffnen")})
    publish_steps(
        guide,
        {"de": renamed_first_web_step(live_steps(guide, "de"), "Noch einmal anders")},
        notes={"de": "Der erste Schritt heißt wieder anders."},
    )
    older, newer = UpdateNotice.objects.order_by("pk")
    recorded = {notice.pk: notice.step_changes for notice in (older, newer)}
    assert all(recorded.values())
    UpdateNotice.objects.update(step_changes={})  # as notices recorded before the comparison existed

    out = StringIO()
    call_command("record_step_changes", stdout=out)
    assert out.getvalue().startswith("2 update notices now show which steps changed; 0 have")
    assert {notice.pk: notice.step_changes for notice in UpdateNotice.objects.all()} == recorded

    # Run again, nothing is left to do and nothing changes.
    out = StringIO()
    call_command("record_step_changes", stdout=out)
    assert out.getvalue().startswith("0 update notices now show which steps changed; 0 have")
    assert {notice.pk: notice.step_changes for notice in UpdateNotice.objects.all()} == recorded

    # A notice whose old revision no longer loads is named, and the others are still compared.
    UpdateNotice.objects.update(step_changes={})
    compute = step_changes.compute_step_changes

    def broken_for_the_older(notice):
        if notice.pk == older.pk:
            raise ValueError("revision content no longer loads")
        return compute(notice)

    monkeypatch.setattr(step_changes, "compute_step_changes", broken_for_the_older)
    err = StringIO()
    with pytest.raises(CommandError, match=rf"1 update notices could not be compared: \[{older.pk}\]"):
        call_command("record_step_changes", stdout=StringIO(), stderr=err)
    assert f"Update notice {older.pk}: the steps could not be compared" in err.getvalue()
    assert UpdateNotice.objects.get(pk=older.pk).step_changes == {}
    assert UpdateNotice.objects.get(pk=newer.pk).step_changes == recorded[newer.pk]
