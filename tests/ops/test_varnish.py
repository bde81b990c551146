"""A real varnishd with the project's VCL in front of the web service's gunicorn: what it keeps, what it passes,
and that publishing and new rating summaries purge it (through Wagtail's frontend cache and the project's backend,
config.frontend_cache)."""

import os
import socket
import threading
import time
from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from guides.i18n import page_urls_by_language
from ratings.signals import rating_summary_changed
from tests.conftest import redis_cache_settings

from .conftest import fetch

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def stack(site_tree, settings, gunicorn_factory, varnish_factory):
    """gunicorn and Varnish; this process shares their Redis cache and purges Varnish as the app would."""
    redis_url = os.environ["REDIS_URL"]
    settings.CACHES = redis_cache_settings(redis_url)
    cache.clear()
    web = gunicorn_factory(REDIS_URL=redis_url)
    varnish = varnish_factory(web.port)
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "config.frontend_cache.VarnishBackend", "LOCATION": varnish.url},
    }
    yield site_tree, web, varnish
    cache.clear()


def test_anonymous_pages_are_cached_and_name_no_software(stack):
    site_tree, _web, varnish = stack
    url = varnish.url + page_urls_by_language(site_tree.guide)["de"]
    first = fetch(url)
    second = fetch(url)
    assert (first[0], second[0]) == (200, 200)
    assert (first[1]["X-Cache"], second[1]["X-Cache"]) == ("miss", "hit")
    assert second[2] == first[2]
    for name in ("Via", "X-Varnish", "Server", "X-Powered-By"):
        assert name not in second[1]


def test_a_publish_purges_the_page(stack):
    site_tree, _web, varnish = stack
    url = varnish.url + page_urls_by_language(site_tree.guide)["de"]
    fetch(url)
    assert fetch(url)[1]["X-Cache"] == "hit"
    site_tree.guide.title_de = "Widerspruch: neue Menüs"
    site_tree.guide.save_revision().publish()
    status, headers, body = fetch(url)
    assert status == 200
    assert headers["X-Cache"] == "miss"
    assert "Widerspruch: neue Menüs" in body


def test_a_new_rating_summary_purges_that_page_in_every_language_only(stack):
    site_tree, _web, varnish = stack
    guide_urls = [varnish.url + url for url in page_urls_by_language(site_tree.guide).values()]
    article_url = varnish.url + page_urls_by_language(site_tree.article)["de"]
    for url in [*guide_urls, article_url]:
        fetch(url)
    rating_summary_changed.send(sender=None, page_id=site_tree.guide.pk)
    assert [fetch(url)[1]["X-Cache"] for url in guide_urls] == ["miss"] * len(guide_urls)
    assert fetch(article_url)[1]["X-Cache"] == "hit"


def test_sessions_admin_and_posts_go_to_the_application(stack):
    site_tree, _web, varnish = stack
    url = varnish.url + page_urls_by_language(site_tree.guide)["de"]
    fetch(url)
    signed_in = {"Cookie": "sessionid=abc"}
    assert [fetch(url, headers=signed_in)[1]["X-Cache"] for _ in range(2)] == ["miss", "miss"]
    assert [fetch(varnish.url + "/admin/login/")[1]["X-Cache"] for _ in range(2)] == ["miss", "miss"]


def test_a_vote_through_varnish_is_stored_and_the_page_still_works(stack):
    from ratings.models import Vote

    site_tree, _web, varnish = stack
    page_url = page_urls_by_language(site_tree.guide)["en"]
    fetch(varnish.url + page_url)
    data = urlencode({"page": site_tree.guide.pk, "stars": 4}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin",
               "Origin": varnish.url}
    status, response_headers, _body = fetch(varnish.url + "/en/ratings/vote/", method="POST", data=data,
                                            headers=headers)
    assert status == 303
    assert response_headers["X-Cache"] == "miss"
    assert Vote.objects.filter(page_id=site_tree.guide.pk).count() == 1
    # The reader lands on the page with their own thanks: not a shared copy.
    after = fetch(varnish.url + response_headers["Location"].split("#")[0])
    assert after[0] == 200
    assert "private" in after[1]["Cache-Control"]


def test_a_slowly_sent_body_does_not_hold_the_only_worker(site_tree, gunicorn_factory, varnish_factory):
    """Varnish takes a POST's whole body before passing it on, so a sync worker never waits for a slow client."""
    from ratings.models import Vote

    web = gunicorn_factory(WEB_CONCURRENCY=1)
    varnish = varnish_factory(web.port)
    body = urlencode({"page": site_tree.guide.pk, "stars": 5}).encode()
    rest_sent = threading.Event()
    answer = []

    def slow_reader_votes():
        with socket.create_connection(("127.0.0.1", varnish.port), timeout=20) as connection:
            connection.sendall(
                b"POST /de/ratings/vote/ HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode() + body[:5])
            time.sleep(3)
            rest_sent.set()
            connection.sendall(body[5:])
            answer.append(connection.recv(200))

    slow = threading.Thread(target=slow_reader_votes)
    slow.start()
    time.sleep(0.5)  # the headers and the first bytes are with Varnish
    # A request that Varnish passes to the application: it must not queue behind the slow body.
    status = fetch(varnish.url + "/admin/login/")[0]
    assert status == 200
    assert not rest_sent.is_set(), "the page waited for the slow upload"
    slow.join(30)
    assert answer and answer[0].startswith(b"HTTP/1.1 303")
    assert Vote.objects.filter(page_id=site_tree.guide.pk).count() == 1
