"""What the page benchmarks share: a database with the demo content, the web service, Varnish and nginx on free
ports of 127.0.0.1, each stopped by an ExitStack whatever happens, and wrk.

bench/pages.py, bench/publish_storm.py and bench/content_at_scale.py use it; run from the project's root.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VENV_BIN = Path(PYTHON).parent
WRK = shutil.which("wrk") or "/usr/bin/wrk"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHSTAT = shutil.which("varnishstat") or "/usr/bin/varnishstat"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
QUIET = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited during start-up")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def started(stack, argv, **kwargs):
    """Start a process and make sure the ExitStack stops it, whatever happens."""
    process = subprocess.Popen(argv, **kwargs)

    def stop():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)

    stack.callback(stop)
    return process


def ensure_database(url):
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def compose_web_command():
    """The web service's command as docker-compose.yml gives it, with this virtualenv's gunicorn."""
    import yaml

    with open(PROJECT / "docker-compose.yml") as handle:
        command = yaml.safe_load(handle)["services"]["web"]["command"].split()
    command[0] = str(VENV_BIN / command[0])
    return command


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def wrk(url, duration, connections, threads, headers=(), script=None):
    """Requests per second, and how many answers were not 2xx/3xx (they make a run invalid)."""
    header_args = [argument for header in headers for argument in ("-H", header)]
    script_args = ["-s", str(script)] if script else []
    output = subprocess.run(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", *header_args, *script_args, url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, int(errors.group(1)) if errors else 0


def bench_env(database_url, redis_url, work, web_port, workers=None):
    """The environment of the web service and of manage.py commands run for a benchmark."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{web_port}",
    }
    for name in ("DEBUG", "VARNISH_URL"):
        env.pop(name, None)
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    return env


def prepare_demo(env):
    """Migrate, load the demo content (idempotent), build the search index and collect static files; only a failure
    prints. With REDIS_URL set, saves leave their index updates to a Celery worker (config/wagtail_tasks.py), and
    no worker runs here, so the index is built directly, as the search page needs it."""
    commands = (
        ["migrate", "--noinput"],
        ["load_demo", "--no-accounts"],
        ["update_index"],
        ["collectstatic", "--noinput"],
    )
    for command in commands:
        subprocess.run(
            [PYTHON, "manage.py", *command, "-v0"], cwd=PROJECT, env=env, check=True, stdout=subprocess.DEVNULL
        )


@dataclass
class DemoStack:
    """Where a benchmark of the demo pages runs: its environment, its temporary folder and the ports it binds."""

    env: dict
    work: Path
    web_port: int
    varnish_port: int
    nginx_port: int


def prepare_demo_stack(prefix, workers=None):
    """The demo content on the page benchmarks' database (BENCH_DATABASE_URL, created if missing, and
    BENCH_REDIS_URL, shared by bench/pages.py and bench/publish_storm.py), a temporary folder and three free ports."""
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_ops_bench")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
    ensure_database(database_url)
    work = Path(tempfile.mkdtemp(prefix=prefix))
    web_port, varnish_port, nginx_port = free_port(), free_port(), free_port()
    env = bench_env(database_url, redis_url, work, web_port, workers)
    prepare_demo(env)
    return DemoStack(env, work, web_port, varnish_port, nginx_port)


def django_setup(env):
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def start_web(stack, env, web_port, warm_urls=(), **output):
    """gunicorn as the web service runs it; every worker has rendered each of ``warm_urls`` before it returns
    (templates compiled, connections open), so a measurement does not count a worker's start."""
    web = started(stack, compose_web_command(), cwd=PROJECT, env=env, **(output or QUIET))
    web_url = f"http://127.0.0.1:{web_port}"
    wait_for_http(web_url + "/robots.txt", web)
    workers = int(env.get("WEB_CONCURRENCY") or 0) or (os.cpu_count() or 1) * 2 + 1
    for url in warm_urls:
        for _ in range(workers * 3):  # the kernel hands connections to workers unevenly
            fetch(web_url + url)
    return web, web_url


def start_varnish(stack, work, web_port, varnish_port):
    """varnishd with the project's VCL in front of the web service. It reads its VCL after dropping root, so it
    gets a copy in the readable work folder: the project's VCL files unchanged, and a backend.vcl naming the
    benchmark's gunicorn. Returns the process, its URL and its working directory (for varnishstat -n)."""
    work.chmod(0o755)
    for vcl in ("default.vcl", "page_cache.vcl"):
        shutil.copy(PROJECT / "config" / "varnish" / vcl, work / vcl)
    (work / "backend.vcl").write_text(f'backend web {{ .host = "127.0.0.1"; .port = "{web_port}"; }}\n')
    for vcl in ("default.vcl", "page_cache.vcl", "backend.vcl"):
        (work / vcl).chmod(0o644)
    name = work / "varnish"
    varnish = started(
        stack,
        [
            VARNISHD,
            "-F",
            "-n",
            str(name),
            "-a",
            f"127.0.0.1:{varnish_port}",
            "-T",
            "none",
            "-f",
            str(work / "default.vcl"),
            "-p",
            f"vcl_path={work}",
            "-s",
            "malloc,128m",
        ],
        **QUIET,
    )
    varnish_url = f"http://127.0.0.1:{varnish_port}"
    wait_for_http(varnish_url + "/robots.txt", varnish)
    return varnish, varnish_url, name


def varnish_counter(name, counter):
    """One of varnishstat's counters (e.g. MAIN.backend_req) of the varnishd working in ``name``."""
    output = subprocess.run(
        [VARNISHSTAT, "-n", str(name), "-1", "-f", counter], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    match = re.search(rf"^{re.escape(counter)}\s+(\d+)", output, re.M)
    return int(match.group(1)) if match else 0


NGINX_CONF = """
worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types {{ text/html html; }}
    client_body_temp_path {root}/tmp;
    proxy_temp_path {root}/tmp;
    fastcgi_temp_path {root}/tmp;
    uwsgi_temp_path {root}/tmp;
    scgi_temp_path {root}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root}/html;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


def start_nginx(stack, work, nginx_port, pages):
    """nginx serving ``pages`` ({path: HTML bytes}) as files: the machine's limit, the reference."""
    root = work / "nginx"
    for path, html in pages.items():
        target = root / "html" / urlparse(path).path.lstrip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html)
    (root / "tmp").mkdir(exist_ok=True)
    conf = root / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=os.cpu_count() or 2, root=root, port=nginx_port))
    nginx = started(stack, [NGINX, "-c", str(conf), "-p", str(root), "-g", "daemon off;"], **QUIET)
    nginx_url = f"http://127.0.0.1:{nginx_port}"
    wait_for_http(nginx_url + next(iter(pages)), nginx)
    return nginx, nginx_url


def ratio_text(ratio):
    """0.5 → "1/2", 0.0031 → "1/323", 1.4 → "1.4×" (faster than the reference)."""
    if ratio >= 1:
        return f"{ratio:.1f}×"
    return f"1/{1 / ratio:,.1f}" if 1 / ratio < 10 else f"1/{1 / ratio:,.0f}"
