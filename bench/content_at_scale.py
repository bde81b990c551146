"""Content at scale: publishing one guide, what it purges, and the sitemap, with 100 and with 2,000 guides.

    .venv/bin/python bench/content_at_scale.py [--small 100] [--large 2000] [--repeats 5]

On a throw-away database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/h_scale_bench, dropped,
created, migrated and filled by `manage.py load_demo` on every run) it copies the demo's Facebook guide, in all
five languages with its steps, until there are --small guides, measures, copies on to --large guides and measures
again. The copies are written in bulk (the page rows with one bulk_create per 500, the guide rows with one
INSERT … SELECT), so 2,000 guides take seconds. Measured at each size, in this process (Django's test client,
PostgreSQL, Redis at BENCH_REDIS_URL, default redis://127.0.0.1:6379/7):

- publishing one guide: a new revision of the demo guide published, as the admin's publish does, including the
  soft purge sent to a real varnishd (config/varnish/default.vcl, started here) when the transaction commits;
- its invalidation: the surrogate keys purged, the PURGE requests sent and their time;
- the sitemap: the index (/sitemap.xml) and every part it lists, with the number of addresses and the time per
  address.

Each figure is the median of --repeats. The report gives the large/small ratio of each: publishing and purging
should not grow with the number of guides, the sitemap should grow no faster than its addresses (flat per
address). Everything binds 127.0.0.1; varnishd is stopped at the end in every case. Results go to
bench/results/content_at_scale.json (ignored by git).
"""

import argparse
import json
import os
import statistics
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlparse

import psycopg
from stack import PROJECT, bench_env, django_setup, free_port, prepare_demo, start_varnish

BATCH = 500


def recreate_database(url):
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def template_guide():
    from guides.models import GuidePage

    return GuidePage.objects.live().order_by("pk").first()


def add_guides(template, count):
    """Copies of ``template`` below its index until it has ``count`` guides in all; returns how many were added."""
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from guides.i18n import LANGUAGE_CODES
    from guides.models import GuidePage

    index = Page.objects.get(pk=template.get_parent().pk)
    existing = GuidePage.objects.count()
    missing = count - existing
    if missing <= 0:
        return 0
    with connection.cursor() as cursor:
        # The row as stored: modeltranslation's values() would give each field in the active language only.
        cursor.execute("SELECT * FROM wagtailcore_page WHERE id = %s", [template.pk])
        base = dict(zip([column.name for column in cursor.description], cursor.fetchone(), strict=True))
    last_child = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).order_by("-path").first()
    position = int(last_child.path[-Page.steplen :], 36) if last_child else 0
    now = timezone.now()
    pages = []
    for number in range(existing + 1, count + 1):
        position += 1
        row = {
            **base,
            "path": Page._get_path(index.path, index.depth + 1, position),
            "translation_key": uuid.uuid4(),
            "latest_revision_id": None,
            "live_revision_id": None,
            "first_published_at": now,
            "last_published_at": now,
            "has_unpublished_changes": False,
        }
        row.pop("id")
        for code in LANGUAGE_CODES:
            slug = f"{base[f'slug_{code}']}-{number}"
            row[f"slug_{code}"] = slug
            row[f"title_{code}"] = f"{base[f'title_{code}']} ({number})"
            parent_path = base[f"url_path_{code}"].rstrip("/").rsplit("/", 1)[0]
            row[f"url_path_{code}"] = f"{parent_path}/{slug}/"
        row["slug"], row["title"], row["url_path"] = row["slug_de"], row["title_de"], row["url_path_de"]
        row["draft_title"] = row["title_de"]
        pages.append(Page(**row))
    with transaction.atomic():
        created = []
        for start in range(0, len(pages), BATCH):
            created += Page.objects.bulk_create(pages[start : start + BATCH])
        columns = [field.column for field in GuidePage._meta.local_concrete_fields if field.column != "page_ptr_id"]
        column_list = ", ".join(f'"{column}"' for column in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO guides_guidepage (page_ptr_id, {column_list}) "  # noqa: S608 (our own column names)
                f"SELECT new.id, {', '.join(f'g.{c}' for c in column_list.split(', '))} "
                "FROM guides_guidepage g, unnest(%s::bigint[]) AS new(id) WHERE g.page_ptr_id = %s",
                [[page.pk for page in created], template.pk],
            )
        Page.objects.filter(pk=index.pk).update(
            numchild=Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).count()
        )
    return len(created)


def measure_publish(template, repeats):
    """Median time to publish a new revision of the guide, and what its purge sent."""
    from page_cache import purge

    sent = []
    original_send = purge.send

    def counting_send(location, header_value):
        started = time.perf_counter()
        confirmed = original_send(location, header_value)
        sent.append(
            {"keys": len(header_value.split()), "seconds": time.perf_counter() - started, "confirmed": confirmed}
        )
        return confirmed

    purge.send = counting_send
    timings, purges = [], []
    try:
        for _ in range(repeats):
            page = template.specific_class.objects.get(pk=template.pk)
            sent.clear()
            started = time.perf_counter()
            page.save_revision().publish()
            timings.append(time.perf_counter() - started)
            purges.append(
                {
                    "requests": len(sent),
                    "keys": sum(item["keys"] for item in sent),
                    "seconds": sum(item["seconds"] for item in sent),
                    "confirmed": sum(item["confirmed"] for item in sent),
                }
            )
    finally:
        purge.send = original_send
    return {
        "publish_ms": statistics.median(timings) * 1000,
        "purge_requests": statistics.median(item["requests"] for item in purges),
        "purge_keys": statistics.median(item["keys"] for item in purges),
        "purge_ms": statistics.median(item["seconds"] for item in purges) * 1000,
        "purges_confirmed": min(item["confirmed"] for item in purges),
    }


