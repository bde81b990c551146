"""Links in subscription e-mails: opaque secrets stored only as a keyed hash, expiry per purpose, old signed
unsubscribe links, the "send me a new link" form, and logs that never show a link's secret."""

import base64
import io
import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone, translation

from notices import emails, tokens
from notices.models import LinkPurpose, Subscription, SubscriptionLink
from notices.tasks import delete_expired_subscriptions

from .conftest import subscribe

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}
OPAQUE = re.compile(r"[A-Za-z0-9_-]{43}")


@pytest.fixture(autouse=True)
def _commit_at_once(monkeypatch):
    """The test transaction never commits; run on-commit work (the e-mail task, eagerly) right away."""
    monkeypatch.setattr("django.db.transaction.on_commit", lambda func, using=None, robust=False: func())


def url(name, language="en", args=()):
    with translation.override(language):
        return reverse(f"notices:{name}", args=args)


def secret_in(link):
    return link.rstrip("/").rsplit("/", 1)[1]


def path_of(link):
    return "/" + link.split("/", 3)[3]


def legacy_token(subscription, salt):
    """A link as the signed format wrote them: the subscription id and address, readable in base64."""
    return signing.TimestampSigner(salt=salt).sign_object({"id": subscription.pk, "email": subscription.email})


def test_links_in_mails_carry_neither_address_nor_id(client, site_tree):
    client.post(
        url("subscribe"), {"email": "Reader.Name@example.org", "scope": "all", "frequency": "immediate"}, **SAME_ORIGIN
    )
    confirm_link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[0].body).group(0)
    subscription = Subscription.objects.get()
    subscription.confirmed_at = timezone.now()
    subscription.save()
    links = emails.subscription_links(subscription)
    secrets = [secret_in(confirm_link), secret_in(links["manage_url"]), secret_in(links["unsubscribe_url"])]
    for secret in secrets:
        assert OPAQUE.fullmatch(secret)
        decoded = base64.urlsafe_b64decode(secret + "=")
        assert b"reader" not in decoded.lower() and b"example" not in decoded and b'"id"' not in decoded
    # What is stored cannot be turned back into a link: a keyed hash per secret, none equal to the secret.
    stored = set(SubscriptionLink.objects.values_list("token_hash", flat=True))
    assert len(stored) == 3 and not stored & set(secrets)
    # Two mails to the same subscriber carry different secrets.
    assert emails.subscription_links(subscription)["unsubscribe_url"] != links["unsubscribe_url"]


def test_a_secret_opens_only_its_own_purpose(client, site_tree):
    subscription = subscribe("owner@example.org")
    unsubscribe = tokens.unsubscribe_token(subscription)
    assert client.get(url("manage", args=[unsubscribe])).status_code == 400
    assert client.get(url("unsubscribe", args=[unsubscribe])).status_code == 200


