"""Publishing a significant change records an update notice; a minor change records nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from notices.models import UpdateNotice
from notices.signals import significant_update_published

from .conftest import NOTES, publish_change

pytestmark = pytest.mark.django_db


def test_significant_change_records_notice_with_note_per_language(site_tree):
    publish_change(site_tree.guide, notes=NOTES)
    notice = UpdateNotice.objects.get()
    assert notice.page_id == site_tree.guide.pk
    assert notice.note_de == NOTES["de"]
    assert notice.note_en == NOTES["en"]
    assert notice.note_es == ""
    assert list(notice.platforms.all()) == [site_tree.platform]
    assert notice.deadline_id == site_tree.deadline.pk


def test_minor_change_records_nothing(site_tree):
    publish_change(site_tree.guide, significant=False, notes=NOTES)
    assert not UpdateNotice.objects.exists()


def test_first_publication_records_no_notice(site_tree):
    # The factory's first publication is not an update: the history reads "First published" only.
    assert not UpdateNotice.objects.exists()


def test_significance_does_not_stick_to_the_next_edit(site_tree):
    page = publish_change(site_tree.guide, notes=NOTES)
    # A later publish without ticking the box sends nothing new.
    publish_change(page, significant=False)
    assert UpdateNotice.objects.count() == 1


def test_article_change_is_recorded_for_its_platforms(site_tree):
    article = site_tree.article
    article.platforms.add(site_tree.platform)
    article.save_revision().publish()
    publish_change(article, notes=NOTES)
    notice = UpdateNotice.objects.get(page_id=article.pk)
    assert list(notice.platforms.all()) == [site_tree.platform]


def test_signal_sent_after_commit(site_tree, django_capture_on_commit_callbacks, monkeypatch):
    received = []
    monkeypatch.setattr("notices.recording.enqueue_fan_out", lambda notice_id: None)
    significant_update_published.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="test-sig2")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            publish_change(site_tree.guide, notes=NOTES)
            assert received == []
    finally:
        significant_update_published.disconnect(dispatch_uid="test-sig2")
    notice = UpdateNotice.objects.get()
    assert received[0]["page_id"] == site_tree.guide.pk
    assert received[0]["published_at"] == notice.published_at


@pytest.mark.parametrize("language", ["de", "en", "es"])
def test_page_shows_change_history_and_first_publication(client, site_tree, language):
    publish_change(site_tree.guide, notes=NOTES)
    with translation.override(language):
        url = site_tree.guide.get_url()
    html = client.get(url).content.decode()
    expected_note = NOTES.get(language, NOTES["de"])
    assert expected_note in html
    assert 'name="scope" value="page"' in html
    with translation.override(language):
        assert reverse("notices:page_feed", args=[site_tree.guide.pk]) in html
    with translation.override("en"):
        html_en = client.get(site_tree.guide.get_url()).content.decode()
    assert "Updated" in html_en and "First published" in html_en
