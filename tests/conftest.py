"""Fixtures shared by every test suite: real services, a real Celery worker, an SMTP sink and a browser.

Services are found through the same environment variables the site reads (DATABASE_URL, REDIS_URL). Without
CI a missing service skips the tests that need it, with a reason naming it; with CI=true it fails them, because
CI must run everything.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PROJECT_DIR = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REDIS_SERVER = shutil.which("redis-server")


def require(condition, what):
    """Skip (locally) or fail (in CI) when a service the test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available")


def port_open(host, port, timeout=0.5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def using_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


def redis_available():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return False
    parsed = urlparse(url)
    return port_open(parsed.hostname or "127.0.0.1", parsed.port or 6379)


def pytest_collection_modifyitems(items):
    """Every test that commits gets the database back as the migrations left it (serialized rollback).

    Without it, the flush after a committing test re-runs the post_migrate handlers, which create the groups
    again under new ids; the next test that restores the serialized state then collides with them. pytest-django
    runs committing tests after all the others, so each of them starts from the restored state.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        commits = "transactional_db" in item.fixturenames or bool(marker and marker.kwargs.get("transaction"))
        if commits and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


def pytest_runtest_setup(item):
    """Markers decide the requirements, so a test cannot forget to check for its service.

    Checked here, before the test's fixtures are set up: a usefixtures marker added after collection would not
    be seen, because pytest computes each test's fixtures while collecting it.
    """
    if item.get_closest_marker("postgres"):
        require(using_postgres(), "PostgreSQL (set DATABASE_URL=postgres://…)")
    if item.get_closest_marker("redis"):
        require(redis_available(), "Redis (set REDIS_URL=redis://…)")
    if item.get_closest_marker("browser"):
        require(CHROMIUM is not None, "Chromium (Debian package 'chromium')")


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in an earlier test leaves its language active in
    this thread, which would make ``page.url`` depend on the order the tests run in."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no page, rate-limit counter or debounce key of an earlier test (the
    page cache forgets pages on commit, and most tests never commit)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def wait_until(condition, timeout=60, what="the condition"):
    """Poll ``condition`` until it holds; fail the test, naming ``what``, when it does not within ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def stop_process(process, timeout=15):
    """Stop a process a test started: politely first, then for good."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


# --- A Redis of the test's own ---------------------------------------------------------------------------------


class RedisServer:
    """A Redis of this test's own on a free port: it may be stopped and started again without touching the
    shared one."""

    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--logfile",
                str(self.directory / "redis.log"),
            ],
        )
        deadline = time.monotonic() + 20
        while not port_open("127.0.0.1", self.port):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the test's redis-server did not start")
            time.sleep(0.05)
        return self

    def stop(self):
        if self.process:
            stop_process(self.process)
            self.process = None


@pytest.fixture
def private_redis(tmp_path):
    require(REDIS_SERVER is not None, "redis-server (Debian package 'redis-server')")
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


def redis_cache_settings(url):
    """CACHES for a Redis at ``url`` with the production options (a Redis outage counts as a cache miss)."""
    from config.settings import redis_cache

    return {"default": redis_cache(url)}


@contextmanager
def celery_broker(url):
    """Send this process's tasks to the broker at ``url`` (not eagerly), and back to the usual one afterwards."""
    from config.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def reset_connections():
        # Celery keeps its connection pools; a new broker address needs new ones. The old pools are only
        # dropped, not closed: kombu's shared producer pools may still hand out their connections.
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.update(broker_url=url, task_always_eager=False)
    reset_connections()
    try:
        yield app
    finally:
        app.conf.update(saved)
        reset_connections()


# --- Content -------------------------------------------------------------------------------------------------


@pytest.fixture
def site_tree(db):
    """A small published tree (home, indexes, one platform, guide, article and deadline) in five languages.

    It first puts back what Wagtail's migrations made and the flush after a committing test removed (the tree
    root, the root collection, the default locale), so that tests run in any order."""
    from tests.factories import build_site_tree

    return build_site_tree()


# --- SMTP sink -----------------------------------------------------------------------------------------------


class SmtpSink:
    """A real SMTP server (aiosmtpd) that keeps every message it receives, parsed."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.port = free_port()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # aiosmtpd's name
                message = message_from_bytes(envelope.content, policy=policy.default)
                sink.messages.append({"to": list(envelope.rcpt_tos), "message": message})
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"

    def wait_for(self, count, timeout=30):
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@pytest.fixture
def smtp_sink(settings):
    sink = SmtpSink()
    sink.controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield sink
    sink.controller.stop()


# --- A real Celery worker --------------------------------------------------------------------------------------


def _database_url_for_subprocess():
    """The URL of the database the tests write to (pytest-django's test database), for other processes."""
    db = settings.DATABASES["default"]
    user, host, port = db.get("USER") or "postgres", db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def second_database_connection(autocommit=False):
    """A psycopg connection of its own to the test database, beside Django's: another session, as another
    process or another run would have."""
    import psycopg

    return psycopg.connect(_database_url_for_subprocess(), autocommit=autocommit)


def subprocess_env(**overrides):
    """The environment for a server or worker process that shares this test run's database and broker."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "test-only-key-not-for-any-deployment",
        "DATABASE_URL": _database_url_for_subprocess(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        # Servers started by tests speak plain HTTP (production redirects to HTTPS).
        "SECURE_SSL_REDIRECT": "false",
    }
    env.update({key: str(value) for key, value in overrides.items()})
    return env


class CeleryWorker:
    """A `celery worker` process on its own queue, so parallel test runs never take each other's tasks; a second
    worker may be started on the queue of a first (``queue``), as a replacement or a peer would be."""

    def __init__(self, env, concurrency=2, pool="prefork", queue=None):
        self.queue = queue or f"test-{uuid.uuid4().hex[:12]}"
        self.env = {**env, "CELERY_QUEUE": self.queue}
        self.concurrency = concurrency
        self.pool = pool
        self.process = None

    def start(self):
        from config.celery import app

        self.name = f"{self.queue}-{uuid.uuid4().hex[:6]}@{socket.gethostname()}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                self.queue,
                "--pool",
                self.pool,
                "--concurrency",
                str(self.concurrency),
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "WARNING",
                "-n",
                self.name,
            ],
            cwd=PROJECT_DIR,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the Celery worker exited during start-up")
            if app.control.ping(destination=[self.name], timeout=0.5):
                return self
        raise RuntimeError("the Celery worker did not answer a ping within 60 s")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def celery_worker_factory(transactional_db, settings):
    """Start real workers on Redis; tasks enqueued by the test go to them instead of running eagerly."""
    require(using_postgres(), "PostgreSQL (a worker process must share the test database)")
    require(redis_available(), "Redis (the Celery broker)")
    from celery.result import allow_join_result

    from config.celery import app

    workers = []
    saved = {key: app.conf[key] for key in ("task_always_eager", "task_default_queue")}

    def start(queue=None, **env_overrides):
        worker = CeleryWorker(subprocess_env(REDIS_URL=os.environ["REDIS_URL"], **env_overrides), queue=queue)
        app.conf.task_always_eager = False
        app.conf.task_default_queue = worker.queue
        settings.CELERY_TASK_ALWAYS_EAGER = False
        workers.append(worker)
        return worker.start()

    # This process is the workers' client and waits for their results. Celery keeps one process-wide flag for
    # "running inside a task" (set while an eager task runs); eager tasks run by several threads at once, as in an
    # earlier test's concurrent requests, can leave it set, and result.get() would then refuse to wait.
    with allow_join_result():
        yield start
    for worker in workers:
        worker.stop()
    app.conf.update(saved)


# --- Browser -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    require(CHROMIUM is not None, "Chromium (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def wait_for_live_server_requests(timeout=15.0):
    """Wait until no other connection to the test database is inside a statement or a transaction.

    Closing a browser context does not wait for the requests it had sent: the admin's editing-session ping, an
    autosave or an image rendition can still be running in a live-server thread. The flush after the test then
    truncates every table while that request holds locks on some of them and wants others, and PostgreSQL
    breaks the deadlock by failing the flush. SQLite tests share one connection, so there is nothing to wait for.
    """
    if not using_postgres():
        return
    from django.db import connection

    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state <> 'idle'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@contextmanager
def browser_context(chromium, **options):
    context = chromium.new_context(**{"locale": "de-DE", **options})
    try:
        yield context.new_page()
    finally:
        context.close()
        wait_for_live_server_requests()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser context (cookies and storage) per test, with JavaScript on."""
    with browser_context(chromium) as page:
        yield page


@pytest.fixture
def browser_page_no_js(chromium):
    with browser_context(chromium, java_script_enabled=False) as page:
        yield page
