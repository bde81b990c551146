"""Subscribing with double opt-in, managing and unsubscribing, and bad input on each of these pages."""

import re
import zlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from notices import tokens
from notices.models import Frequency, LinkPurpose, Scope, Subscription

from .conftest import subscribe

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


@pytest.fixture(autouse=True)
def _commit_at_once(monkeypatch):
    """The test transaction never commits; run on-commit work (the e-mail task, eagerly) right away."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


def url(name, language="en", args=()):
    with translation.override(language):
        return reverse(f"notices:{name}", args=args)


def post_subscribe(client, language="en", **data):
    data = {"email": "reader@example.org", "scope": "all", "frequency": "immediate", **data}
    return client.post(url("subscribe", language), data, **SAME_ORIGIN)


def link_in(message, path_part):
    return re.search(rf"https?://\S+/{path_part}/\S+/", message.body).group(0)


def test_subscribe_sends_confirmation_in_reader_language_and_stores_unconfirmed(client, site_tree):
    response = post_subscribe(client, language="fr")
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.language == "fr" and subscription.confirmed_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert "/fr/avis/confirm/" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert "List-Unsubscribe" not in message.extra_headers  # not subscribed yet


def test_confirmation_needs_a_button_press_and_then_activates(client, site_tree):
    post_subscribe(client)
    confirm_url = link_in(mail.outbox[0], "confirm").split("localhost:8000", 1)[-1]
    confirm_path = "/" + confirm_url.split("/", 3)[3]
    assert client.get(confirm_path).status_code == 200
    assert Subscription.objects.get().confirmed_at is None
    response = client.post(confirm_path, **SAME_ORIGIN)
    assert response.status_code == 200
    assert Subscription.objects.get().confirmed_at is not None
    # A replayed confirmation gets a clear page, not a second activation or a server error.
    replay = client.post(confirm_path, **SAME_ORIGIN)
    assert replay.status_code == 409
    assert "already" in replay.content.decode()


def test_same_answer_for_new_and_known_addresses(client, site_tree):
    subscribe("known@example.org")
    new = post_subscribe(client, email="new@example.org")
    known = post_subscribe(client, email="known@example.org")
    assert new.status_code == known.status_code == 200
    strip = lambda response, address: response.content.decode().replace(address, "")  # noqa: E731
    assert strip(new, "new@example.org") == strip(known, "known@example.org")
    assert Subscription.objects.filter(email="known@example.org").count() == 1
    # The known address is told it already follows, with a manage link, and is not asked to confirm again.
    known_mail = [m for m in mail.outbox if m.to == ["known@example.org"]][0]
    assert "/manage/" in known_mail.body and "/confirm/" not in known_mail.body


def test_subscribe_to_a_platform_and_a_page(client, site_tree):
    post_subscribe(client, scope="platform", platform="facebook")
    post_subscribe(client, scope="page", page=str(site_tree.guide.pk))
    scopes = set(Subscription.objects.values_list("scope", "platform__slug", "page_id"))
    assert scopes == {(Scope.PLATFORM, "facebook", None), (Scope.PAGE, None, site_tree.guide.pk)}


@pytest.mark.parametrize(
    ("language", "data"),
    [
        ("de", {"email": "not-an-address"}),
        ("en", {"email": "a@example.org\r\nBcc: victim@example.org"}),
        ("es", {"email": "a@example.org\nSubject: hi"}),
        ("fr", {"scope": "galaxy"}),
        ("pt", {"scope": "platform", "platform": "myspace"}),
        ("de", {"scope": "page", "page": "999999"}),
        ("en", {"scope": "page", "page": "'; drop table"}),
        ("es", {"frequency": "hourly"}),
    ],
)
def test_bad_input_gets_a_clear_page_and_stores_nothing(client, site_tree, data, language):
    response = post_subscribe(client, language=language, **data)
    assert response.status_code == 400
    assert f'<html lang="{language}">' in response.content.decode()
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_cross_site_post_is_refused(client, site_tree):
    response = client.post(
        url("subscribe"),
        {"email": "a@example.org", "scope": "all", "frequency": "weekly"},
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_address_limit_four_confirmations_per_minute(client, site_tree, settings):
    settings.NOTICES_CLIENT_RATE = "1000/h"
    for _n in range(6):
        assert post_subscribe(client, email="busy@example.org").status_code == 200
    assert len(mail.outbox) == 4


def test_address_limit_forty_per_hour(client, site_tree, settings):
    settings.NOTICES_CLIENT_RATE = "1000/h"
    # django-ratelimit's hour windows start at an offset derived from the key; start right after one begins
    # so that the 22 minutes below fall into a single window.
    offset = zlib.crc32(b"busy@example.org") % 3600
    start = datetime(2026, 12, 1, tzinfo=UTC) + timedelta(seconds=offset + 1)
    for step in range(15):
        with time_machine.travel(start + timedelta(seconds=90 * step), tick=False):
            for _n in range(4):
                post_subscribe(client, email="busy@example.org")
    assert len(mail.outbox) == 40


def test_client_limit_answers_429_in_reader_language(client, site_tree, settings):
    settings.NOTICES_CLIENT_RATE = "3/h"
    statuses = [post_subscribe(client, language="pt", email=f"r{n}@example.org").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert Subscription.objects.count() == 3


def test_confirmation_link_expires_after_seven_days(client, site_tree):
    subscription = subscribe("late@example.org", confirmed=False)
    with time_machine.travel(timezone.now() - timedelta(days=7, minutes=1)):
        token = tokens.confirm_token(subscription)
    response = client.post(url("confirm", "es", [token]), **SAME_ORIGIN)
    assert response.status_code == 400
    assert '<html lang="es">' in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


@pytest.mark.parametrize("name", ["confirm", "manage", "unsubscribe"])
def test_forged_or_cross_purpose_tokens_are_refused(client, site_tree, name):
    subscription = subscribe("victim@example.org")
    wrong_purpose = tokens.issue(subscription, LinkPurpose.MANAGE if name == "confirm" else LinkPurpose.CONFIRM)
    for token in ("forged", tokens.manage_token(subscription)[:-2] + "xx", wrong_purpose):
        assert client.get(url(name, "fr", [token])).status_code == 400
        assert client.post(url(name, "fr", [token]), **SAME_ORIGIN).status_code == 400
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None


def test_one_click_unsubscribe_by_post(client, site_tree):
    subscription = subscribe("leaving@example.org")
    token = tokens.unsubscribe_token(subscription)
    # RFC 8058: the mail provider posts this body from its own servers, with no Origin and no cookies.
    response = client.post(url("unsubscribe", "en", [token]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    # The GET page for humans does not unsubscribe by itself.
    other = subscribe("reader@example.org")
    assert client.get(url("unsubscribe", "en", [tokens.unsubscribe_token(other)])).status_code == 200
    other.refresh_from_db()
    assert other.unsubscribed_at is None


def test_manage_changes_language_frequency_and_scope(client, site_tree):
    subscription = subscribe("manager@example.org")
    token = tokens.manage_token(subscription)
    assert client.get(url("manage", "en", [token])).status_code == 200
    response = client.post(
        url("manage", "en", [token]),
        {
            "action": "update",
            "language": "pt",
            "frequency": "weekly",
            "scope": "platform",
            "platform": "facebook",
        },
        **SAME_ORIGIN,
    )
    assert response.status_code == 302 and response["Location"].startswith("/pt/avisos/manage/")
    subscription.refresh_from_db()
    assert (subscription.language, subscription.frequency, subscription.scope, subscription.platform) == (
        "pt",
        Frequency.WEEKLY,
        Scope.PLATFORM,
        site_tree.platform,
    )
    bad = client.post(
        url("manage", "en", [token]),
        {"action": "update", "language": "xx", "frequency": "weekly", "scope": "all"},
        **SAME_ORIGIN,
    )
    assert bad.status_code == 400


def test_manage_unsubscribes_from_everything(client, site_tree):
    first = subscribe("all@example.org")
    subscribe("all@example.org", scope=Scope.PLATFORM, platform=site_tree.platform)
    subscribe("other@example.org")
    client.post(url("manage", "de", [tokens.manage_token(first)]), {"action": "unsubscribe_all"}, **SAME_ORIGIN)
    assert set(Subscription.objects.filter(unsubscribed_at__isnull=False).values_list("email", flat=True)) == {
        "all@example.org"
    }
    assert Subscription.objects.filter(email="all@example.org").count() == 2


@pytest.mark.parametrize("language", ["de", "en", "es", "fr", "pt"])
def test_reader_pages_render_in_every_language(client, site_tree, language):
    subscription = subscribe("pages@example.org", confirmed=False)
    for path in (
        url("update_log", language),
        url("subscribe", language),
        url("confirm", language, [tokens.confirm_token(subscription)]),
        url("unsubscribe", language, [tokens.unsubscribe_token(subscription)]),
        url("manage", language, [tokens.manage_token(subscription)]),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{language}">' in response.content.decode()


def test_concurrent_duplicate_subscribe_answers_like_any_other(client, site_tree, monkeypatch):
    from django.db import IntegrityError

    def collide(data, language):
        raise IntegrityError("unique_subscription_all")

    monkeypatch.setattr("notices.views.record_subscription", collide)
    response = post_subscribe(client)
    assert response.status_code == 200
    assert "reader@example.org" in response.content.decode()


def test_subscribing_again_after_unsubscribing_starts_a_new_opt_in(client, site_tree):
    old = subscribe("back@example.org")
    Subscription.objects.filter(pk=old.pk).update(
        unsubscribed_at=timezone.now(), created_at=timezone.now() - timedelta(days=30)
    )
    post_subscribe(client, email="back@example.org", language="es")
    old.refresh_from_db()
    assert old.unsubscribed_at is None and old.confirmed_at is None and old.language == "es"
    assert old.created_at > timezone.now() - timedelta(minutes=1)
    assert "/es/avisos/confirm/" in mail.outbox[-1].body