def test_manage_links_expire_after_thirty_days_and_unsubscribe_links_do_not(client, site_tree):
    subscription = subscribe("old-mail@example.org")
    sent = timezone.now() - timedelta(days=30, minutes=1)
    with time_machine.travel(sent):
        stale_manage = tokens.manage_token(subscription)
    with time_machine.travel(timezone.now() - timedelta(days=29)):
        fresh_manage = tokens.manage_token(subscription)
    with time_machine.travel(timezone.now() - timedelta(days=3 * 365)):
        old_unsubscribe = tokens.unsubscribe_token(subscription)
    expired = client.get(url("manage", "de", [stale_manage]))
    assert expired.status_code == 400
    assert f'action="{url("new_link", "de")}"' in expired.content.decode()
    assert client.get(url("manage", "de", [fresh_manage])).status_code == 200
    # RFC 8058 one-click from a mail three years old.
    one_click = client.post(url("unsubscribe", "de", [old_unsubscribe]), {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


def test_retention_deletes_expired_links_and_keeps_unsubscribe_links(site_tree):
    subscription = subscribe("kept@example.org")
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        tokens.manage_token(subscription)
        tokens.unsubscribe_token(subscription)
    current = tokens.manage_token(subscription)
    delete_expired_subscriptions()
    assert sorted(SubscriptionLink.objects.values_list("purpose", flat=True)) == ["manage", "unsubscribe"]
    assert tokens.subscription_for(current, LinkPurpose.MANAGE) == subscription


def test_old_signed_unsubscribe_links_still_unsubscribe(client, site_tree):
    subscription = subscribe("legacy@example.org")
    old = legacy_token(subscription, "notices.unsubscribe")
    page = client.get(url("unsubscribe", "fr", [old]))
    assert page.status_code == 200
    # The page's form posts to a new opaque link, not the old readable one.
    action = re.search(r'action="([^"]+)"', page.content.decode()).group(1)
    assert old not in action and OPAQUE.fullmatch(secret_in(action))
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None
    assert client.post(url("unsubscribe", "fr", [old]), {"List-Unsubscribe": "One-Click"}).status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


def test_old_signed_links_are_refused_for_anything_but_unsubscribing(client, site_tree):
    subscription = subscribe("legacy@example.org", confirmed=False)
    assert (
        client.post(url("confirm", args=[legacy_token(subscription, "notices.confirm")]), **SAME_ORIGIN).status_code
        == 400
    )
    assert client.get(url("manage", args=[legacy_token(subscription, "notices.manage")])).status_code == 400
    # Signed for another purpose, or for an address the subscription no longer has.
    assert client.post(url("unsubscribe", args=[legacy_token(subscription, "notices.manage")])).status_code == 400
    subscription.email = "changed@example.org"
    moved = legacy_token(subscription, "notices.unsubscribe")
    subscription.email = "legacy@example.org"
    assert client.post(url("unsubscribe", args=[moved])).status_code == 400
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None and subscription.unsubscribed_at is None


def test_a_new_manage_link_by_mail_from_the_invalid_link_page(client, site_tree):
    first = subscribe("renew@example.org", language="de")
    second = subscribe("renew@example.org", scope="platform", platform=site_tree.platform)
    subscribe("renew@example.org", scope="page", page=site_tree.guide, confirmed=False)
    invalid = client.get(url("manage", "es", ["no-longer-valid"]))
    assert invalid.status_code == 400 and 'name="email"' in invalid.content.decode()

    answer = client.post(url("new_link", "es"), {"email": " Renew@Example.org "}, **SAME_ORIGIN)
    assert answer.status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["renew@example.org"]
    assert '<html lang="es">' in message.alternatives[0][0]
    links = re.findall(r"https?://\S+/manage/\S+/", message.body)
    # One link per confirmed subscription, none for the unconfirmed one.
    assert len(links) == 2
    opened = {client.get(path_of(link)).context["subscription"] for link in links}
    assert opened == {first, second}


def test_the_answer_is_the_same_for_unknown_unconfirmed_and_subscribed_addresses(client, site_tree):
    subscribe("known@example.org")
    subscribe("pending@example.org", confirmed=False)
    answers = [
        client.post(url("new_link", "pt"), {"email": email}, **SAME_ORIGIN)
        for email in ("known@example.org", "stranger@example.org", "pending@example.org")
    ]
    assert {answer.status_code for answer in answers} == {200}
    assert len({answer.content for answer in answers}) == 1
    assert [message.to for message in mail.outbox] == [["known@example.org"]]


def test_new_link_mails_are_limited_per_mailbox_and_per_client(client, site_tree, settings):
    subscribe("busy@example.org")
    settings.NOTICES_CLIENT_RATE = "1000/h"
    for spelling in (
        "busy@example.org",
        "busy+a@example.org",
        "BUSY@example.org",
        "busy@example.org",
        "busy@example.org",
        "busy@example.org",
    ):
        assert client.post(url("new_link"), {"email": spelling}, **SAME_ORIGIN).status_code == 200
    # Four per minute and mailbox: the "+a" spelling follows nothing and gets no mail, but it counts.
    assert len(mail.outbox) == 3
    settings.NOTICES_CLIENT_RATE = "2/h"
    from django.core.cache import cache

    cache.clear()
    statuses = [
        client.post(url("new_link"), {"email": f"r{n}@example.org"}, **SAME_ORIGIN).status_code for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_new_link_form_refuses_bad_input_and_cross_site_posts(client, site_tree):
    subscribe("victim@example.org")
    bad = client.post(url("new_link", "fr"), {"email": "not an address"}, **SAME_ORIGIN)
    assert bad.status_code == 400 and 'role="alert"' in bad.content.decode()
    cross = client.post(url("new_link"), {"email": "victim@example.org"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert cross.status_code == 403
    assert mail.outbox == []


@pytest.fixture
def django_request_log(caplog):
    """What the project's configured django.request handler writes, with the logger opened to warnings (it
    keeps ERROR in production, where a 500 still names the path); caplog sees the records after that handler."""
    logger = logging.getLogger("django.request")
    handler = next(handler for handler in logger.handlers if isinstance(handler, logging.StreamHandler))
    written = io.StringIO()
    previous_stream, previous_level = handler.setStream(written), logger.level
    logger.setLevel(logging.WARNING)
    logger.addHandler(caplog.handler)
    yield written
    logger.removeHandler(caplog.handler)
    logger.setLevel(previous_level)
    handler.setStream(previous_stream)


def test_django_logs_show_no_link_secret(client, site_tree, caplog, django_request_log):
    subscription = subscribe("logged@example.org")
    secret = tokens.manage_token(subscription)
    legacy = legacy_token(subscription, "notices.unsubscribe")
    assert client.get(url("manage", args=[secret]) + "extra/").status_code == 404
    assert client.get(url("confirm", args=[secret])).status_code == 400
    assert client.get(url("unsubscribe", args=[legacy]) + "x/").status_code == 404
    written = django_request_log.getvalue()
    assert len(caplog.records) == 3
    assert all(secret not in record.getMessage() and legacy not in record.getMessage() for record in caplog.records)
    assert "Not Found: /en/notices/manage/[token]/extra/" in written
    assert "/en/notices/confirm/[token]/" in written
    assert secret not in written and legacy not in written and legacy.split(":")[0] not in written


def test_runservers_request_lines_are_redacted_too(site_tree):
    """make run serves with runserver, whose django.server logger writes every request line."""
    logger = logging.getLogger("django.server")
    handler = next(handler for handler in logger.handlers if isinstance(handler, logging.StreamHandler))
    written = io.StringIO()
    previous_stream = handler.setStream(written)
    try:
        secret = tokens.manage_token(subscribe("runserver@example.org"))
        logger.info('"GET /de/hinweise/manage/%s/ HTTP/1.1" 200 512', secret)
    finally:
        handler.setStream(previous_stream)
    assert "/de/hinweise/manage/[token]/" in written.getvalue()
    assert secret not in written.getvalue()
