"""Watched sources against a local HTTP server only: a page is served, changed, removed and moved behind a login.

No request leaves 127.0.0.1 (SOURCE_WATCH_ALLOW_PRIVATE lets the client reach the test server).
"""

import re
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from editorial import source_watch, tasks
from editorial.models import SourceChange, WatchedSource, WatchedSourceStatus
from editorial.setup import EDITORS
from guides.demo import facebook_guide
from guides.demo.loader import page_key_uuid
from guides.models import GuidePage
from tests.factories import ensure_wagtail_roots

from .conftest import make_user

HELP_PAGE = """<!doctype html><html><head><title>Help</title><script>track()</script></head><body>
<nav>Home · Help Centre</nav>
<main>
  <h1>Object to the use of your information for AI</h1>
  <p>Open the <a href="/form?utm_source=help&amp;id=7">objection form</a> in the Privacy Centre.</p>
  <p>Choose <b>Exercise your privacy rights</b>.</p>
  <p>Updated {date} · {views} views</p>
</main>
<footer>© Example</footer></body></html>"""


def page(date="20 May 2025", views="1,204", rights="Exercise your privacy rights", form="/form?utm_source=help&id=7"):
    return (
        HELP_PAGE.replace("{date}", date)
        .replace("{views}", views)
        .replace("Exercise your privacy rights", rights)
        .replace("/form?utm_source=help&amp;id=7", form)
    )


class Site(BaseHTTPRequestHandler):
    """Serves ``routes`` {path: (status, headers, body)}; answers If-None-Match with 304 when the ETag matches."""

    routes = {}
    seen = []
    trickle = 0.0

    def do_GET(self):  # http.server's name
        Site.seen.append((self.path, self.headers.get("User-Agent"), self.headers.get("If-None-Match")))
        status, headers, body = Site.routes.get(self.path, (404, {}, b"not found"))
        if status == 200 and headers.get("ETag") and self.headers.get("If-None-Match") == headers["ETag"]:
            status, body = 304, b""
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if Site.trickle:
            for start in range(0, len(body), 1024):
                self.wfile.write(body[start : start + 1024])
                self.wfile.flush()
                time.sleep(Site.trickle)
        else:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(path, body, etag=None, status=200, headers=None):
    headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
    if etag:
        headers["ETag"] = etag
    Site.routes[path] = (status, headers, body.encode() if isinstance(body, str) else body)


@pytest.fixture
def local_site(settings):
    settings.SOURCE_WATCH_ALLOW_PRIVATE = True  # the server is on 127.0.0.1
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Site.routes, Site.seen, Site.trickle = {}, [], 0.0
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def source(site_tree, local_site):
    serve("/help/ai", page(), etag='"v1"')
    return WatchedSource.objects.create(
        guide_id=site_tree.guide.pk, label="Help: AI objection", url=f"{local_site}/help/ai"
    )


def check(source):
    return source_watch.check_source(WatchedSource.objects.get(pk=source.pk))


def page_requests():
    return [entry for entry in Site.seen if entry[0] == "/help/ai"]


def test_first_check_keeps_the_main_text_and_validators(source):
    assert check(source) == WatchedSourceStatus.OK
    source.refresh_from_db()
    assert source.etag == '"v1"' and source.last_checked_at is not None
    assert "Choose Exercise your privacy rights." in source.last_text
    assert "Help Centre" not in source.last_text and "track()" not in source.last_text  # nav and scripts left out
    assert "utm_source" not in source.last_text and "/form?id=7" in source.last_text
    assert page_requests()[0][1].startswith("guide-platform source watch")


def test_an_unchanged_page_costs_a_304_and_records_nothing(source):
    check(source)
    assert check(source) == WatchedSourceStatus.OK
    assert page_requests()[-1][2] == '"v1"', "the ETag was not sent back"
    source.refresh_from_db()
    assert source.status == WatchedSourceStatus.OK and "privacy rights" in source.last_text
    assert not SourceChange.objects.exists()


def test_a_new_date_counter_or_tracking_parameter_is_no_change(source):
    check(source)
    serve(
        "/help/ai", page(date="2 June 2025", views="1,377", form="/form?id=7&utm_campaign=june&fbclid=abc"), etag='"v2"'
    )
    assert check(source) == WatchedSourceStatus.OK
    assert not SourceChange.objects.exists()
    source.refresh_from_db()
    assert source.etag == '"v2"' and "2 June 2025" in source.last_text


