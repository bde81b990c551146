"""config.wsgi answers page-cache hits before Django: the same answer, without Django's request handling."""

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from config import wsgi
from guides.i18n import page_urls_by_language
from ratings.signals import rating_summary_changed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def django_requests():
    """Counts the requests that reach Django's handler; keeps the test's transaction open as the test client does."""
    seen = []

    def count(**kwargs):
        seen.append(1)

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.connect(count, dispatch_uid="test-wsgi-count")
    yield seen
    request_started.disconnect(dispatch_uid="test-wsgi-count")
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def call(url, method="GET", **extra):
    """Calls config.wsgi.application as gunicorn would; returns (status line, headers dict, body)."""
    request = getattr(RequestFactory(), method.lower())(url, **extra)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    body = b"".join(wsgi.application(request.environ, start_response))
    headers = dict(answer["headers"])
    assert len(headers) == len(answer["headers"]), "a header was sent twice"
    return answer["status"], headers, body


def de_url(page):
    return page_urls_by_language(page)["de"]


def test_a_hit_is_the_stored_answer_without_django(site_tree, django_requests, django_assert_num_queries):
    url = de_url(site_tree.guide)
    status, first_headers, first_body = call(url)
    assert status == "200 OK"
    assert first_headers["X-Page-Cache"] == "miss"
    assert len(django_requests) == 1

    with django_assert_num_queries(0):
        status, headers, body = call(url)
    assert len(django_requests) == 1, "the hit reached Django"
    assert status == "200 OK"
    assert body == first_body
    assert headers.pop("X-Page-Cache") == "hit"
    assert headers == {name: value for name, value in first_headers.items() if name != "X-Page-Cache"}
    # The security headers that the middleware inside the cache added are part of the stored answer.
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]
    assert "s-maxage=" in headers["Cache-Control"]


def test_head_gets_the_headers_without_the_body(site_tree, django_requests):
    url = de_url(site_tree.guide)
    call(url)
    status, headers, body = call(url, method="HEAD")
    assert status == "200 OK"
    assert headers["X-Page-Cache"] == "hit"
    assert body == b""
    assert int(headers["Content-Length"]) > 0
    assert len(django_requests) == 1


@pytest.mark.parametrize("extra", [
    {"HTTP_COOKIE": "sessionid=abc"},
    {"HTTP_COOKIE": "theme=dark; messages=x"},
    {"QUERY_STRING": "utm_source=newsletter"},
])
def test_readers_who_bypass_the_cache_reach_django(site_tree, django_requests, extra):
    url = de_url(site_tree.guide)
    call(url)
    status, headers, _body = call(url, **extra)
    assert status == "200 OK"
    assert "X-Page-Cache" not in headers
    assert len(django_requests) == 2


def test_posts_always_reach_django(site_tree, django_requests):
    call("/de/suche/?q=facebook")
    status, headers, _body = call("/de/suche/?q=facebook", method="POST")
    assert status.startswith("403")  # Django's CSRF check answered, not the cache
    assert "X-Page-Cache" not in headers
    assert len(django_requests) == 2


def test_a_forgotten_page_is_rendered_again(site_tree, django_requests, django_capture_on_commit_callbacks):
    url = de_url(site_tree.guide)
    call(url)
    assert call(url)[1]["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        rating_summary_changed.send(sender=None, page_id=site_tree.guide.pk)
    assert call(url)[1]["X-Page-Cache"] == "miss"
    assert len(django_requests) == 2


def test_https_and_http_answers_are_kept_apart(site_tree, django_requests, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    url = de_url(site_tree.guide)
    _status, plain, _body = call(url)
    _status, secure, _body = call(url, HTTP_X_FORWARDED_PROTO="https")
    assert secure["X-Page-Cache"] == "miss", "the answer over http was served for https"
    assert "Strict-Transport-Security" in secure
    assert "Strict-Transport-Security" not in plain
    assert "Strict-Transport-Security" in call(url, HTTP_X_FORWARDED_PROTO="https")[1]
    assert "Strict-Transport-Security" not in call(url)[1]
    assert len(django_requests) == 2


def test_the_middleware_serves_the_same_entries(site_tree, client, django_requests):
    """The test client bypasses config.wsgi; the middleware answers hits from the same entries."""
    url = de_url(site_tree.guide)
    _status, _headers, body = call(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert response.content == body


def test_with_the_https_redirect_on_plain_http_is_redirected_even_when_cached(
        site_tree, django_requests, settings, monkeypatch):
    url = de_url(site_tree.guide)
    assert call(url)[0] == "200 OK"  # stored while the redirect was off
    settings.SECURE_SSL_REDIRECT = True
    # As after a restart with the new setting: Django's middleware reads it when the handler is built.
    monkeypatch.setattr(wsgi, "django_application", WSGIHandler())
    status, headers, _body = call(url)
    assert status.startswith("301")
    assert headers["Location"].startswith("https://")
    assert call(url, HTTP_X_FORWARDED_PROTO="https")[0] == "200 OK"
