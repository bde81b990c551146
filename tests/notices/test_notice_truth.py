"""Update notices tell the truth: they keep the note that was published, leave the public log and feeds with
their page, and tell a follower whose language does not have the change yet."""

import feedparser
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import Revision

from guides.models import GuidePage
from notices import tasks
from notices.models import Scope, UpdateNotice

from ..editorial.conftest import make_user
from .conftest import NOTES, publish_change, subscribe

pytestmark = pytest.mark.django_db


def url(name, language="en", args=()):
    with translation.override(language):
        return reverse(f"notices:{name}", args=args)


def public_places(client, site_tree):
    """The update log, the feed of everything and the platform's feed, as readers get them."""
    from django.core.cache import cache

    cache.clear()
    log = client.get(url("update_log")).content.decode()
    feeds = [
        feedparser.parse(client.get(path).content)
        for path in (url("feed"), url("platform_feed", args=[site_tree.platform.slug]))
    ]
    return log, feeds


@pytest.mark.parametrize("removal", ["unpublish", "delete"])
def test_notices_of_a_removed_page_leave_the_log_and_the_feeds(client, site_tree, removal):
    publish_change(site_tree.guide, notes=NOTES)
    log, feeds = public_places(client, site_tree)
    assert NOTES["en"] in log and all(len(feed.entries) == 1 for feed in feeds)

    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    guide.unpublish() if removal == "unpublish" else guide.delete()
    log, feeds = public_places(client, site_tree)
    assert NOTES["en"] not in log
    assert [len(feed.entries) for feed in feeds] == [0, 0]
    assert client.get(url("page_feed", args=[site_tree.guide.pk])).status_code == 404


def test_a_notice_of_an_unpublished_page_is_not_mailed(site_tree, monkeypatch):
    monkeypatch.setattr("notices.recording.enqueue_fan_out", lambda notice_id: None)
    publish_change(site_tree.guide, notes=NOTES)
    subscribe("de@example.org")
    GuidePage.objects.get(pk=site_tree.guide.pk).unpublish()
    monkeypatch.setattr(tasks.send_update_notices, "delay", tasks.send_update_notices)
    tasks.fan_out_update_notice(UpdateNotice.objects.get().pk)
    assert mail.outbox == []


def test_publishing_a_change_note_rewrites_no_revision(site_tree):
    page = publish_change(site_tree.guide, notes=NOTES)
    published = Revision.objects.get(pk=page.live_revision_id)
    assert published.content["change_is_significant"] is True
    assert published.content["change_note_de"] == NOTES["de"]
    notice = UpdateNotice.objects.get()
    assert notice.revision_id == published.pk and notice.note_en == NOTES["en"]


def test_the_next_edit_starts_without_the_last_change_note(client, site_tree, django_user_model):
    from editorial.setup import EDITORS

    publish_change(site_tree.guide, notes=NOTES)
    client.force_login(make_user(django_user_model, "erika", EDITORS))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[site_tree.guide.pk])).content.decode()
    assert NOTES["de"] not in html
    checkbox = html[html.index('name="change_is_significant"') - 200 : html.index('name="change_is_significant"') + 200]
    assert "checked" not in checkbox


def test_a_later_publish_of_the_same_content_sends_no_second_notice(site_tree):
    page = publish_change(site_tree.guide, notes=NOTES)
    # The live page, saved and published again as it is (as scripts and scheduled publishing do).
    GuidePage.objects.get(pk=page.pk).save_revision().publish()
    assert UpdateNotice.objects.count() == 1
    # A new change with a new note is a new notice.
    publish_change(page, notes={"de": "Noch einmal verschoben."})
    assert UpdateNotice.objects.count() == 2


def change_german_steps_only(guide):
    """The significant change as editors make it first: the German steps change, the translations follow later."""
    page = GuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object()
    raw = page.steps_de.raw_data
    raw[0]["value"]["steps"][0]["value"]["title"] = "Jetzt unter Konto"
    page.steps_de = raw
    for code in ("es",):  # Spanish is brought up to date in the same publication
        raw = getattr(page, f"steps_{code}").raw_data
        raw[0]["value"]["steps"][0]["value"]["title"] = "Ahora en Cuenta"
        setattr(page, f"steps_{code}", raw)
    page.change_is_significant = True
    page.change_note_de = NOTES["de"]
    page.change_note_en = NOTES["en"]
    page.save_revision().publish()
    return UpdateNotice.objects.get(page_id=guide.pk)


def test_a_follower_whose_language_lacks_the_change_is_told_so(site_tree, monkeypatch):
    monkeypatch.setattr("notices.recording.enqueue_fan_out", lambda notice_id: None)
    notice = change_german_steps_only(site_tree.guide)
    subscribe("en@example.org", language="en", scope=Scope.PAGE, page=site_tree.guide.page_ptr)
    subscribe("es@example.org", language="es", scope=Scope.PAGE, page=site_tree.guide.page_ptr)
    monkeypatch.setattr(tasks.send_update_notices, "delay", tasks.send_update_notices)
    tasks.fan_out_update_notice(notice.pk)
    by_address = {message.to[0]: message for message in mail.outbox}

    english = by_address["en@example.org"]
    html = english.alternatives[0][0]
    for body in (english.body, html):
        assert "Read the updated instructions" not in body
        assert "not in your language yet" in body
    with translation.override("de"):
        assert GuidePage.objects.get(pk=site_tree.guide.pk).get_url() in english.body  # where the change is

    spanish = by_address["es@example.org"]
    with translation.override("es"):
        from django.utils.translation import gettext

        assert gettext("Read the updated instructions:") in spanish.body
