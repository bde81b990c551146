"""Real processes for the ops tests: the compose services' own commands, a private Redis, Varnish in front.

Every server binds 127.0.0.1 on a free port and is stopped by the fixture that started it. Commands are read from
docker-compose.yml so that what the tests run is what an operator deploys.
"""

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, free_port, require, stop_process, subprocess_env

VENV_BIN = Path(sys.executable).parent
VARNISHD = shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)


def compose_file():
    import yaml

    with open(PROJECT_DIR / "docker-compose.yml") as handle:
        return yaml.safe_load(handle)


def service_argv(name):
    """The service's command as argv, with python/gunicorn/celery taken from this virtualenv."""
    command = compose_file()["services"][name]["command"]
    argv = shlex.split(command) if isinstance(command, str) else list(command)
    if argv[0] == "python":
        argv[0] = sys.executable
    elif (VENV_BIN / argv[0]).exists():
        argv[0] = str(VENV_BIN / argv[0])
    return argv


def wait_for_http(url, timeout=60, process=None, headers=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited during start-up")
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers, whatever the status
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Hashed static files, as the Dockerfile collects them: production settings need the manifest."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT_DIR,
        check=True,
        env={
            **os.environ,
            "SECRET_KEY": "collectstatic",
            "STATIC_ROOT": str(root),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
    )
    return root


class Gunicorn:
    def __init__(self, env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self.process = None
        self.log_path = Path(tempfile.mkstemp(prefix="gunicorn-", suffix=".log")[1])

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                service_argv("web"), cwd=PROJECT_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        wait_for_http(self.url + "/robots.txt", process=self.process)
        return self

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process:
            stop_process(self.process)


@pytest.fixture
def gunicorn_factory(transactional_db, django_db_serialized_rollback, collected_static):
    """Start the web service's command against this test's database (PostgreSQL: it is another process).

    With the deployment's own worker type (config/gunicorn.py: sync workers); two of them, so Varnish or a browser
    fetching a page and its assets in parallel is not served one request at a time."""
    from tests.conftest import using_postgres

    require(using_postgres(), "PostgreSQL (a gunicorn process must share the test database)")
    servers = []

    def start(**overrides):
        env = subprocess_env(**{"STATIC_ROOT": collected_static, "WEB_CONCURRENCY": 2, **overrides})
        if "REDIS_URL" not in overrides:
            env.pop("REDIS_URL", None)
        server = Gunicorn(env)
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()
        server.log_path.unlink(missing_ok=True)


VCL_DIR = PROJECT_DIR / "config" / "varnish"


def varnish_readable_directory(backend_port):
    """A temporary directory varnishd can read after it drops root (its compiler runs as its own user), holding
    the project's VCL files unchanged and a backend.vcl that names the test's gunicorn.

    The VCL is copied rather than read in place: the checkout may sit in a folder only root can enter."""
    directory = Path(tempfile.mkdtemp(prefix="varnish-"))
    directory.chmod(0o755)
    for source in VCL_DIR.glob("*.vcl"):
        if source.name != "backend.vcl":
            shutil.copy(source, directory / source.name)
    (directory / "backend.vcl").write_text(f'backend web {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\n')
    for path in directory.glob("*.vcl"):
        path.chmod(0o644)
    return directory


class Varnish:
    """varnishd with the project's VCL, unchanged; only backend.vcl (found first on vcl_path) names our gunicorn."""

    def __init__(self, backend_port):
        self.directory = varnish_readable_directory(backend_port)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                "-n",
                str(self.directory / "instance"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                "none",
                "-f",
                str(self.directory / "default.vcl"),
                "-p",
                f"vcl_path={self.directory}",
                "-s",
                "malloc,32m",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_http(self.url + "/robots.txt", process=self.process)
        return self

    def stop(self):
        if self.process:
            stop_process(self.process)
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture
def varnish_factory():
    require(VARNISHD is not None, "varnishd (Debian package 'varnish')")
    instances = []

    def start(backend_port):
        instance = Varnish(backend_port)
        instances.append(instance)
        return instance.start()

    yield start
    for instance in instances:
        instance.stop()


def fetch(url, headers=None, method="GET", data=None):
    """(status, headers, body text) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
