"""The page cache's application side (page_cache/): what it marks shareable, with which keys and variants, which
keys each change purges, and how purges reach Varnish. Through a real varnishd: test_varnish.py."""

import http.server
import logging
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.test import Client

from guides.i18n import page_urls_by_language
from page_cache import vcl
from page_cache.purge import softpurge
from ratings.signals import rating_summary_changed
from tests.conftest import PROJECT_DIR, free_port

from .test_security import production_env

pytestmark = pytest.mark.django_db


def de_url(page):
    return page_urls_by_language(page)["de"]


def keys_of(response):
    return set(response["xkey"].split())


class RecordingVarnish(http.server.ThreadingHTTPServer):
    """Answers PURGE with the status it is given and keeps the keys of each request."""

    def __init__(self, status=200):
        self.status, self.purged = status, []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):  # the method name http.server dispatches to
                server.purged.append(self.headers["xkey-softpurge"].split())
                self.send_response(server.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def keys(self):
        return {key for batch in self.purged for key in batch}


@pytest.fixture
def varnish(settings):
    server = RecordingVarnish()
    settings.VARNISH_URLS = [server.url]
    yield server
    server.shutdown()
    server.server_close()


# --- What is shared, with which keys ------------------------------------------------------------------------


def test_an_anonymous_page_is_shared_with_the_keys_of_what_it_shows(site_tree):
    response = Client().get(de_url(site_tree.guide))
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=600"
    guide, home = site_tree.guide.pk, site_tree.home.pk
    assert {
        f"page-{guide}",
        f"page-{home}",
        f"page-{site_tree.guide_index.pk}",
        f"page-{site_tree.deadline.pk}",
        f"platform-{site_tree.platform.pk}",
        f"rating-{guide}",
        f"notices-{guide}",
        f"children-{home}",
    } <= keys_of(response)
    assert f"page-{site_tree.article.pk}" not in keys_of(response)
    assert {"X-Query-Surface", "X-Query-Rated"} <= {name.strip() for name in response["Vary"].split(",")}


def test_a_listing_is_keyed_by_the_pages_below_it_and_by_what_it_shows_of_them(site_tree):
    response = Client().get(de_url(site_tree.guide_index))
    keys = keys_of(response)
    assert f"below-{site_tree.guide_index.pk}" in keys
    assert f"platform-{site_tree.platform.pk}" in keys  # the guides are grouped by platform
    assert f"page-{site_tree.guide.pk}" not in keys  # covered by below-…, which every change under it purges
    search = Client().get("/en/search/?q=object")
    assert {"search", f"children-{site_tree.home.pk}"} <= keys_of(search)
    assert {"X-Query-Q", "X-Query-Page"} <= {name.strip() for name in search["Vary"].split(",")}


def test_signed_in_users_pending_messages_posts_and_the_admin_stay_private(site_tree, django_user_model):
    url = de_url(site_tree.guide)
    editor = django_user_model.objects.create_user("editor-ops", password="pw-ops-12345")
    signed_in = Client()
    signed_in.force_login(editor)
    with_messages = Client()
    with_messages.cookies["messages"] = "anything"
    answers = [
        signed_in.get(url),
        with_messages.get(url),
        Client().get("/admin/login/"),
        Client().post("/de/ratings/vote/", {"page": site_tree.guide.pk, "stars": 3}, HTTP_SEC_FETCH_SITE="same-origin"),
        Client().get("/de/no-such-page/"),
    ]
    for response in answers:
        assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"], response
        assert "xkey" not in response


def test_a_page_whose_view_sets_a_cookie_or_its_own_cache_control_is_not_shared(site_tree, monkeypatch):
    from guides.models import GuidePage

    original_serve = GuidePage.serve

    def serve_with_cookie(self, request, *args, **kwargs):
        response = original_serve(self, request, *args, **kwargs)
        response.set_cookie("seen", "1")
        return response

    monkeypatch.setattr(GuidePage, "serve", serve_with_cookie)
    response = Client().get(de_url(site_tree.guide))
    assert "private" in response["Cache-Control"]
    assert "xkey" not in response


def test_parameters_a_page_does_not_read_change_nothing(site_tree):
    guide = de_url(site_tree.guide)
    assert (
        Client().get(guide + "?surface=android&utm_source=news&page=2&q=x").content
        == Client().get(guide + "?surface=android").content
    )
    search = "/en/search/?q=training"
    plain = Client().get(search).content
    assert Client().get(search + "&utm_source=news&surface=web&page=abc").content == plain
    assert b"utm_source" not in plain


def test_the_varnish_configuration_follows_the_declarations():
    assert vcl.PATH.read_text() == vcl.render(), "run manage.py write_page_cache_vcl"


def test_routes_become_path_prefixes_for_varnish_whatever_their_kind():
    from django.urls.resolvers import RegexPattern, RoutePattern

    assert vcl.route_regex(RoutePattern("search/", is_endpoint=True)) == "search/"
    assert vcl.route_regex(RoutePattern("cards/<int:page_id>.png", is_endpoint=True)) == r"cards/(?:[0-9]+)\.png"
    assert vcl.route_regex(RegexPattern(r"^(?P<old>search|notices)/(?P<rest>.*)$")) == "(?:search|notices)/(?:.*)"


# --- What each change purges, and when ------------------------------------------------------------------------


def test_a_publish_purges_the_page_the_lists_above_it_and_search_after_the_commit(
    site_tree, varnish, django_capture_on_commit_callbacks
):
    guide, index, home = site_tree.guide.pk, site_tree.guide_index.pk, site_tree.home.pk
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site_tree.guide.save_revision().publish()
    assert varnish.purged == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert {f"page-{guide}", f"below-{index}", f"below-{home}", "search"} <= varnish.keys()
    assert (
        not {f"page-{index}", f"page-{home}", f"children-{home}", f"platform-{site_tree.platform.pk}"} & varnish.keys()
    )


def test_a_page_under_the_root_also_purges_the_menu(site_tree, varnish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.guide_index.save_revision().publish()
    assert {
        f"page-{site_tree.guide_index.pk}",
        f"page-{site_tree.guide.pk}",
        f"children-{site_tree.home.pk}",
    } <= varnish.keys()


def test_snippets_summaries_and_notices_purge_their_own_keys(site_tree, varnish, django_capture_on_commit_callbacks):
    from editorial.cache import purge_pages

    with django_capture_on_commit_callbacks(execute=True):
        site_tree.platform.save()
        rating_summary_changed.send(sender=None, page_id=site_tree.article.pk)
        purge_pages([site_tree.guide.pk])
    assert varnish.purged == [
        [f"platform-{site_tree.platform.pk}"],
        [f"rating-{site_tree.article.pk}"],
        [f"notices-{site_tree.guide.pk}"],
    ]


def test_many_keys_go_out_in_several_requests_under_varnishs_header_limit(varnish):
    keys = {f"page-{number}" for number in range(2000)}
    assert softpurge(keys) == len(varnish.purged) > 1
    assert varnish.keys() == keys
    assert all(len(" ".join(batch)) <= 4000 for batch in varnish.purged)


# --- Purges that cannot be made -----------------------------------------------------------------------------


@pytest.fixture
def silent_varnish(settings):
    """Accepts connections and never answers, like a host that swallows packets after the handshake."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    settings.VARNISH_URLS = [f"http://127.0.0.1:{listener.getsockname()[1]}"]
    yield
    listener.close()


def test_a_silent_varnish_holds_a_purge_no_longer_than_the_time_limit(silent_varnish, settings, caplog):
    settings.PAGE_CACHE_PURGE_TIMEOUT = 0.5
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="page_cache.purge"):
        assert softpurge({"page-1"}) == 0
    assert time.monotonic() - started < 3
    assert "Could not purge page-1" in caplog.text


def test_an_absent_varnish_or_a_refused_purge_is_logged_not_raised(settings, caplog):
    refusing = RecordingVarnish(status=405)
    settings.VARNISH_URLS = [f"http://127.0.0.1:{free_port()}", refusing.url]
    try:
        with caplog.at_level(logging.ERROR, logger="page_cache.purge"):
            assert softpurge({"search"}) == 0
    finally:
        refusing.shutdown()
        refusing.server_close()
    assert caplog.text.count("Could not purge search") == 2
    assert "405" in caplog.text


def test_production_settings_purge_every_varnish_listed_and_refuse_other_addresses():
    code = "from django.conf import settings; print(' '.join(settings.VARNISH_URLS))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        env=production_env(VARNISH_URL="http://varnish-a:80,http://varnish-b:80"),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["http://varnish-a:80", "http://varnish-b:80"]


def test_a_varnish_address_that_is_not_http_is_refused(settings):
    settings.VARNISH_URLS = ["varnish:80"]
    with pytest.raises(ValueError, match="VARNISH_URL"):
        softpurge({"search"})
