"""The anonymous forms (vote, step report, subscribe) accept posts from this site's own pages only, judged by
Sec-Fetch-Site, else by the full Origin (scheme and host), else by the Referer's."""

import pytest

from notices.models import Subscription
from ratings.models import Vote

pytestmark = pytest.mark.django_db

OWN = "http://testserver"


def subscribe(client, **headers):
    return client.post(
        "/en/notices/subscribe/", {"email": "carol@example.net", "scope": "all", "frequency": "weekly"}, **headers
    )


def vote(client, page, **headers):
    return client.post("/en/ratings/vote/", {"page": page.pk, "stars": 4}, **headers)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "null"},  # a sandboxed frame, a data: document
        {"HTTP_ORIGIN": "https://testserver"},  # another scheme is another origin
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
        {"HTTP_ORIGIN": "http://evil.example", "HTTP_REFERER": f"{OWN}/en/"},  # the Origin decides when it is sent
        {"HTTP_REFERER": "https://testserver/en/"},
        {"HTTP_REFERER": "http://evil.example/en/"},
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": OWN},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
    ],
)
def test_posts_from_anywhere_else_are_refused_and_change_nothing(client, site_tree, headers):
    assert subscribe(client, **headers).status_code == 403
    assert vote(client, site_tree.guide, **headers).status_code == 403
    assert not Subscription.objects.exists()
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": OWN},
        {"HTTP_ORIGIN": "HTTP://TESTSERVER"},
        {"HTTP_REFERER": f"{OWN}/en/guides/"},
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
    ],
)
def test_posts_from_our_own_pages_are_accepted(client, site_tree, headers):
    assert subscribe(client, **headers).status_code != 403
    assert Subscription.objects.count() == 1
    assert vote(client, site_tree.guide, **headers).status_code != 403
    assert Vote.objects.count() == 1


def test_behind_the_proxy_the_https_origin_is_ours(client, site_tree, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    https = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "testserver"}
    assert subscribe(client, HTTP_ORIGIN="https://testserver", **https).status_code != 403
    assert subscribe(client, HTTP_ORIGIN=OWN, **https).status_code == 403