def test_a_changed_page_is_flagged_with_a_diff_and_moderators_are_mailed_once(source, moderator):
    tasks.check_watched_source(source.pk)
    serve("/help/ai", page(rights="Manage your privacy rights"), etag='"v3"')
    assert tasks.check_watched_source(source.pk) == WatchedSourceStatus.CHANGED
    source.refresh_from_db()
    assert "-Choose Exercise your privacy rights." in source.last_change
    assert "+Choose Manage your privacy rights." in source.last_change
    change = SourceChange.objects.get()
    assert change.kind == WatchedSourceStatus.CHANGED and change.notified_at is not None
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert "+Choose Manage your privacy rights." in mail.outbox[0].body
    with translation.override("en"):  # the moderator's admin language
        assert mail.outbox[0].subject == gettext("An official page a guide follows has changed")

    assert tasks.check_watched_source(source.pk) == WatchedSourceStatus.CHANGED  # 304: the flag stays
    assert len(mail.outbox) == 1 and SourceChange.objects.count() == 1


def test_a_redesigned_page_keeps_a_diff_of_bounded_length(source):
    check(source)
    serve("/help/ai", "<main>" + "".join(f"<p>New paragraph {number}</p>" for number in range(500)) + "</main>")
    assert check(source) == WatchedSourceStatus.CHANGED
    diff = WatchedSource.objects.get(pk=source.pk).last_change.splitlines()
    assert len(diff) == source_watch.MAX_DIFF_LINES + 1 and diff[-1].endswith("more lines)")


def test_a_removed_page_is_flagged_as_vanished_once(source):
    check(source)
    del Site.routes["/help/ai"]
    assert check(source) == WatchedSourceStatus.VANISHED
    assert check(source) == WatchedSourceStatus.VANISHED
    change = SourceChange.objects.get()
    assert change.kind == WatchedSourceStatus.VANISHED
    assert WatchedSource.objects.get(pk=source.pk).last_error == "HTTP 404"


def test_a_redirect_to_a_login_page_is_flagged_as_vanished(source, local_site):
    check(source)
    serve("/help/ai", "", status=302, headers={"Location": "/login/?next=/help/ai"})
    serve("/login/?next=/help/ai", "<main><p>Log in to continue</p></main>")
    assert check(source) == WatchedSourceStatus.VANISHED
    assert "/login/" in WatchedSource.objects.get(pk=source.pk).last_error


def test_a_page_robots_txt_disallows_is_not_fetched(source):
    serve("/robots.txt", "User-agent: *\nDisallow: /help/\n", headers={"Content-Type": "text/plain"})
    assert check(source) == WatchedSourceStatus.ERROR
    assert page_requests() == []
    assert "robots.txt" in WatchedSource.objects.get(pk=source.pk).last_error


def robots_requests():
    return [entry for entry in Site.seen if entry[0] == "/robots.txt"]


