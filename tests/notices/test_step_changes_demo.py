"""The step comparison with the real demo content: its largest guide updated in German, as an editor would."""

import copy
import re

import pytest
from django.urls import reverse
from django.utils import translation

from guides.models import GuidePage
from notices import emails
from notices.models import UpdateNotice
from tests.factories import ensure_wagtail_roots

from ..demo.conftest import load_demo
from .conftest import LANGUAGES, live_steps, publish_steps, subscribe

pytestmark = pytest.mark.django_db

RENAMED = "Datenschutzeinstellungen öffnen"
NEW_PATH = ["Konto", "Datenschutz", "KI bei Meta"]
ADDED = "Bestätigung von Meta abwarten"


def step_count(guide):
    return sum(len(surface.value["steps"]) for surface in guide.steps_de)


def rework(data):
    """On the first surface the second step renamed under a new menu path and the last step moved to the top;
    on the second surface the last step removed and a new one added at the end."""
    data = copy.deepcopy(data)
    first, second = data[0]["value"]["steps"], data[1]["value"]["steps"]
    first[1]["value"]["title"] = RENAMED
    first[1]["value"]["ui_path"] = list(NEW_PATH)
    first.insert(0, first.pop())
    removed = second.pop()
    second.append(
        {
            "type": "step",
            "id": "demo-new-step",
            "value": {
                **removed["value"],
                "title": ADDED,
                "instruction": "<p>Meta schickt eine E-Mail.</p>",
                "ui_path": [],
            },
        }
    )
    return data, removed["value"]["title"]


def test_the_largest_demo_guide_updated_in_german(client):
    ensure_wagtail_roots()  # a transactional test before this one may have flushed what migrations made
    load_demo("--no-accounts")
    guide = max(GuidePage.objects.live(), key=step_count)
    before = live_steps(guide, "de")
    after, removed_title = rework(before)
    publish_steps(guide, {"de": after}, notes={"de": "Meta hat das Menü umgebaut."})

    notice = UpdateNotice.objects.get(page_id=guide.pk)
    german = notice.step_changes["de"]["surfaces"]
    assert [surface["surface"] for surface in german] == [before[0]["value"]["surface"], before[1]["value"]["surface"]]
    first, second = (surface["changes"] for surface in german)
    kinds = [
        {name for name in ("added", "removed", "reworded", "moved", "path_changed") if change[name]} for change in first
    ]
    assert sorted(map(sorted, kinds)) == [["moved"], ["path_changed", "reworded"]]
    renamed = next(change for change in first if change["reworded"])
    assert renamed["after"] == {**renamed["after"], "title": RENAMED, "path": NEW_PATH, "number": 3}
    assert renamed["before"]["number"] == 2
    assert [(change["removed"], change["added"]) for change in second] == [(True, False), (False, True)]
    assert second[0]["before"]["title"] == removed_title
    assert second[1]["after"]["title"] == ADDED
    # Every other language keeps its own steps, unchanged by this update.
    assert all(notice.step_changes[code]["surfaces"] == [] for code in LANGUAGES if code != "de")

    for language in LANGUAGES:
        with translation.override(language):
            response = client.get(reverse("notices:step_changes", args=[notice.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert RENAMED in html and ADDED in html and " › ".join(NEW_PATH) in html
        # Steps only in German so far are marked as German for the readers of the other languages.
        assert (f'<td lang="de">3. {RENAMED}</td>' in html) is (language != "de")

    message = emails.notice_email(notice, subscribe("reader@example.org", language="en"))
    text = " ".join(message.body.split())
    assert "Only in German so far:" in text
    assert re.search(rf"→ {RENAMED}", text)
    assert f"→ {' › '.join(NEW_PATH)}" in text
