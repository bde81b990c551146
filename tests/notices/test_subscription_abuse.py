"""Subscribing cannot be turned against anyone: one mailbox gets a bounded number of confirmation mails whatever
spelling of its address is used, and a Redis outage neither refuses every reader nor lifts the limits."""

import logging

import pytest
from django.core import mail
from django.core.cache import caches

from notices.forms import mailbox_key
from notices.models import Subscription

from ..conftest import redis_cache_settings

pytestmark = pytest.mark.django_db

QUOTED_SPELLINGS = [
    '"carol"@example.net',
    '"c\\arol"@example.net',
    '"ca\\rol"@example.net',
    '"car\\ol"@example.net',
    '"caro\\l"@example.net',
    '"\\carol"@example.net',
    '"c\\a\\rol"@example.net',
    '"CAROL"@example.net',
    '"carol"@EXAMPLE.net',
    '"\\c\\a\\r\\o\\l"@example.net',
    '"ca\\r\\ol"@example.net',
    '"car\\o\\l"@example.net',
]


def subscribe(client, email, address="203.0.113.7"):
    return client.post(
        "/en/notices/subscribe/",
        {"email": email, "scope": "all", "frequency": "weekly"},
        REMOTE_ADDR=address,
        HTTP_SEC_FETCH_SITE="same-origin",
    )


def test_quoted_spellings_of_one_mailbox_are_refused_with_a_clear_message(client, site_tree):
    for n, spelling in enumerate(QUOTED_SPELLINGS):
        response = subscribe(client, spelling, address=f"198.51.100.{n + 1}")
        assert response.status_code == 400, spelling
        assert "without quotation marks or backslashes" in response.content.decode(), spelling
    assert mail.outbox == []
    assert not Subscription.objects.exists()


def test_tagged_spellings_of_one_mailbox_share_its_limit(
    client, site_tree, settings, django_capture_on_commit_callbacks
):
    settings.NOTICES_ADDRESS_RATES = ("4/m", "40/h")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            subscribe(client, f"carol+{n}@Example.net", address=f"198.51.100.{n + 1}").status_code for n in range(12)
        ]
    assert statuses == [200] * 12  # the same answer whether or not a mail went out
    assert len(mail.outbox) == 4
    assert {mailbox_key(message.to[0]) for message in mail.outbox} == {"carol@example.net"}


def test_mailbox_key_strips_tags_and_case_only():
    assert mailbox_key("Carol+news@Example.NET") == "carol@example.net"
    assert mailbox_key("carol@example.net") == "carol@example.net"
    assert mailbox_key("carol.smith@example.net") == "carol.smith@example.net"


@pytest.mark.redis
def test_with_redis_down_subscribing_works_within_limits_and_the_log_says_so_once(
    client, site_tree, settings, private_redis, caplog, django_capture_on_commit_callbacks
):
    settings.CACHES = redis_cache_settings(private_redis.url)
    settings.NOTICES_CLIENT_RATE = "5/h"
    caches["default"].clear()
    private_redis.stop()

    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        statuses = [subscribe(client, f"reader{n}@example.org").status_code for n in range(10)]
    assert statuses == [200] * 5 + [429] * 5
    assert Subscription.objects.count() == 5
    assert len(mail.outbox) == 5
    degraded = [record for record in caplog.records if record.name == "config.rate_limits"]
    assert [record.levelno for record in degraded] == [logging.WARNING]
    assert not [record for record in caplog.records if record.exc_info]

    # Another reader is not refused for the outage itself.
    assert subscribe(client, "someone@example.org", address="203.0.113.99").status_code == 200

    private_redis.start()
    with caplog.at_level(logging.INFO):
        assert subscribe(client, "after@example.org", address="203.0.113.100").status_code == 200
    assert "Redis counts rate limits again." in caplog.text
