"""docker-compose.yml, checked without Docker: its structure, and each application service's own command run here
against the local PostgreSQL and Redis."""

import os
import shelve
import shutil
import socket
import subprocess
import time
import uuid

import pytest
from django.utils import translation

from tests.conftest import PROJECT_DIR, redis_available, require, subprocess_env

from .conftest import VARNISHD, compose_file, fetch, service_argv, stop_process, varnish_readable_directory


def test_compose_declares_the_whole_stack_with_healthchecks_and_volumes():
    compose = compose_file()
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit", "varnish"} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert services["varnish"]["image"].startswith("varnish:")
    for name in ("postgres", "redis", "web", "worker", "beat", "varnish", "mailpit"):
        assert "test" in services[name]["healthcheck"], name
    named_volumes = set(compose["volumes"])
    for name, mount in (("postgres", "/var/lib/postgresql/data"), ("redis", "/data"), ("beat", "/app/var")):
        volumes = {entry.split(":")[0]: entry.split(":")[1] for entry in services[name]["volumes"]}
        assert mount in volumes.values(), name
        assert all(source in named_volumes for source, target in volumes.items() if target == mount)


def test_application_services_share_one_image_and_point_at_the_stack():
    services = compose_file()["services"]
    for name in ("web", "worker", "beat", "migrate"):
        service = services[name]
        assert service["build"] == "."
        environment = service["environment"]
        assert environment["REDIS_URL"].startswith("redis://redis:")
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["EMAIL_URL"] == "smtp://mailpit:1025"
        assert environment["VARNISH_URL"] == "http://varnish:80"
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_varnish_and_mailpit_are_configured_for_the_app():
    services = compose_file()["services"]
    varnish = services["varnish"]
    assert "./config/varnish:/etc/varnish:ro" in varnish["volumes"]
    assert varnish["command"][varnish["command"].index("-f") + 1] == "/etc/varnish/default.vcl"
    assert (PROJECT_DIR / "config" / "varnish" / "backend.vcl").read_text().count('.host = "web"') == 1
    mailpit = services["mailpit"]
    assert "8025:8025" in mailpit["ports"]
    assert "1025" in [str(port) for port in mailpit["expose"]]


def test_varnish_configuration_compiles():
    require(VARNISHD is not None, "varnishd (Debian package 'varnish')")
    tmp_path = varnish_readable_directory(8000)
    result = subprocess.run(
        [
            VARNISHD,
            "-C",
            "-f",
            str(tmp_path / "default.vcl"),
            "-p",
            f"vcl_path={tmp_path}",
            "-n",
            str(tmp_path / "instance"),
        ],
        capture_output=True,
        text=True,
    )
    shutil.rmtree(tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.postgres
def test_web_service_serves_a_page(site_tree, gunicorn_factory):
    server = gunicorn_factory()
    with translation.override("de"):
        guide_path = site_tree.guide.url
    status, headers, body = fetch(server.url + guide_path)
    assert status == 200
    assert site_tree.guide.title_de in body
    assert "Server" not in headers


@pytest.mark.postgres
@pytest.mark.redis
def test_worker_service_answers_a_ping(transactional_db, django_db_serialized_rollback):
    from config.celery import app

    queue = f"ops-{uuid.uuid4().hex[:10]}"
    worker = subprocess.Popen(
        service_argv("worker"),
        cwd=PROJECT_DIR,
        env=subprocess_env(REDIS_URL=os.environ["REDIS_URL"], CELERY_QUEUE=queue),
    )
    try:
        name = f"celery@{socket.gethostname()}"
        replies = []
        deadline = time.monotonic() + 60
        while not replies and time.monotonic() < deadline:
            assert worker.poll() is None, "the worker exited"
            replies = app.control.ping(destination=[name], timeout=0.5)
        assert replies == [{name: {"ok": "pong"}}]
    finally:
        stop_process(worker)


@pytest.mark.postgres
@pytest.mark.redis
def test_beat_service_loads_the_schedule_from_config(tmp_path, transactional_db, django_db_serialized_rollback):
    """Beat stores the entries it loaded in its schedule file; they must be config/celery.py's, all of them."""
    from config.celery import app

    require(redis_available(), "Redis")
    (tmp_path / "var").mkdir()
    env = subprocess_env(REDIS_URL=os.environ["REDIS_URL"], PYTHONPATH=str(PROJECT_DIR))
    # The command's schedule path is relative (var/ is a volume in compose); here it lands in tmp_path.
    beat = subprocess.Popen(service_argv("beat"), cwd=tmp_path, env=env)
    try:
        deadline = time.monotonic() + 60
        while not list((tmp_path / "var").glob("celerybeat-schedule*")) and time.monotonic() < deadline:
            assert beat.poll() is None, "beat exited"
            time.sleep(0.2)
        time.sleep(2)  # the first sync happens right after the file is created
    finally:
        stop_process(beat)
    assert app.conf.beat_schedule, "config/celery.py lists no periodic tasks"
    # The file was written a moment ago by the beat process this test started.
    with shelve.open(str(tmp_path / "var" / "celerybeat-schedule"), flag="r") as store:  # noqa: S301
        loaded = {name: entry.task for name, entry in store["entries"].items()}
    assert loaded == {name: entry["task"] for name, entry in app.conf.beat_schedule.items()}
