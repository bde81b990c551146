"""Production settings and headers: Django's deploy checks, the Content Security Policy, no software names in
headers, and logs without e-mail or IP addresses."""

import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client

from config.log_filters import RedactPersonalData, redact
from guides.i18n import page_urls_by_language
from tests.conftest import PROJECT_DIR

from .conftest import fetch


def production_env(**overrides):
    # The test run's own switches (the browser fixtures' async flag) are not part of a deployment.
    ignored = ("DEBUG", "DEMO_MODE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "guides.example.org",
            "SITE_URL": "https://guides.example.org",
            **overrides,
        }
    )
    return env


def test_deploy_checks_pass_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_fail_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_DIR,
        env=production_env(SECRET_KEY=""),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_reader_pages_send_a_strict_policy_and_no_software_names(site_tree):
    response = Client().get(page_urls_by_language(site_tree.guide)["fr"], secure=True)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    for name in ("Server", "X-Powered-By"):
        assert name not in response


@pytest.mark.django_db
def test_reader_pages_carry_no_inline_code_that_the_policy_would_block(site_tree):
    body = Client().get(page_urls_by_language(site_tree.guide)["de"]).content.decode()
    assert " style=" not in body
    assert " onclick=" not in body and " onload=" not in body
    for chunk in body.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or 'type="application/ld+json"' in tag, tag


@pytest.mark.django_db
def test_only_the_admin_gets_the_looser_policy():
    response = Client().get("/admin/login/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_http_requests_are_redirected_to_https_in_production(settings, site_tree):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get(page_urls_by_language(site_tree.guide)["de"])
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    proxied = Client().get(page_urls_by_language(site_tree.guide)["de"], HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200


@pytest.mark.parametrize(
    "text, expected",
    [
        ("vote from 203.0.113.7 accepted", "vote from [ip] accepted"),
        ("peer 2001:db8::1 closed", "peer [ip] closed"),
        ("peer fe80:0:0:0:200:f8ff:fe21:67cf closed", "peer [ip] closed"),
        ("confirm sent to reader.name+guides@example.org", "confirm sent to [email]"),
        ("worker started at 12:30:45 on version 5.2.19", "worker started at 12:30:45 on version 5.2.19"),
        ("page 1.2.3 of 10", "page 1.2.3 of 10"),
    ],
)
def test_personal_data_is_redacted_from_log_lines(text, expected):
    assert redact(text) == expected


def test_the_logging_filter_redacts_arguments_and_tracebacks():
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "mail to %s from %s failed", ("a@b.example", "198.51.100.2"), None
    )
    try:
        raise ValueError("bad address c@d.example")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert RedactPersonalData().filter(record)
    assert record.getMessage() == "mail to [email] from [ip] failed"
    assert "c@d.example" not in record.exc_text and "[email]" in record.exc_text


def test_every_configured_log_handler_uses_the_filter(settings):
    for name, handler in settings.LOGGING["handlers"].items():
        assert "redact_personal_data" in handler.get("filters", []), name


@pytest.mark.postgres
def test_gunicorn_sends_no_server_header_and_logs_no_client_address(site_tree, gunicorn_factory):
    server = gunicorn_factory()
    status, headers, _body = fetch(server.url + page_urls_by_language(site_tree.guide)["de"] + "?email=x@y.example")
    assert status == 200
    assert "Server" not in headers
    server.stop()
    log = server.log()
    assert '"GET /de/' in log  # the access log is on
    assert "127.0.0.1" not in log and "x@y.example" not in log
