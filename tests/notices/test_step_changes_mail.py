"""E-mails, digests and feeds show the changed steps before → after under the editor's note, in the follower's
language, and tell a follower whose language lags behind which steps are only in German so far."""

from datetime import timedelta

import feedparser
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from notices import emails, tasks
from notices.models import Frequency, Scope, UpdateNotice

from ..conftest import wait_until
from .conftest import NOTES, publish_step_changes, subscribe
from .test_worker import _forget_cached_site_roots  # noqa: F401 (an autouse fixture of the worker tests)

GERMAN_ONLY = {
    "es": "Por ahora solo en alemán:",
    "fr": "Pour l’instant uniquement en allemand\u00a0:",
    "pt": "Por enquanto só em alemão:",
}


def plain_and_html(message):
    """(plain text, HTML) of a sent message (email.message.EmailMessage) or an unsent EmailMultiAlternatives."""
    if hasattr(message, "get_body"):
        return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()
    return message.body, next(content for content, kind in message.alternatives if kind == "text/html")


def assert_shows_own_changes(message, language, note):
    plain, html = plain_and_html(message)
    # Under the note, in this order: the note, the changed steps, the link to their page.
    assert plain.index(note) < plain.index(f"Step 1 on web → Open your account ({language})")
    assert f"Settings › Item 1 → Account › Privacy ({language})" in plain
    assert f"Step 3 on android → {'(kein Schritt)' if language == 'de' else '(no step)'}" in plain
    assert f"Confirm the objection ({language})" in plain
    notice = UpdateNotice.objects.get()
    with translation.override(language):
        changes_path = reverse("notices:step_changes", args=[notice.pk])
    assert changes_path in plain
    assert html.index(note) < html.index(f"<td>1. Open your account ({language})</td>")
    assert "<td>1. Step 1 on web</td>" in html
    assert f"<td>Account › Privacy ({language})</td>" in html
    assert changes_path in html
    assert 'lang="de"' not in html.split("<h2>", 1)[1]  # nothing is shown in German for want of a translation


def assert_shows_german_only(message, language):
    plain, html = plain_and_html(message)
    assert GERMAN_ONLY[language] in plain
    assert plain.index(GERMAN_ONLY[language]) < plain.index("Step 1 on web → Open your account (de)")
    assert "Settings › Item 1 → Account › Privacy (de)" in plain
    assert '<td lang="de">1. Open your account (de)</td>' in html
    assert GERMAN_ONLY[language] in html


# --- As plain functions ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_notice_email_shows_the_changed_steps_in_each_followers_language(site_tree):
    publish_step_changes(site_tree.guide, languages=("de", "en"))
    notice = UpdateNotice.objects.get()
    messages = {
        language: emails.notice_email(notice, subscribe(f"{language}@example.org", language=language))
        for language in ("de", "en", "pt")
    }
    assert_shows_own_changes(messages["de"], "de", NOTES["de"])
    assert_shows_own_changes(messages["en"], "en", NOTES["en"])
    assert "Schritt 1 – neu formuliert, Menüpfad geändert" in messages["de"].body
    assert "Step 1 – reworded, menu path changed" in messages["en"].body
    # Portuguese steps were not touched: the German ones changed, and the reader is told so.
    assert_shows_german_only(messages["pt"], "pt")
    assert "Passo 1 – reformulado, caminho no menu alterado" in messages["pt"].body


@pytest.fixture
def no_broker(monkeypatch):
    enqueued = []
    for name in ("fan_out_update_notice", "send_update_notices", "send_digest_chunk"):
        task = getattr(tasks, name)
        monkeypatch.setattr(task, "delay", lambda *args, _name=name: enqueued.append((_name, args)))
    return enqueued


@pytest.mark.django_db
def test_weekly_digest_shows_the_changed_steps(site_tree, no_broker):
    subscribe("weekly-en@example.org", language="en", frequency=Frequency.WEEKLY)
    subscribe(
        "weekly-fr@example.org",
        language="fr",
        frequency=Frequency.WEEKLY,
        scope=Scope.PAGE,
        page=site_tree.guide.page_ptr,
    )
    publish_step_changes(site_tree.guide, languages=("de", "en"))
    tasks.send_weekly_digests(week_ending=(timezone.localdate() + timedelta(days=1)).isoformat())
    for _name, (chunk,) in [call for call in no_broker if call[0] == "send_digest_chunk"]:
        tasks.send_digest_chunk(chunk)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"weekly-en@example.org", "weekly-fr@example.org"}
    assert_shows_own_changes(by_address["weekly-en@example.org"], "en", NOTES["en"])
    assert_shows_german_only(by_address["weekly-fr@example.org"], "fr")


@pytest.mark.django_db
def test_feed_entries_carry_the_changed_steps(client, site_tree):
    publish_step_changes(site_tree.guide, languages=("de", "en"))
    for language in ("de", "en", "es"):
        with translation.override(language):
            path = reverse("notices:page_feed", args=[site_tree.guide.pk])
        feed = feedparser.parse(client.get(path).content)
        assert not feed.bozo, feed.bozo_exception
        [entry] = feed.entries
        assert entry.summary == NOTES.get(language, NOTES["de"])  # the note alone, as before
        content = entry.content[0]
        assert content.type == "text/html"
        shown = language if language in ("de", "en") else "de"
        marked = ' lang="de"' if shown != language else ""
        assert f"<td{marked}>1. Open your account ({shown})</td>" in content.value
        assert f"<td{marked}>Account › Privacy ({shown})</td>" in content.value
        assert (GERMAN_ONLY.get(language, "only-german-marker") in content.value) is (language == "es")
        if language == "es":
            assert '<td lang="de">1. Open your account (de)</td>' in content.value


# --- Through the real worker and SMTP ----------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_notices_sent_by_the_worker_show_the_changed_steps(celery_worker_factory, smtp_sink, site_tree):
    celery_worker_factory(EMAIL_URL=smtp_sink.url)
    for language in ("de", "en", "pt"):
        subscribe(f"{language}@example.org", language=language)
    publish_step_changes(site_tree.guide, languages=("de", "en"))
    wait_until(lambda: len(smtp_sink.messages) >= 3, what="three notices")
    by_address = {received["to"][0]: received["message"] for received in smtp_sink.messages}
    assert_shows_own_changes(by_address["de@example.org"], "de", NOTES["de"])
    assert_shows_own_changes(by_address["en@example.org"], "en", NOTES["en"])
    assert_shows_german_only(by_address["pt@example.org"], "pt")
