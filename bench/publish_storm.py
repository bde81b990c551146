"""A publish storm: readers hit every demo page through Varnish while an editor publishes a guide every 2 s.

    .venv/bin/python bench/publish_storm.py [--duration 20] [--rounds 2] [--interval 2] [--connections 32]

On the demo content (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/h_ops_bench, created if
missing, migrated, filled by `manage.py load_demo`; BENCH_REDIS_URL, default redis://127.0.0.1:6379/6) it starts,
as bench/pages.py does, the web service (gunicorn with config/gunicorn.py), varnishd with the project's VCL in
front of it, and nginx serving the very HTML gunicorn produced for every page, saved to files. Every live page in
all five languages is read, each wrk connection going through the list in turn (bench/paths.lua). In each round:

- **nginx** (the reference): wrk reads all pages from nginx for --duration seconds;
- **storm**: wrk reads all pages through Varnish (asking for gzip, as browsers do) for as long, while this
  process publishes a new revision of the demo's Facebook guide every --interval seconds, as the admin's publish
  does: each publish soft-purges the answers showing the guide (page_cache/), and Varnish fetches them again.

Measured: the storm's requests/s as a ratio to nginx's in the same round (target ≥ 1/3), and the backend
requests Varnish made during the storm (varnishstat MAIN.backend_req) per publish, against the number of
addresses whose answer shows the guide (their surrogate keys, read from gunicorn's own answers, meet the keys a
publish of it purges): a publish must not make Varnish render more than those. Everything binds 127.0.0.1; every
process started here is stopped at the end, also on errors. Results go to bench/results/publish_storm.json.
"""

import argparse
import json
import os
import shutil
import statistics
import threading
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

from stack import (
    PROJECT,
    django_setup,
    fetch,
    prepare_demo_stack,
    ratio_text,
    start_nginx,
    start_varnish,
    start_web,
    varnish_counter,
    wrk,
)

BENCH = Path(__file__).resolve().parent
TARGET_RATIO = 1 / 3


def reader_paths():
    """Every live page below the site's root, in every language."""
    from wagtail.models import Page

    from guides.i18n import page_urls_by_language

    return [
        url
        for page in Page.objects.live().public().filter(depth__gte=2).order_by("path").specific()
        for url in page_urls_by_language(page).values()
    ]


def showing(web_url, paths, purged_keys):
    """The paths whose answer carries one of the keys a publish purges (gunicorn's answers still have them)."""
    import urllib.request

    shown = []
    for path in paths:
        with urllib.request.urlopen(web_url + path, timeout=30) as response:
            if set(response.headers.get("xkey", "").split()) & purged_keys:
                shown.append(path)
    return shown


