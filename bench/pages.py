"""Page throughput: home, article, guide, deadline and search pages, two ways, against nginx in the same round.

    .venv/bin/python bench/pages.py [--duration 5] [--rounds 3] [--connections 32] [--threads 2] [--workers N]

On PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/h_ops_bench, created if missing,
migrated, filled by `manage.py load_demo`) and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/6), it
starts the web service's own command (docker-compose.yml: gunicorn with config/gunicorn.py), varnishd with the
project's VCL in front of it (the page cache, page_cache/), and nginx serving the very HTML gunicorn produced,
saved to files: the machine's limit. Then, page by page, wrk measures
  - nginx (reference), - a Varnish hit (gzip, as browsers ask for it),
  - a cold render: gunicorn itself, which renders every request (what each Varnish miss costs; each worker has
    rendered every page once before, as in a running service),
in --rounds rounds, each way right after nginx, and prints the median requests/s and the median of each round's
ratio to nginx, plus the SQL queries of one cold render. Other load on the machine skews the figures (less so
their ratios, and a burst skews one round, which the median leaves out): run it on a quiet machine.
Process helpers: bench/stack.py. Everything binds 127.0.0.1 on free ports; each wrk run stops after --duration
seconds; every process started here is stopped at the end, also on errors. Results go to bench/results/pages.json
(ignored by git).
"""

import argparse
import json
import os
import shutil
import statistics
from contextlib import ExitStack

from stack import (
    PROJECT,
    django_setup,
    fetch,
    prepare_demo_stack,
    ratio_text,
    start_nginx,
    start_varnish,
    start_web,
    wrk,
)

TARGETS = {"varnish hit": 1 / 2, "cold render": 1 / 500}
MAX_GUIDE_QUERIES = 10  # a guide page rendered from scratch must need fewer than this


def bench_pages():
    """{name: German URL} of the five pages, from the demo content."""
    from guides.i18n import page_urls_by_language
    from guides.models import ArticlePage, DeadlinePage, GuidePage, HomePage

    pages = {}
    for name, model in (("home", HomePage), ("article", ArticlePage), ("guide", GuidePage), ("deadline", DeadlinePage)):
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

    Client().get(url, HTTP_HOST="127.0.0.1")  # a process's first request also looks up content types once
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per page; the report gives their medians")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: config/gunicorn.py)")
    args = parser.parse_args()

    # Nothing is published during the runs, so nothing needs purging; the demo load must not try to.
    demo = prepare_demo_stack("bench-pages-", args.workers)
    env, work, web_port, varnish_port, nginx_port = (
        demo.env,
        demo.work,
        demo.web_port,
        demo.varnish_port,
        demo.nginx_port,
    )

    django_setup(env)
    pages = bench_pages()
    queries = {name: count_queries(url) for name, url in pages.items()}
    rows = []
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        # Every worker renders every page once first: a cold render is a Varnish miss in a running service.
        _web, web_url = start_web(stack, env, web_port, warm_urls=pages.values())
        _varnish, varnish_url, _name = start_varnish(stack, work, web_port, varnish_port)
        _nginx, nginx_url = start_nginx(stack, work, nginx_port, {url: fetch(web_url + url) for url in pages.values()})

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
                        measured[mode] / measured["nginx"] for measured in result["rounds"]
                    )
            rows.append(result)
            print(f"{name}: " + ", ".join(f"{mode} {result[mode]:.0f}/s" for mode in runs), flush=True)

    report(rows, args)


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
            # The 1/500 target is the guide page's; other pages are shown for comparison.
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
    lines += [
        "",
        "Targets " + ("met." if met else "NOT met.") + " Varnish hit ≥ 1/2, guide cold render "
        f"≥ 1/500 with < {MAX_GUIDE_QUERIES} queries (guide: {guide['queries']}).",
    ]
    print("\n".join(lines))
    results = PROJECT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "pages.json").write_text(json.dumps({"args": vars(args), "rows": rows, "targets_met": met}, indent=2))
    return met


if __name__ == "__main__":
    main()
