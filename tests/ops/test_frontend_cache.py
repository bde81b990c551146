"""config.frontend_cache.VarnishBackend: what a purge sends, and that a silent or absent Varnish cannot hold it.

The purge of a real varnishd on publish and on a new rating summary is in test_varnish.py."""

import http.server
import logging
import socket
import subprocess
import sys
import threading
import time

import pytest

from config.frontend_cache import VarnishBackend
from tests.conftest import PROJECT_DIR, free_port

from .test_security import production_env


class RecordingVarnish(http.server.ThreadingHTTPServer):
    """Answers PURGE with the status it is given and keeps what each request sent."""

    def __init__(self, status=200):
        self.status, self.requests = status, []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 (the method name http.server dispatches to)
                server.requests.append((self.command, self.path, self.headers["Host"]))
                self.send_response(server.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self):
        self.shutdown()
        self.server_close()


@pytest.fixture
def recording_varnish():
    server = RecordingVarnish()
    yield server
    server.stop()


@pytest.fixture
def silent_varnish():
    """Accepts connections and never answers, like a host that swallows packets after the handshake."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def test_a_purge_sends_the_pages_path_and_host(recording_varnish):
    backend = VarnishBackend({"LOCATION": recording_varnish.url})
    backend.purge("https://guides.example.org/de/anleitungen/facebook/?surface=android")
    backend.purge("https://guides.example.org:8443/")
    assert recording_varnish.requests == [
        ("PURGE", "/de/anleitungen/facebook/?surface=android", "guides.example.org"),
        ("PURGE", "/", "guides.example.org:8443"),
    ]


def test_a_silent_varnish_holds_a_purge_no_longer_than_the_timeout(silent_varnish, caplog):
    backend = VarnishBackend({"LOCATION": silent_varnish, "TIMEOUT": 0.5})
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        backend.purge("https://guides.example.org/de/")
    assert time.monotonic() - started < 3
    assert "Could not purge https://guides.example.org/de/ from Varnish" in caplog.text


def test_an_absent_varnish_or_a_refused_purge_is_logged_not_raised(caplog):
    refusing = RecordingVarnish(status=405)
    try:
        with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
            VarnishBackend({"LOCATION": f"http://127.0.0.1:{free_port()}"}).purge("https://guides.example.org/fr/")
            VarnishBackend({"LOCATION": refusing.url}).purge("https://guides.example.org/pt/")
    finally:
        refusing.stop()
    assert "Could not purge https://guides.example.org/fr/ from Varnish" in caplog.text
    assert "Could not purge https://guides.example.org/pt/ from Varnish: 405" in caplog.text


def test_a_location_that_is_not_an_http_address_is_refused():
    with pytest.raises(ValueError, match="VARNISH_URL"):
        VarnishBackend({"LOCATION": "varnish:80"})


def test_production_settings_purge_varnish_through_this_backend():
    code = ("from django.conf import settings; varnish = settings.WAGTAILFRONTENDCACHE['varnish']; "
            "print(varnish['BACKEND'], varnish['LOCATION'])")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=PROJECT_DIR, capture_output=True,
                            text=True, env=production_env(VARNISH_URL="http://varnish:80"), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["config.frontend_cache.VarnishBackend", "http://varnish:80"]
