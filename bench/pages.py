"""Page throughput: home, article, guide, deadline and search pages, two ways, against nginx in the same round.

    .venv/bin/python bench/pages.py [--duration 5] [--rounds 3] [--connections 32] [--threads 2] [--workers N]

On PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/h_ops_bench, created if missing,
migrated, filled by `manage.py load_demo`) and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/6), it
starts the web service's own command (docker-compose.yml: gunicorn with config/gunicorn.py), varnishd with the
project's VCL in front of it (the page cache, page_cache/), and nginx serving the very HTML gunicorn produced,
saved to files: the machine's limit. Then, page by page, wrk measures
  - nginx (reference), - a Varnish hit (gzip, as browsers ask for it),
  - a cold render: gunicorn itself, which renders every request (what each Varnish miss costs),
in --rounds rounds, each way right after nginx, and prints the median requests/s and the median of each round's
ratio to nginx, plus the SQL queries of one cold render. Other load on the machine skews the figures (less so
their ratios, and a burst skews one round, which the median leaves out): run it on a quiet machine.
Everything binds 127.0.0.1 on free ports; each wrk run stops after --duration seconds; every process started
here is stopped at the end, also on errors. Results go to bench/results/pages.json (ignored by git).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlparse

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VENV_BIN = Path(PYTHON).parent
WRK = shutil.which("wrk") or "/usr/bin/wrk"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TARGETS = {"varnish hit": 1 / 2, "cold render": 1 / 300}
MAX_GUIDE_QUERIES = 12  # a guide page rendered from scratch must need fewer than this


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
            urllib.request.urlopen(url, timeout=2).read()  # our own 127.0.0.1 server
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
    import yaml

    with open(PROJECT / "docker-compose.yml") as handle:
        command = yaml.safe_load(handle)["services"]["web"]["command"].split()
    command[0] = str(VENV_BIN / command[0])
    return command


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:  # our own 127.0.0.1 server
        return response.read()


def wrk(url, duration, connections, threads, headers=()):
    """Requests per second, and how many answers were not 2xx/3xx (they make a run invalid)."""
    header_args = [argument for header in headers for argument in ("-H", header)]
    output = subprocess.run([WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", *header_args, url],
                            capture_output=True, text=True, timeout=duration + 60, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, int(errors.group(1)) if errors else 0


def django_setup(env):
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def bench_pages():
    """{name: German URL} of the five pages, from the demo content."""
    from guides.i18n import page_urls_by_language
    from guides.models import ArticlePage, DeadlinePage, GuidePage, HomePage

    pages = {}
    for name, model in (("home", HomePage), ("article", ArticlePage), ("guide", GuidePage),
                        ("deadline", DeadlinePage)):
        page = model.objects.live().order_by("pk").first()
        if page is None:
            raise RuntimeError(f"no live {model.__name__}: did load_demo run?")
        pages[name] = page_urls_by_language(page)["de"]
    pages["search"] = "/de/suche/?q=facebook"
    return pages


def count_queries(url):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per page; the report gives their medians")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: config/gunicorn.py)")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_ops_bench")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
    ensure_database(database_url)
    work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    work.chmod(0o755)  # varnishd's compiler runs as its own user and must read backend.vcl
    web_port, varnish_port, nginx_port = free_port(), free_port(), free_port()
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": database_url,
        "REDIS_URL": redis_url, "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false", "STATIC_ROOT": str(work / "static"), "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{web_port}",
    }
    # Nothing is published during the runs, so nothing needs purging; the demo load must not try to.
    for name in ("DEBUG", "VARNISH_URL"):
        env.pop(name, None)
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    for command in (["migrate", "--noinput"], ["load_demo", "--no-accounts"], ["collectstatic", "--noinput"]):
        # Quiet: only a failure should print.
        subprocess.run([PYTHON, "manage.py", *command, "-v0"], cwd=PROJECT, env=env, check=True,
                       stdout=subprocess.DEVNULL)

    django_setup(env)
    pages = bench_pages()
    queries = {name: count_queries(url) for name, url in pages.items()}
    rows = []
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        web = started(stack, compose_web_command(), cwd=PROJECT, env=env, **quiet)
        web_url = f"http://127.0.0.1:{web_port}"
        wait_for_http(web_url + "/robots.txt", web)

        # varnishd reads its VCL after dropping root, so it gets a copy in the readable work folder: the project's
        # VCL files unchanged, and a backend.vcl naming this round's gunicorn.
        for vcl in ("default.vcl", "page_cache.vcl"):
            shutil.copy(PROJECT / "config" / "varnish" / vcl, work / vcl)
        (work / "backend.vcl").write_text(f'backend web {{ .host = "127.0.0.1"; .port = "{web_port}"; }}\n')
        for vcl in ("default.vcl", "page_cache.vcl", "backend.vcl"):
            (work / vcl).chmod(0o644)
        varnish = started(stack, [VARNISHD, "-F", "-n", str(work / "varnish"), "-a", f"127.0.0.1:{varnish_port}",
                                  "-T", "none", "-f", str(work / "default.vcl"),
                                  "-p", f"vcl_path={work}", "-s", "malloc,128m"], **quiet)
        varnish_url = f"http://127.0.0.1:{varnish_port}"
        wait_for_http(varnish_url + "/robots.txt", varnish)

        for url in pages.values():
            target = work / "nginx" / "html" / urlparse(url).path.lstrip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(fetch(web_url + url))
        (work / "nginx" / "tmp").mkdir()
        conf = work / "nginx" / "nginx.conf"
        conf.write_text(NGINX_CONF.format(workers=os.cpu_count() or 2, root=work / "nginx", port=nginx_port))
        nginx = started(stack, [NGINX, "-c", str(conf), "-p", str(work / "nginx"), "-g", "daemon off;"], **quiet)
        nginx_url = f"http://127.0.0.1:{nginx_port}"
        wait_for_http(nginx_url + pages["home"], nginx)

        for name, url in pages.items():
            runs = {"nginx": nginx_url + url, "varnish hit": varnish_url + url, "cold render": web_url + url}
            fetch(runs["varnish hit"])  # warm the cache
            result = {"page": name, "url": url, "queries": queries[name], "rounds": []}
            # Round by round, every way right after nginx: a burst of other load on the machine then skews one
            # round's ratios, and the median over the rounds leaves it out.
            for _round in range(args.rounds):
                measured = {}
                for mode, run_url in runs.items():
                    # Browsers ask for gzip, which Varnish stores; nginx serves the same bytes uncompressed.
                    headers = ["Accept-Encoding: gzip"] if mode == "varnish hit" else []
                    rate, errors = wrk(run_url, args.duration, args.connections, args.threads, headers)
                    measured[mode] = rate
                    measured[f"{mode} errors"] = errors
                result["rounds"].append(measured)
            for mode in runs:
                result[mode] = statistics.median(measured[mode] for measured in result["rounds"])
                result[f"{mode} errors"] = sum(measured[f"{mode} errors"] for measured in result["rounds"])
                if mode != "nginx":
                    result[f"{mode} ratio"] = statistics.median(
                        measured[mode] / measured["nginx"] for measured in result["rounds"])
            rows.append(result)
            print(f"{name}: " + ", ".join(f"{mode} {result[mode]:.0f}/s" for mode in runs), flush=True)

    report(rows, args)


def ratio_text(ratio):
    """0.5 → "1/2", 0.0031 → "1/323", 1.4 → "1.4×" (faster than the reference)."""
    if ratio >= 1:
        return f"{ratio:.1f}×"
    return f"1/{1 / ratio:,.1f}" if 1 / ratio < 10 else f"1/{1 / ratio:,.0f}"


def report(rows, args):
    lines = [
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, {args.rounds} rounds, {os.cpu_count()} CPUs; "
        "median requests/s, and in brackets the median of each round's ratio to nginx serving the same HTML; "
        "✗ marks a missed target.",
        "",
        "| page | nginx | Varnish hit | cold render | SQL queries (cold) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    met = True
    for row in rows:
        cells = [row["page"], f"{row['nginx']:,.0f}"]
        for mode in ("varnish hit", "cold render"):
            ratio = row[f"{mode} ratio"]
            target = TARGETS[mode]
            # The 1/300 target is the guide page's; other pages are shown for comparison.
            checked = mode != "cold render" or row["page"] == "guide"
            ok = ratio >= target
            met &= ok or not checked
            mark = ("" if ok else " ✗") if checked else ""
            cells.append(f"{row[mode]:,.0f} ({ratio_text(ratio)}){mark}")
        cells.append(str(row["queries"]))
        lines.append("| " + " | ".join(cells) + " |")
        if any(row[f"{mode} errors"] for mode in ("nginx", "varnish hit", "cold render")):
            met = False
            lines.append(f"| {row['page']}: non-2xx answers during the run: invalid | | | | |")
    guide = next(row for row in rows if row["page"] == "guide")
    met &= guide["queries"] < MAX_GUIDE_QUERIES
    lines += ["", "Targets " + ("met." if met else "NOT met.") + " Varnish hit ≥ 1/2, guide cold render "
              f"≥ 1/300 with < {MAX_GUIDE_QUERIES} queries (guide: {guide['queries']})."]
    print("\n".join(lines))
    results = PROJECT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "pages.json").write_text(json.dumps({"args": vars(args), "rows": rows, "targets_met": met}, indent=2))
    return met


if __name__ == "__main__":
    main()
