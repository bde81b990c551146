"""Update-notice fan-out: 50,000 confirmed subscribers, two worker processes, a local SMTP sink.

    .venv/bin/python bench/fanout.py [--subscribers 50000] [--small 10] [--medium 10000] [--timeout 600]

Creates a throw-away PostgreSQL database (BENCH_DATABASE_URL, default …/h_notices_bench), migrates it and
builds the test site tree; uses Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/4) on a queue of its
own; starts an aiosmtpd sink on a free port of 127.0.0.1 in a separate process that only counts messages.
For each scenario (10, 10,000 and 50,000 subscribers) it starts two fresh `celery worker --pool threads
--concurrency 4` processes (--pool and --concurrency change that), publishes a significant change with
Wagtail's publish action and measures:

- the publish time (the publish action plus its commit and the on-commit enqueue, as a request would run it),
- deliveries per second end to end (commit of the publish → the sink has every message and every Delivery
  row is marked sent),
- each worker's peak resident memory (VmHWM from /proc).

Prints a Markdown table and writes bench/results/fanout.json. Bounded: every wait has --timeout; workers and
sink are stopped in every case.
"""

import argparse
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse

import psycopg

PROJECT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_notices_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/4")
QUEUE = f"bench-fanout-{uuid.uuid4().hex[:8]}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database(url):
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def run_sink(port, counter, ready):
    """An SMTP server that accepts everything and only counts (parsing would make the sink the bottleneck)."""
    from aiosmtpd.controller import Controller

    class Counting:
        async def handle_DATA(self, server, session, envelope):  # aiosmtpd's name
            with counter.get_lock():
                counter.value += 1
            return "250 OK"

    controller = Controller(Counting(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    while True:
        time.sleep(3600)


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def wait(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise TimeoutError(f"gave up waiting for {what} after {timeout} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=50_000)
    parser.add_argument("--medium", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument(
        "--pool",
        default="threads",
        choices=["solo", "threads", "prefork"],
        help="each worker's pool; threads overlap the waits on the SMTP server and PostgreSQL",
    )
    parser.add_argument("--concurrency", type=int, default=4, help="pool size per worker (not for solo)")
    args = parser.parse_args()

    smtp_port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CELERY_QUEUE": QUEUE,
        "SECRET_KEY": "bench-only-key-not-for-any-deployment",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    os.environ.update(env)
    counter, ready = multiprocessing.Value("l", 0), multiprocessing.Event()
    sink = multiprocessing.Process(target=run_sink, args=(smtp_port, counter, ready), daemon=True)
    sink.start()
    ready.wait(10)

    recreate_database(DATABASE_URL)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=PROJECT,
        env=env,
        check=True,
        timeout=args.timeout,
    )
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from notices.models import Delivery, Scope, Subscription, UpdateNotice
    from tests.factories import build_site_tree

    tree = build_site_tree()
    # One publish before measuring, so the first scenario does not pay for imports and cold caches.
    warm = type(tree.guide).objects.get(pk=tree.guide.pk)
    warm.change_is_significant, warm.change_note_de = True, "Warm-up"
    with transaction.atomic():
        warm.save_revision().publish()
    results = []
    try:
        for count in (args.small, args.medium, args.subscribers):
            Delivery.objects.all().delete()
            UpdateNotice.objects.all().delete()
            Subscription.objects.all().delete()
            Subscription.objects.bulk_create(
                [
                    Subscription(
                        email=f"reader{n}@example.org",
                        scope=Scope.ALL,
                        language=("de", "en", "fr")[n % 3],
                        confirmed_at=timezone.now(),
                    )
                    for n in range(count)
                ],
                batch_size=5000,
            )
            workers = [
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "config",
                        "worker",
                        "-Q",
                        QUEUE,
                        "--pool",
                        args.pool,
                        *([] if args.pool == "solo" else ["--concurrency", str(args.concurrency)]),
                        "--without-heartbeat",
                        "--without-gossip",
                        "--without-mingle",
                        "--loglevel",
                        "WARNING",
                        "-n",
                        f"{QUEUE}-{index}@%h",
                    ],
                    cwd=PROJECT,
                    env=env,
                )
                for index in range(2)
            ]
            try:
                from config.celery import app

                wait(lambda: len(app.control.ping(timeout=0.5) or []) >= 2, 60, "two workers")
                sent_before = counter.value
                guide = type(tree.guide).objects.get(pk=tree.guide.pk)
                guide.change_is_significant = True
                guide.change_note_de = f"Bench change for {count} subscribers"
                revision = guide.save_revision()
                started = time.perf_counter()
                with transaction.atomic():
                    revision.publish()
                publish_seconds = time.perf_counter() - started
                expected = sent_before + count
                wait(
                    lambda: (
                        counter.value >= expected  # noqa: B023 (called before the loop moves on)
                        and not Delivery.objects.filter(sent_at__isnull=True).exists()
                    ),
                    args.timeout,
                    "all messages",
                )
                seconds = time.perf_counter() - started
                received = counter.value - sent_before
                rss = [peak_rss_kib(worker.pid) for worker in workers]
            finally:
                for worker in workers:
                    worker.terminate()
                for worker in workers:
                    worker.wait(30)
            results.append(
                {
                    "subscribers": count,
                    "publish_ms": round(publish_seconds * 1000, 1),
                    "end_to_end_s": round(seconds, 2),
                    "deliveries_per_s": round(count / seconds, 1),
                    "received": received,
                    "duplicates": received - count,
                    "worker_peak_rss_mib": [round(kib / 1024, 1) for kib in rss],
                }
            )
            print(results[-1], flush=True)
    finally:
        sink.terminate()

    small, medium, large = results
    summary = {
        "results": results,
        "publish_ratio_large_vs_small": round(large["publish_ms"] / small["publish_ms"], 2),
        "rss_ratio_large_vs_medium": round(max(large["worker_peak_rss_mib"]) / max(medium["worker_peak_rss_mib"]), 3),
        "cpu_count": os.cpu_count(),
    }
    results_dir = PROJECT / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "fanout.json").write_text(json.dumps(summary, indent=2) + "\n")
    print("\n| subscribers | publish (ms) | end to end (s) | deliveries/s | worker peak RSS (MiB) | duplicates |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in results:
        print(
            f"| {row['subscribers']:,} | {row['publish_ms']} | {row['end_to_end_s']} | {row['deliveries_per_s']} "
            f"| {' / '.join(str(v) for v in row['worker_peak_rss_mib'])} | {row['duplicates']} |"
        )
    print(
        f"\npublish time 50k/10: ×{summary['publish_ratio_large_vs_small']}; "
        f"peak RSS 50k/10k: ×{summary['rss_ratio_large_vs_medium']}"
    )


if __name__ == "__main__":
    main()