def test_a_sites_robots_txt_is_read_once_a_day_for_all_its_pages(source, local_site, site_tree, settings):
    serve("/robots.txt", "User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    serve("/help/form", page())
    second = WatchedSource.objects.create(guide_id=site_tree.guide.pk, label="Form", url=f"{local_site}/help/form")
    assert check(source) == WatchedSourceStatus.OK
    assert check(second) == WatchedSourceStatus.OK
    assert check(source) == WatchedSourceStatus.OK
    assert len(robots_requests()) == 1
    # Kept no longer than SOURCE_WATCH_ROBOTS_MAX_AGE: a site that now closes a page is obeyed from then on.
    settings.SOURCE_WATCH_ROBOTS_MAX_AGE = 1
    cache.clear()
    check(source)
    serve("/robots.txt", "User-agent: *\nDisallow: /help/form\n", headers={"Content-Type": "text/plain"})
    time.sleep(1.5)
    assert check(second) == WatchedSourceStatus.ERROR
    assert "robots.txt" in WatchedSource.objects.get(pk=second.pk).last_error
    assert len(robots_requests()) == 3


def test_an_unavailable_robots_txt_is_asked_again_on_the_next_check(source):
    serve("/robots.txt", "busy", status=503)
    assert check(source) == WatchedSourceStatus.ERROR
    assert page_requests() == []
    assert WatchedSource.objects.get(pk=source.pk).last_error == "robots.txt unavailable"
    serve("/robots.txt", "User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
    assert check(source) == WatchedSourceStatus.OK
    assert len(robots_requests()) == 2 and len(page_requests()) == 1


def test_a_site_closed_by_401_or_403_on_robots_txt_is_not_fetched(source):
    serve("/robots.txt", "no", status=403)
    assert check(source) == WatchedSourceStatus.ERROR
    assert check(source) == WatchedSourceStatus.ERROR
    assert page_requests() == [] and len(robots_requests()) == 1


def test_a_failed_check_keeps_an_open_flag(source):
    check(source)
    serve("/help/ai", page(rights="Manage your privacy rights"), etag='"v3"')
    check(source)
    serve("/help/ai", "down", status=503)
    assert check(source) == WatchedSourceStatus.CHANGED
    assert WatchedSource.objects.get(pk=source.pk).last_error == "HTTP 503"


def test_a_page_above_the_size_limit_is_not_read(source, settings):
    settings.SOURCE_WATCH_MAX_BYTES = 50_000
    serve("/help/ai", "<p>" + "x" * 200_000 + "</p>")
    assert check(source) == WatchedSourceStatus.ERROR
    source.refresh_from_db()
    assert source.last_error == "page larger than the limit" and source.last_text == ""


def test_a_page_slower_than_the_time_limit_is_given_up(source, settings):
    settings.SOURCE_WATCH_TIMEOUT = 1
    serve("/help/ai", "<p>" + "x" * 100_000 + "</p>")
    Site.trickle = 0.05  # 1 KB every 50 ms: about 5 s for the page, each read well inside the socket timeout
    started = time.monotonic()
    assert check(source) == WatchedSourceStatus.ERROR
    assert time.monotonic() - started < 3
    assert WatchedSource.objects.get(pk=source.pk).last_error == "page took longer than the limit"


def test_the_daily_run_spaces_checks_per_host_and_skips_recent_ones(
    site_tree, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.SOURCE_WATCH_HOST_INTERVAL = 30
    make = WatchedSource.objects.create
    first = make(guide_id=site_tree.guide.pk, label="a", url="https://help.example.org/a")
    second = make(guide_id=site_tree.guide.pk, label="b", url="https://help.example.org/b")
    other_host = make(guide_id=site_tree.guide.pk, label="c", url="https://privacy.example.net/c")
    make(
        guide_id=site_tree.guide.pk,
        label="d",
        url="https://help.example.org/d",
        last_checked_at=timezone.now() - timedelta(hours=1),
    )
    queued = []
    monkeypatch.setattr(
        tasks.check_watched_source, "apply_async", lambda args, countdown: queued.append((args[0], countdown))
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.check_watched_sources() == 3
    assert sorted(queued) == sorted([(first.pk, 0), (second.pk, 30), (other_host.pk, 0)])


def test_a_sites_crawl_delay_spaces_its_checks_further(
    source, local_site, site_tree, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.SOURCE_WATCH_HOST_INTERVAL = 30
    robots = "User-agent: guide-platform\nCrawl-delay: 120\n\nUser-agent: *\nCrawl-delay: 5\n"
    serve("/robots.txt", robots, headers={"Content-Type": "text/plain"})
    check(source)  # stores the site's rules; this source is now checked for the day
    make = WatchedSource.objects.create
    first = make(guide_id=site_tree.guide.pk, label="a", url=f"{local_site}/help/a")
    second = make(guide_id=site_tree.guide.pk, label="b", url=f"{local_site}/help/b")
    third = make(guide_id=site_tree.guide.pk, label="c", url=f"{local_site}/help/c")
    unknown_site = make(guide_id=site_tree.guide.pk, label="d", url="https://help.example.org/d")
    also_unknown = make(guide_id=site_tree.guide.pk, label="e", url="https://help.example.org/e")
    queued = []
    monkeypatch.setattr(
        tasks.check_watched_source, "apply_async", lambda args, countdown: queued.append((args[0], countdown))
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.check_watched_sources() == 5
    # The rules name our client: its 120 s apply, not the 5 s for others; a site not yet read keeps the default.
    assert sorted(queued) == sorted(
        [(first.pk, 0), (second.pk, 120), (third.pk, 240), (unknown_site.pk, 0), (also_unknown.pk, 30)]
    )
    assert len(robots_requests()) == 1  # planning fetched nothing


def flag(source):
    check(source)
    serve("/help/ai", page(rights="Manage your privacy rights"), etag='"v3"')
    assert check(source) == WatchedSourceStatus.CHANGED


def test_the_dashboard_shows_the_diff_and_checked_clears_the_flag(source, editor):
    flag(source)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "editorial-changed-sources" in html
    assert "+Choose Manage your privacy rights." in html
    assert reverse("wagtailadmin_pages:edit", args=[source.guide_id]) in html
    with translation.override("de"):  # the editor's admin language
        assert gettext("Checked, no change needed") in html
    action = reverse("editorial_acknowledge_source", args=[source.pk])
    assert client.post(action).status_code == 403, "a POST without the CSRF token was accepted"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(action, {"csrfmiddlewaretoken": token, "next": "https://elsewhere.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    source.refresh_from_db()
    assert source.status == WatchedSourceStatus.OK and source.acknowledged_by == editor
    assert "+Choose Manage your privacy rights." not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_only_editors_and_moderators_may_mark_a_source_checked(source, translator, moderator, client):
    flag(source)
    action = reverse("editorial_acknowledge_source", args=[source.pk])
    client.force_login(translator)
    assert "Checked, no change needed" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.post(action)  # refused: Wagtail sends those without permission back to the dashboard
    assert WatchedSource.objects.get(pk=source.pk).status == WatchedSourceStatus.CHANGED
    client.force_login(moderator)
    assert client.get(action).status_code == 405, "a GET must not clear a flag"
    assert client.post(action).status_code == 302
    assert WatchedSource.objects.get(pk=source.pk).status == WatchedSourceStatus.OK


def test_editors_attach_a_source_to_a_guide_in_the_admin(site_tree, editor, client):
    client.force_login(editor)
    response = client.post(
        reverse("watched_sources:add"),
        {"guide": site_tree.guide.pk, "label": "Privacy centre", "url": "https://privacy.example.org/centre"},
    )
    assert response.status_code == 302
    created = WatchedSource.objects.get()
    assert created.guide_id == site_tree.guide.pk and created.status == WatchedSourceStatus.OK
    assert "Privacy centre" in client.get(reverse("watched_sources:index")).content.decode()


def test_the_demo_shows_the_facebook_guide_flagged_by_its_changed_privacy_centre(db, django_user_model, client):
    ensure_wagtail_roots()
    call_command("load_demo", "--no-accounts", stdout=StringIO())
    guide = GuidePage.objects.get(translation_key=page_key_uuid(facebook_guide.KEY))
    source = WatchedSource.objects.get(guide=guide)
    assert source.status == WatchedSourceStatus.CHANGED
    assert SourceChange.objects.get(source=source).notified_at is not None, "the demo must not e-mail moderators"
    client.force_login(make_user(django_user_model, "demo-reader", EDITORS))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert guide.title in html
    assert "-Rechte in Bezug auf Datenschutz ausüben" in html and "+Deine Datenschutzrechte verwalten" in html
    assert "Zuletzt aktualisiert" in html


@pytest.mark.postgres
@pytest.mark.redis
def test_a_change_is_found_through_a_real_worker(site_tree, local_site, moderator, celery_worker_factory, smtp_sink):
    serve("/help/ai", page(), etag='"v1"')
    source = WatchedSource.objects.create(guide_id=site_tree.guide.pk, label="Help", url=f"{local_site}/help/ai")
    celery_worker_factory(EMAIL_URL=smtp_sink.url, SOURCE_WATCH_ALLOW_PRIVATE="true")
    assert tasks.check_watched_source.delay(source.pk).get(timeout=60) == WatchedSourceStatus.OK
    serve("/help/ai", page(rights="Manage your privacy rights"), etag='"v2"')
    assert tasks.check_watched_source.delay(source.pk).get(timeout=60) == WatchedSourceStatus.CHANGED
    assert "+Choose Manage your privacy rights." in WatchedSource.objects.get(pk=source.pk).last_change
    assert [message["to"] for message in smtp_sink.wait_for(1)] == [[moderator.email]]
