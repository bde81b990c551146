"""The public read API (/api/v2/): pages in every language with the fallback marked, guides with their steps per
surface, deadlines with their state, rating summaries and update notices; anonymous, cacheable, rate-limited."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from guides.models import GuidePage
from notices.models import UpdateNotice
from ratings.models import RatingSummary

BERLIN = ZoneInfo("Europe/Berlin")


def get_json(client, path, status=200, **params):
    response = client.get(path, params)
    assert response.status_code == status, response.content
    return response.json()


def guides_in(client, lang=None, **params):
    if lang:
        params["lang"] = lang
    return get_json(client, "/api/v2/pages/", type="guides.GuidePage", fields="*", **params)["items"]


@pytest.mark.django_db
def test_a_guide_comes_in_the_language_asked_for_with_its_steps_per_surface(client, site_tree):
    for lang in ("de", "en", "pt"):
        [guide] = guides_in(client, lang)
        assert guide["title"] == f"Object to AI training ({lang})"
        assert guide["goal"] == f"Goal ({lang})"
        assert guide["meta"]["translation"] == {"language": lang, "fallback_language": "de", "fallback_fields": []}
        assert guide["meta"]["html_url"].startswith(f"http://localhost/{lang}/")
        assert [surface["surface"] for surface in guide["surfaces"]] == ["web", "android"]
        first_step = guide["surfaces"][0]["steps"][0]
        assert first_step["title"] == "Step 1 on web"
        assert first_step["menu_path"] == ["Settings", "Item 1"]
        assert first_step["instruction"] == "<p>Do this.</p>"
        assert guide["platform"]["slug"] == site_tree.platform.slug


@pytest.mark.django_db
def test_without_lang_the_answer_is_german_and_an_unknown_language_is_refused(client, site_tree):
    [guide] = guides_in(client)
    assert guide["meta"]["translation"]["language"] == "de"
    error = get_json(client, "/api/v2/pages/", status=400, lang="xx")
    assert "lang must be one of de, en, es, fr, pt" in error["message"]
    # Wagtail's own check still refuses a parameter it does not know.
    get_json(client, "/api/v2/pages/", status=400, colour="blue")


@pytest.mark.django_db
def test_fields_without_a_translation_are_marked_as_german(client, site_tree):
    guide = site_tree.guide
    guide.goal_pt = ""
    guide.steps_pt = []
    guide.save_revision().publish()

    [served] = guides_in(client, "pt")
    assert served["goal"] == "Goal (de)"
    assert served["meta"]["translation"]["fallback_fields"] == ["goal", "steps"]
    assert served["title"] == "Object to AI training (pt)"

    detail = get_json(client, f"/api/v2/pages/{guide.pk}/", lang="pt")
    assert detail["meta"]["translation"]["fallback_fields"] == ["goal", "steps"]


@pytest.mark.django_db
def test_a_deadline_carries_its_state_from_the_clock(client, site_tree):
    deadline = site_tree.deadline
    due = deadline.due_at.astimezone(BERLIN)
    path = f"/api/v2/pages/{deadline.pk}/"
    with time_machine.travel(datetime(due.year, due.month, due.day, 9, 0, tzinfo=BERLIN), tick=False):
        before = get_json(client, path, lang="en")
        [guide] = guides_in(client, "en")
    with time_machine.travel(due + timedelta(hours=1), tick=False):
        after = get_json(client, path, lang="en")
    assert before["state"] == "due_today"
    assert after["state"] == "passed"
    assert before["summary"] == deadline.summary_en
    assert guide["deadline"] == {
        "id": deadline.pk,
        "title": deadline.title_en,
        "due_at": before["due_at"],
        "state": "due_today",
    }


@pytest.mark.django_db
def test_guides_and_articles_carry_their_published_rating_summary(client, site_tree):
    [guide] = guides_in(client, "en")
    assert guide["rating"] == {"count": 0, "average": None}

    RatingSummary.objects.create(
        page=site_tree.guide, count=3, total=11, average="3.67", histogram=[0, 0, 1, 2, 0], published_at=timezone.now()
    )
    [guide] = guides_in(client, "en")
    assert guide["rating"] == {"count": 3, "average": 3.67}

    article = get_json(client, f"/api/v2/pages/{site_tree.article.pk}/", lang="fr")
    assert article["rating"] == {"count": 0, "average": None}
    assert "author_name" not in article


@pytest.mark.django_db
def test_update_notices_in_the_readers_language_only_while_their_page_is_live(client, site_tree):
    guide = site_tree.guide
    notice = UpdateNotice.objects.create(
        page=guide, published_at=timezone.now(), note_de="Menü verschoben.", note_en="The menu moved."
    )
    notice.platforms.add(site_tree.platform)

    [served] = get_json(client, "/api/v2/notices/", lang="en")["items"]
    assert served["id"] == notice.pk
    assert served["note"] == {"text": "The menu moved.", "language": "en"}
    assert served["page"]["title"] == "Object to AI training (en)"
    assert served["page"]["html_url"].startswith("http://localhost/en/")
    assert served["platforms"] == [{"slug": site_tree.platform.slug, "name": site_tree.platform.name}]

    [in_spanish] = get_json(client, "/api/v2/notices/", lang="es")["items"]
    assert in_spanish["note"] == {"text": "Menü verschoben.", "language": "de"}

    assert get_json(client, "/api/v2/notices/", page=guide.pk)["meta"]["total_count"] == 1

    guide.unpublish()
    assert get_json(client, "/api/v2/notices/")["items"] == []


@pytest.mark.django_db
def test_what_an_editor_sees_is_what_everyone_sees(client, site_tree, django_user_model):
    draft = GuidePage.objects.get(pk=site_tree.guide.pk)
    draft.title_de = "Unreviewed draft title"
    draft.save_revision()
    site_tree.article.unpublish()

    anonymous = client.get("/api/v2/pages/", {"fields": "*", "type": "guides.GuidePage"}).content
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    signed_in = client.get("/api/v2/pages/", {"fields": "*", "type": "guides.GuidePage"}).content
    assert signed_in == anonymous
    assert b"Unreviewed draft title" not in signed_in
    listed = {item["id"] for item in get_json(client, "/api/v2/pages/", limit=50)["items"]}
    assert site_tree.article.pk not in listed
    # No reader's or editor's data anywhere: no e-mail addresses, no owners, no byline names.
    everything = json.dumps([get_json(client, f"/api/v2/pages/{page_id}/") for page_id in listed])
    assert "@" not in everything
    assert "owner" not in everything
    assert site_tree.article.author_name not in everything


@pytest.mark.django_db
def test_answers_may_be_kept_by_shared_caches_and_errors_may_not(client, site_tree, settings):
    response = client.get("/api/v2/pages/", {"lang": "en"})
    assert response["Cache-Control"] == f"public, max-age=0, s-maxage={settings.API_CACHE_SECONDS}"
    assert not response.cookies
    error = client.get("/api/v2/pages/", {"lang": "xx"})
    assert error["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_one_address_is_limited_and_another_is_not(client, site_tree, settings):
    settings.API_RATE_LIMIT = "3/m"
    statuses = [client.get("/api/v2/pages/", REMOTE_ADDR="192.0.2.1").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/api/v2/pages/", REMOTE_ADDR="192.0.2.2").status_code == 200