def measure_sitemap(repeats):
    """Median time of the index plus every part it lists, the number of parts and of addresses."""
    import xml.etree.ElementTree as ET

    from django.test import Client

    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    client = Client(HTTP_HOST="127.0.0.1")
    timings, addresses, parts = [], 0, 0
    client.get("/sitemap-pages.xml")  # a process's first request compiles the templates
    for _ in range(repeats):
        started = time.perf_counter()
        index = client.get("/sitemap.xml")
        assert index.status_code == 200, index.status_code
        locations = [loc.text for loc in ET.fromstring(index.content).iter(f"{namespace}loc")]  # noqa: S314
        addresses = 0
        for location in locations:
            part = client.get(location.removeprefix("http://127.0.0.1"))
            assert part.status_code == 200, (location, part.status_code)
            addresses += len(ET.fromstring(part.content).findall(f"{namespace}url"))  # noqa: S314
        timings.append(time.perf_counter() - started)
        parts = len(locations)
    seconds = statistics.median(timings)
    return {
        "sitemap_ms": seconds * 1000,
        "sitemap_parts": parts,
        "sitemap_addresses": addresses,
        "sitemap_us_per_address": seconds / addresses * 1e6,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=100, help="guides in the first measurement")
    parser.add_argument("--large", type=int, default=2000, help="guides in the second measurement")
    parser.add_argument("--repeats", type=int, default=5, help="measurements per figure (the median is kept)")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_scale_bench")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
    work = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    varnish_port, unused_backend_port = free_port(), free_port()
    env = bench_env(database_url, redis_url, work, unused_backend_port)
    env["CELERY_QUEUE"] = f"bench-scale-{uuid.uuid4().hex[:8]}"  # tasks the publishes enqueue are dropped after
    print("Preparing the database …", flush=True)
    recreate_database(database_url)
    prepare_demo(env)
    django_setup(env)
    from django.conf import settings

    rows = []
    with ExitStack() as stack:
        # A real varnishd receives the purges; nothing is cached in it here, so no backend needs to answer.
        _varnish, varnish_url, _name = start_varnish(stack, work, unused_backend_port, varnish_port)
        settings.VARNISH_URLS = [varnish_url]
        template = template_guide()
        for size in (args.small, args.large):
            started = time.perf_counter()
            added = add_guides(template, size)
            generation = time.perf_counter() - started
            row = {"guides": size, "added": added, "generated_per_second": added / generation if added else None}
            row.update(measure_publish(template, args.repeats))
            row.update(measure_sitemap(args.repeats))
            rows.append(row)
            print(
                f"{size} guides: "
                + ", ".join(
                    f"{key} {value:,.2f}" if isinstance(value, float) else f"{key} {value}"
                    for key, value in row.items()
                ),
                flush=True,
            )
    import redis

    redis.Redis.from_url(redis_url).delete(env["CELERY_QUEUE"])
    report(rows)


def report(rows):
    small, large = rows
    figures = [
        ("publish one guide (ms)", "publish_ms", 1.5),
        ("surrogate keys purged", "purge_keys", 1.0),
        ("PURGE requests", "purge_requests", 1.0),
        ("purge time (ms)", "purge_ms", None),
        ("sitemap, index and all parts (ms)", "sitemap_ms", None),
        ("sitemap, per address (µs)", "sitemap_us_per_address", 1.5),
    ]
    lines = [
        f"| figure | {small['guides']:,} guides | {large['guides']:,} guides | ratio | target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    met = True
    for label, key, bound in figures:
        ratio = large[key] / small[key] if small[key] else float("inf")
        ok = bound is None or ratio <= bound
        met &= ok
        target = "–" if bound is None else f"≤ {bound} {'met' if ok else 'NOT met'}"
        lines.append(f"| {label} | {small[key]:,.1f} | {large[key]:,.1f} | × {ratio:.2f} | {target} |")
    lines.append(
        f"| sitemap addresses (parts) | {small['sitemap_addresses']:,} ({small['sitemap_parts']}) | "
        f"{large['sitemap_addresses']:,} ({large['sitemap_parts']}) | "
        f"× {large['sitemap_addresses'] / small['sitemap_addresses']:.1f} | – |"
    )
    confirmed = all(row["purges_confirmed"] >= row["purge_requests"] for row in rows)
    met &= confirmed
    lines += [
        "",
        f"Copies written at {large['generated_per_second'] or 0:,.0f} guides/s. Every PURGE confirmed by "
        f"varnishd: {'yes' if confirmed else 'NO'}. Targets {'met' if met else 'NOT met'}.",
    ]
    print("\n".join(lines))
    results = PROJECT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "content_at_scale.json").write_text(
        json.dumps({"rows": rows, "targets_met": met}, indent=2, default=str)
    )


if __name__ == "__main__":
    main()
