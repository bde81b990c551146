"""Vote throughput: gunicorn (config.wsgi) on PostgreSQL and Redis, 32 concurrent clients, against a reference.

    .venv/bin/python bench/votes.py [--duration 15] [--connections 32] [--workers 3] [--threads 1]

Creates a throw-away database (BENCH_DATABASE_URL, default …/h_ratings_bench), migrates it and builds the test
site tree; starts gunicorn with config/gunicorn.py on a free port of 127.0.0.1; runs wrk first against
/robots.txt (a plain template view: the reference) and then against the vote endpoint, every request a new
reader (own forwarded address, own user agent, no cookie), JSON flow as the site's script sends it. Afterwards it
counts the rows: every answered vote must be stored (lost votes = 0). Prints a Markdown table and writes the raw
figures to bench/results/votes.json.
Bounded: each wrk run stops after --duration seconds, and gunicorn is stopped at the end in every case.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
BENCH = PROJECT / "bench"
PYTHON = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def recreate_database(url):
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def published_count(url, page_id):
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count FROM ratings_ratingsummary WHERE page_id = %s", [int(page_id)]).fetchone()
        return row[0] if row else 0


def count_votes(url):
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM ratings_vote").fetchone()[0]


def run_wrk(script, url, duration, connections, out, page_id="", address_block=0):
    env = {
        **os.environ,
        "ADDRESS_BLOCK": str(address_block),
        "OUT": str(out),
        "PAGE_ID": str(page_id),
        "RUN_ID": uuid.uuid4().hex[:8],
        "BENCH_DIR": str(BENCH),
    }
    subprocess.run(
        [WRK, "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "5s", "-s", str(script), url],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        timeout=duration + 60,
    )
    result = json.loads(Path(out).read_text())
    seconds = result["duration_us"] / 1e6
    result.update(per_second=result["ok"] / seconds, p50_ms=result["p50_us"] / 1000, p99_ms=result["p99_us"] / 1000)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_ratings_bench")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    port = free_port()
    queue = f"bench-votes-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "bench-only-key-" + uuid.uuid4().hex,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_THREADS": str(args.threads),
        "STATIC_ROOT": tempfile.mkdtemp(prefix="bench-static-"),
        # Each request comes from a reader of its own address, forwarded by the "proxy" on 127.0.0.1 (votes.lua).
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    print(f"Preparing {urlparse(database_url).path.lstrip('/')} …", flush=True)
    recreate_database(database_url)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=PROJECT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=PROJECT, env=env, check=True)
    page_id = (
        subprocess.run(
            [
                PYTHON,
                "manage.py",
                "shell",
                "-c",
                "from tests.factories import build_site_tree; print(build_site_tree().article.pk)",
            ],
            cwd=PROJECT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )

    # A worker publishes the summaries as in production (one debounced run per page every few seconds).
    worker = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            queue,
            "--pool",
            "solo",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi:application", "-c", "config/gunicorn.py"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    results = {}
    try:
        wait_for_port(port)
        base = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "wrk.json"
            # Warm-up: connections, imports, PostgreSQL plans; the warm-up votes are counted in the rows too.
            run_wrk(BENCH / "votes_reference.lua", f"{base}/robots.txt", args.warmup, args.connections, out)
            warm = run_wrk(BENCH / "votes.lua", f"{base}/de/ratings/vote/", args.warmup, args.connections, out, page_id)
            before = count_votes(database_url)
            results["reference"] = run_wrk(
                BENCH / "votes_reference.lua", f"{base}/robots.txt", args.duration, args.connections, out
            )
            results["votes"] = run_wrk(
                BENCH / "votes.lua",
                f"{base}/de/ratings/vote/",
                args.duration,
                args.connections,
                out,
                page_id,
                address_block=100,  # the warm-up's readers came from 10.1.x.x and 10.2.x.x
            )
        time.sleep(8)  # the last debounced summary run
        summary_count = published_count(database_url, page_id)
    finally:
        for process in (server, worker):
            os.killpg(process.pid, signal.SIGTERM)
        for process in (server, worker):
            process.wait(30)
    stored = count_votes(database_url) - before
    votes, reference = results["votes"], results["reference"]
    results.update(
        stored_rows=stored,
        lost_votes=max(0, votes["ok"] - stored),
        total_rows=count_votes(database_url),
        published_summary_count=summary_count,
        warmup_ok=warm["ok"],
        cpus=os.cpu_count(),
        connections=args.connections,
        duration_s=args.duration,
        workers=args.workers,
        threads=args.threads,
        ratio_throughput=votes["per_second"] / reference["per_second"],
        ratio_p50=votes["p50_ms"] / reference["p50_ms"],
        ratio_p99=votes["p99_ms"] / reference["p99_ms"],
    )
    # The tasks the run enqueued are not needed: drop the run's own queue.
    subprocess.run(
        [PYTHON, "-c", "import redis, sys; redis.Redis.from_url(sys.argv[1]).delete(sys.argv[2])", redis_url, queue],
        check=False,
    )

    print(
        f"\n{args.connections} connections, {args.duration} s each, gunicorn {args.workers} workers × "
        f"{args.threads} threads, {os.cpu_count()} CPUs\n"
    )
    print("| run | answered/s | p50 ms | p99 ms | non-2xx | socket errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in ("reference", "votes"):
        r = results[name]
        print(
            f"| {name} | {r['per_second']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['bad']} | "
            f"{r['socket_errors']} |"
        )
    print(
        f"\nvotes / reference: throughput {results['ratio_throughput']:.2f}, p50 {results['ratio_p50']:.2f}, "
        f"p99 {results['ratio_p99']:.2f}"
    )
    print(
        f"votes answered {votes['ok']}, rows stored {stored} (answers still in flight when wrk stopped are stored "
        f"too), lost {results['lost_votes']}"
    )
    print(f"rows in total {results['total_rows']}, published summary count {summary_count}")
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / "votes.json").write_text(json.dumps(results, indent=2) + "\n")
    ok = results["lost_votes"] == 0 and votes["bad"] == 0 and summary_count == results["total_rows"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