class Editor(threading.Thread):
    """Publishes a new revision of the guide every ``interval`` seconds until stopped; counts the publishes."""

    def __init__(self, guide_id, interval):
        super().__init__(daemon=True)
        self.guide_id, self.interval = guide_id, interval
        self.stopped = threading.Event()
        self.publishes, self.seconds = 0, []

    def run(self):
        from django.db import connection

        from guides.models import GuidePage

        try:
            while not self.stopped.wait(self.interval):
                started = time.perf_counter()
                GuidePage.objects.get(pk=self.guide_id).save_revision().publish()
                self.seconds.append(time.perf_counter() - started)
                self.publishes += 1
        finally:
            connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between two publishes")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: config/gunicorn.py)")
    args = parser.parse_args()

    demo = prepare_demo_stack("bench-storm-", args.workers)
    env, work, web_port, varnish_port, nginx_port = (
        demo.env,
        demo.work,
        demo.web_port,
        demo.varnish_port,
        demo.nginx_port,
    )
    # The editor (this process) purges the bench's Varnish; the tasks a publish enqueues go to a queue of the
    # run's own, dropped at the end.
    env.update(VARNISH_URL=f"http://127.0.0.1:{varnish_port}", CELERY_QUEUE=f"bench-storm-{uuid.uuid4().hex[:8]}")
    django_setup(env)
    from guides.models import GuidePage
    from page_cache.invalidation import keys_for_page_change

    guide = GuidePage.objects.live().order_by("pk").first()
    purged_keys = keys_for_page_change(guide)
    paths = reader_paths()
    (work / "paths.txt").write_text("\n".join(paths) + "\n")
    os.environ["PATHS_FILE"] = str(work / "paths.txt")  # read by bench/paths.lua in wrk
    rounds = []
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        _web, web_url = start_web(stack, env, web_port, warm_urls=paths[::5])
        _varnish, varnish_url, varnish_name = start_varnish(stack, work, web_port, varnish_port)
        _nginx, nginx_url = start_nginx(stack, work, nginx_port, {path: fetch(web_url + path) for path in paths})
        shown = showing(web_url, paths, purged_keys)
        guide.save_revision().publish()  # the first publish in a process also imports and compiles what it uses
        for path in paths:  # every answer in Varnish before the first round
            fetch(varnish_url + path, {"Accept-Encoding": "gzip"})
        for _round in range(args.rounds):
            nginx_rate, nginx_errors = wrk(
                nginx_url + paths[0], args.duration, args.connections, args.threads, script=BENCH / "paths.lua"
            )
            backend_before = varnish_counter(varnish_name, "MAIN.backend_req")
            editor = Editor(guide.pk, args.interval)
            editor.start()
            try:
                storm_rate, storm_errors = wrk(
                    varnish_url + paths[0],
                    args.duration,
                    args.connections,
                    args.threads,
                    headers=["Accept-Encoding: gzip"],
                    script=BENCH / "paths.lua",
                )
            finally:
                editor.stopped.set()
                editor.join(30)
            time.sleep(2)  # the background fetches of the last publish
            backend = varnish_counter(varnish_name, "MAIN.backend_req") - backend_before
            rounds.append(
                {
                    "nginx": nginx_rate,
                    "storm": storm_rate,
                    "ratio": storm_rate / nginx_rate,
                    "errors": nginx_errors + storm_errors,
                    "publishes": editor.publishes,
                    "publish_ms": statistics.median(editor.seconds) * 1000 if editor.seconds else None,
                    "backend_requests": backend,
                    "backend_per_publish": backend / editor.publishes if editor.publishes else None,
                }
            )
            print(
                f"round {_round + 1}: "
                + ", ".join(
                    f"{key} {value:,.2f}" if isinstance(value, float) else f"{key} {value}"
                    for key, value in rounds[-1].items()
                ),
                flush=True,
            )
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).delete(env["CELERY_QUEUE"])
    report(rounds, args, paths, shown)


def report(rounds, args, paths, shown):
    ratio = statistics.median(row["ratio"] for row in rounds)
    per_publish = max(row["backend_per_publish"] or 0 for row in rounds)
    invalid = any(row["errors"] for row in rounds) or not all(row["publishes"] for row in rounds)
    met = ratio >= TARGET_RATIO and per_publish <= len(shown) and not invalid
    lines = [
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s over {len(paths)} addresses, {args.rounds} "
        f"rounds, a publish every {args.interval:g} s, {os.cpu_count()} CPUs.",
        "",
        "| round | nginx (reference) | Varnish during publishes | ratio | publishes | publish (ms) | "
        "backend requests | per publish |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for number, row in enumerate(rounds, 1):
        lines.append(
            f"| {number} | {row['nginx']:,.0f}/s | {row['storm']:,.0f}/s | {ratio_text(row['ratio'])} | "
            f"{row['publishes']} | {row['publish_ms'] or 0:,.0f} | {row['backend_requests']} | "
            f"{row['backend_per_publish'] or 0:.1f} |"
        )
    lines += [
        "",
        f"Addresses showing the guide (purged by each publish): {len(shown)} of {len(paths)}.",
        f"Targets {'met' if met else 'NOT met'}: throughput ≥ 1/3 of nginx (median {ratio_text(ratio)}), "
        f"backend renders per publish ≤ {len(shown)} (at most {per_publish:.1f})"
        + ("; a run had errors or no publish: invalid." if invalid else "."),
    ]
    print("\n".join(lines))
    results = PROJECT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "publish_storm.json").write_text(
        json.dumps(
            {"args": vars(args), "rounds": rounds, "addresses": len(paths), "showing_guide": shown, "targets_met": met},
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
