"""Server time and size of the Wagtail admin's edit view for large guides.

    .venv/bin/python bench/edit_view.py [--requests 15] [--keep-database]

Uses a PostgreSQL database of its own (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/h_edit_bench),
created, migrated and filled with `load_demo --no-accounts` when missing, plus a guide of three surfaces × 12
steps in five languages (tests.factories.build_long_guide). No Redis: the cache is in memory, as in `make run`.

For each page it signs in an editor (the Editors group, German admin) and asks for the edit view through Django's
handler (the test client, no network):

- the reference: the edit view of the guide index (a page with a handful of fields), measured in the same run;
- the demo's Facebook guide (3 surfaces × 5 steps × 5 languages, the demo's largest);
- the 3 × 12 guide.

"first" is the first request in a fresh process (templates compiled then, as after a deploy), each page in its own
process after one request to the dashboard; "warm" is the median of --requests later requests, as wall time and as
the process's CPU time (the server's own work, which a busy machine disturbs less than the wall time; the
database's time is not in it); "SQL" counts the queries of one warm request. The reference's ratio travels
between machines better than the seconds.
Prints a Markdown table and writes bench/results/edit_view.json. Takes about a minute.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

PROJECT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/h_edit_bench")
LONG_GUIDE_SLUG = "bench-three-surfaces-by-twelve-steps"
EDITOR = "bench-editor"
PAGES = ("reference", "facebook", "long")


def environment():
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "SECRET_KEY": "bench-only-key",
        "REDIS_URL": "",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ALLOWED_HOSTS": "testserver",
        # As `make run` serves it: debug settings, plain static files (no collectstatic needed).
        "DEBUG": "true",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


def ensure_database():
    import psycopg

    parsed = urlparse(DATABASE_URL)
    name = parsed.path.lstrip("/")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        conn.execute(f'CREATE DATABASE "{name}"')
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo", "--no-accounts"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT,
            env=environment(),
            check=True,
            stdout=subprocess.DEVNULL,
        )


def set_up_django():
    os.environ.update(environment())
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()


def prepare_content():
    """The 3 × 12 guide and the editor, made once; returns {page name: edit URL}."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    from editorial.setup import EDITORS
    from guides.models import GuideIndexPage, GuidePage, Platform
    from tests.factories import build_long_guide

    index = GuideIndexPage.objects.get()
    if not GuidePage.objects.filter(slug_de=f"{LONG_GUIDE_SLUG}-de").exists():
        build_long_guide(index, Platform.objects.get(slug="facebook"), slug=LONG_GUIDE_SLUG)
    user, created = get_user_model().objects.get_or_create(username=EDITOR, defaults={"email": "bench@example.org"})
    if created:
        user.groups.add(Group.objects.get(name=EDITORS))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "de"
        profile.save()
    pages = {
        "reference": index,
        "facebook": GuidePage.objects.get(slug_de="facebook-ki-training-widersprechen"),
        "long": GuidePage.objects.get(slug_de=f"{LONG_GUIDE_SLUG}-de"),
    }
    return {name: f"/admin/pages/{page.pk}/edit/" for name, page in pages.items()}


def signed_in_client():
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=EDITOR))
    return client


def timed_get(client, url):
    started_wall, started_cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    wall, cpu = time.perf_counter() - started_wall, time.process_time() - started_cpu
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return wall, cpu, len(response.content)


def first_request(name):
    """Run in a fresh process: one dashboard request, then the page's edit view once."""
    set_up_django()
    url = prepare_content()[name]
    client = signed_in_client()
    client.get("/admin/")
    wall, cpu, _size = timed_get(client, url)
    print(json.dumps({"wall": wall, "cpu": cpu}))


def warm_requests(urls, count):
    from django.db import connection

    client = signed_in_client()
    results = {}
    for name, url in urls.items():
        timed_get(client, url)
        queries = []

        def record(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(record):
            _wall, _cpu, size = timed_get(client, url)
        runs = [timed_get(client, url) for _ in range(count)]
        results[name] = {
            "url": url,
            "bytes": size,
            "queries": len(queries),
            "warm_wall": statistics.median(run[0] for run in runs),
            "warm_cpu": statistics.median(run[1] for run in runs),
        }
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=15, help="warm requests per page (median)")
    parser.add_argument("--first-request", choices=PAGES, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.first_request:
        first_request(options.first_request)
        return

    ensure_database()
    set_up_django()
    urls = prepare_content()
    results = warm_requests(urls, options.requests)
    for name in PAGES:
        answer = subprocess.run(
            [sys.executable, __file__, "--first-request", name],
            cwd=PROJECT,
            check=True,
            env=environment(),
            capture_output=True,
            text=True,
        )
        first = json.loads(answer.stdout.strip().splitlines()[-1])
        results[name].update(first_wall=first["wall"], first_cpu=first["cpu"])

    reference = results["reference"]
    load = os.getloadavg()[0]
    print(f"Load average at the end (1 min): {load:.1f} on {os.cpu_count()} CPUs")
    print("| edit view | HTML | SQL | first request (wall / CPU) | warm (wall) | warm (CPU) | CPU vs reference |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    labels = {
        "reference": "guide index (reference)",
        "facebook": "Facebook guide (demo, 3 × 5)",
        "long": "guide of 3 × 12 steps",
    }
    for name in PAGES:
        row = results[name]
        print(
            f"| {labels[name]} | {row['bytes'] / 1000:,.0f} KB | {row['queries']} | "
            f"{row['first_wall']:.2f} s / {row['first_cpu']:.2f} s | "
            f"{row['warm_wall']:.3f} s | {row['warm_cpu']:.3f} s | "
            f"{row['warm_cpu'] / reference['warm_cpu']:.1f}× |"
        )
    out = PROJECT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "edit_view.json").write_text(json.dumps({"load_average": load, "pages": results}, indent=2))


if __name__ == "__main__":
    main()
