"""The bounded link check, against a local HTTP server only (no request leaves 127.0.0.1)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from editorial import link_check, tasks
from editorial.models import FlagReason, LinkCheckResult, PageFreshness
from guides.models import GuidePage
from tests.factories import LANGUAGES, record_verifications, step_block, surface_block


class Handler(BaseHTTPRequestHandler):
    seen = []

    def _answer(self, with_body):
        Handler.seen.append((self.command, self.path))
        if self.path == "/ok":
            code, headers = 200, {}
        elif self.path == "/no-head" and self.command == "HEAD":
            code, headers = 405, {}
        elif self.path == "/no-head":
            code, headers = 200, {}
        elif self.path == "/loop":
            code, headers = 302, {"Location": "/loop"}
        elif self.path == "/moved":
            code, headers = 301, {"Location": "/ok"}
        else:
            code, headers = 404, {}
        self.send_response(code)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", "2" if with_body else "0")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self):  # http.server's name
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server(settings):
    settings.GUIDE_LINK_CHECK_ALLOW_PRIVATE = True  # our server is on 127.0.0.1
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def guide_with_links(guide, urls):
    instruction = "".join(f'<p><a href="{url}">link</a></p>' for url in urls)
    for code in LANGUAGES:  # in every language, so no translation lags behind
        setattr(guide, f"steps_{code}", [surface_block("web", [step_block("Step", instruction=instruction)])])
    guide.save_revision().publish()
    return GuidePage.objects.get(pk=guide.pk)


def test_each_kind_of_answer_is_kept(site_tree, local_server, settings):
    settings.GUIDE_LINK_CHECK_MAX_REDIRECTS = 3
    urls = [f"{local_server}/{path}" for path in ("ok", "no-head", "moved", "missing", "loop")]
    guide = guide_with_links(site_tree.guide, [*urls, "mailto:someone@example.org"])
    assert link_check.check_links(guide) == 2
    results = {r.url.rsplit("/", 1)[1]: r for r in LinkCheckResult.objects.filter(page=guide)}
    assert set(results) == {"ok", "no-head", "moved", "missing", "loop"}
    assert (results["ok"].ok, results["ok"].status_code) == (True, 200)
    assert results["no-head"].ok and ("GET", "/no-head") in Handler.seen  # HEAD refused, GET answered
    assert results["moved"].ok
    assert (results["missing"].ok, results["missing"].status_code) == (False, 404)
    assert (results["loop"].ok, results["loop"].error) == (False, "too many redirects")
    assert results["missing"].failing_since is not None
    # The redirect loop stopped at the limit: one HEAD per hop, no more.
    assert sum(1 for request in Handler.seen if request == ("HEAD", "/loop")) == 4


def test_at_most_the_configured_number_of_links_is_checked(site_tree, local_server, settings):
    settings.GUIDE_LINK_CHECK_MAX_LINKS = 2
    guide = guide_with_links(site_tree.guide, [f"{local_server}/ok?{n}" for n in range(5)])
    link_check.check_links(guide)
    assert LinkCheckResult.objects.filter(page=guide).count() == 2
    assert len(Handler.seen) == 2


def test_a_dead_server_flags_the_guide_and_removing_the_link_clears_it(site_tree, local_server):
    guide = guide_with_links(site_tree.guide, [f"{local_server}/missing"])
    record_verifications(guide, timezone.now(), LANGUAGES, ["web"])
    tasks.check_guide_links(guide.pk)
    tasks.flag_stale_guides()
    assert PageFreshness.objects.get(page=guide).reasons == [FlagReason.BROKEN_LINKS]
    guide = guide_with_links(guide, [f"{local_server}/ok"])
    tasks.check_guide_links(guide.pk)
    tasks.flag_stale_guides()
    assert not PageFreshness.objects.get(page=guide).needs_verification


def test_addresses_inside_our_network_are_not_requested_by_default(site_tree, local_server, settings):
    settings.GUIDE_LINK_CHECK_ALLOW_PRIVATE = False
    guide = guide_with_links(site_tree.guide, [f"{local_server}/ok"])
    assert link_check.check_links(guide) == 1
    assert LinkCheckResult.objects.get(page=guide).error == "private address not checked"
    assert Handler.seen == []
