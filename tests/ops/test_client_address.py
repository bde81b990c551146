"""The reader's address comes from the X-Forwarded-For entries of the proxies the operator trusts, and from nowhere
else: behind Varnish every reader keeps a limit of their own, and no header a client sends changes whose it is."""

import http.client
import os
import uuid

import pytest

from config.client_address import client_address

from ..conftest import require
from .conftest import VARNISHD

TRUSTED = ["127.0.0.1", "10.0.0.0/8"]


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # Straight from the reader: the header is the client's own and is ignored.
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
        ("203.0.113.7", "", "203.0.113.7"),
        # Through Varnish, which appended the address it saw; whatever the client put in front is ignored.
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),
        ("127.0.0.1", "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        # Through a load balancer and Varnish, both trusted.
        ("127.0.0.1", "198.51.100.1, 203.0.113.7, 10.1.2.3", "203.0.113.7"),
        ("127.0.0.1", "2001:db8::5, 10.1.2.3", "2001:db8::5"),
        # A trusted proxy that wrote nothing, or only trusted hops: the nearest hop is all that is known.
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "10.1.2.3", "10.1.2.3"),
        # Garbage where a proxy's entry should be stops the walk at the last hop a proxy vouched for.
        ("127.0.0.1", "203.0.113.7, not-an-address", "127.0.0.1"),
        ("127.0.0.1", "not-an-address, 10.1.2.3", "10.1.2.3"),
    ],
)
def test_the_client_is_the_rightmost_address_that_is_not_a_trusted_proxy(remote, forwarded, expected):
    meta = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_address(meta, TRUSTED) == expected


def test_without_trusted_proxies_the_header_is_never_read():
    assert client_address({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}, []) == "127.0.0.1"


@pytest.mark.django_db
def test_the_subscribe_limit_is_per_reader_behind_the_proxy(client, settings, site_tree):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.NOTICES_CLIENT_RATE = "2/h"

    def subscribe(reader, spoofed):
        data = {"email": f"{uuid.uuid4().hex}@example.org", "scope": "all", "frequency": "weekly"}
        return client.post(
            "/en/notices/subscribe/",
            data,
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {reader}",
            HTTP_ORIGIN="http://testserver",
        ).status_code

    first_reader = [subscribe("203.0.113.7", f"198.51.100.{n}") for n in range(3)]
    assert first_reader == [200, 200, 429]
    assert subscribe("203.0.113.8", "198.51.100.1") == 200


def get_from(source, port, path, headers=None):
    """A GET sent from a chosen loopback address, so Varnish sees a different reader."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20, source_address=(source, 0))
    try:
        connection.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_behind_real_varnish_each_reader_has_a_limit_of_their_own(gunicorn_factory, varnish_factory, site_tree):
    require(VARNISHD is not None, "varnishd")
    web = gunicorn_factory(REDIS_URL=os.environ["REDIS_URL"], TRUSTED_PROXIES="127.0.0.1", API_RATE_LIMIT="3/m")
    varnish = varnish_factory(web.port)
    run = uuid.uuid4().hex  # a fresh path per request and run: each one reaches gunicorn, never Varnish's copy

    def api(source, n, headers=None):
        return get_from(source, varnish.port, f"/api/v2/pages/?offset={n}&_={run}", headers)

    # One reader who invents a new X-Forwarded-For each time is still one reader.
    first = [api("127.0.0.2", n, {"X-Forwarded-For": f"198.51.100.{n}"}) for n in range(4)]
    assert first == [200, 200, 200, 429]
    # A second reader behind the same Varnish has a limit of their own.
    assert api("127.0.0.3", 10) == 200
    # Straight to gunicorn from an address that is not a trusted proxy, the header is ignored as well.
    direct = [
        get_from("127.0.0.4", web.port, f"/api/v2/pages/?offset={n}", {"X-Forwarded-For": "127.0.0.3"})
        for n in range(4)
    ]
    assert direct == [200, 200, 200, 429]


def post_from(source, port, path, body, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20, source_address=(source, 0))
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Host": "localhost",
                "Content-Type": "application/x-www-form-urlencoded",
                "Sec-Fetch-Site": "same-origin",
                **headers,
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_behind_real_varnish_one_address_has_three_voices_and_another_reader_its_own(
    gunicorn_factory, varnish_factory, site_tree
):
    from ratings.models import Vote

    require(VARNISHD is not None, "varnishd")
    web = gunicorn_factory(REDIS_URL=os.environ["REDIS_URL"], TRUSTED_PROXIES="127.0.0.1")
    varnish = varnish_factory(web.port)
    body = f"page={site_tree.guide.pk}&stars=1"

    # No cookie, a new User-Agent and a forged X-Forwarded-For on every vote: still one address.
    flood = [
        post_from(
            "127.0.0.2",
            varnish.port,
            "/en/ratings/vote/",
            body,
            {"User-Agent": f"Agent {n}", "X-Forwarded-For": f"198.51.100.{n}"},
        )
        for n in range(10)
    ]
    assert flood == [303] * 3 + [429] * 7
    # A reader on another address behind the same Varnish is counted.
    assert post_from("127.0.0.3", varnish.port, "/en/ratings/vote/", body, {"User-Agent": "Agent 0"}) == 303
    assert Vote.objects.filter(page=site_tree.guide).count() == 4
