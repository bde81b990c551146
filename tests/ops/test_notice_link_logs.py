"""The web service's own log (gunicorn's access and error log, Django's loggers) after a subscriber opens every
kind of link in our e-mails: no link's secret and no address appears, only the redacted path."""

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import translation

from notices import tokens
from notices.models import Subscription
from tests.notices.conftest import subscribe

from .conftest import fetch

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def path(name, token):
    with translation.override("de"):
        return reverse(f"notices:{name}", args=[token])


@pytest.mark.postgres
def test_gunicorn_log_shows_no_link_secret_or_address(site_tree, gunicorn_factory, settings):
    # The same key as this process, which stores the hashes the server looks the links up by.
    server = gunicorn_factory(SECRET_KEY=settings.SECRET_KEY)
    pending = subscribe("pending.reader@example.org", confirmed=False)
    active = subscribe("active.reader@example.org")
    confirm, manage, unsubscribe = (
        tokens.confirm_token(pending),
        tokens.manage_token(active),
        tokens.unsubscribe_token(active),
    )
    legacy = signing.TimestampSigner(salt="notices.unsubscribe").sign_object({"id": pending.pk, "email": pending.email})

    assert fetch(server.url + path("confirm", confirm))[0] == 200
    assert fetch(server.url + path("confirm", confirm), SAME_ORIGIN, method="POST", data=b"")[0] == 200
    assert fetch(server.url + path("manage", manage))[0] == 200
    saved = fetch(
        server.url + path("manage", manage),
        {**SAME_ORIGIN, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
        data=b"action=update&language=de&frequency=weekly&scope=all",
    )
    assert saved[0] == 302
    assert fetch(server.url + saved[1]["Location"])[0] == 200
    assert fetch(server.url + path("unsubscribe", unsubscribe))[0] == 200
    assert fetch(server.url + path("unsubscribe", legacy))[0] == 200
    assert (
        fetch(
            server.url + path("unsubscribe", legacy),
            {"Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
            data=b"List-Unsubscribe=One-Click",
        )[0]
        == 200
    )
    assert fetch(server.url + path("manage", "no-such-link"))[0] == 400
    assert Subscription.objects.get(pk=pending.pk).unsubscribed_at is not None
    assert Subscription.objects.get(pk=active.pk).frequency == "weekly"
    server.stop()

    log = server.log()
    for secret in (confirm, manage, unsubscribe, legacy, legacy.split(":")[0]):
        assert secret not in log
    assert "example.org" not in log
    for method, name, status in (
        ("GET", "confirm", 200),
        ("POST", "confirm", 200),
        ("GET", "manage", 200),
        ("POST", "manage", 302),
        ("GET", "unsubscribe", 200),
        ("POST", "unsubscribe", 200),
        ("GET", "manage", 400),
    ):
        assert f'"{method} {path(name, "SECRET").replace("SECRET", "[token]")}" {status} ' in log
