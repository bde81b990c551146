"""Where a request's CPU time goes: a cold guide render and a new reader's vote, part by part, in one process.

    .venv/bin/python bench/costs.py [--requests 300] [--rounds 3]

bench/pages.py and bench/votes.py say how fast; this says why. On the page benchmarks' database
(BENCH_DATABASE_URL, the demo content, prepared as bench/pages.py prepares it) and Redis (BENCH_REDIS_URL), it
calls Django's WSGI handler as gunicorn's worker does, in this process and without a server, and measures the CPU
time of this process (time.process_time: the work PostgreSQL and Redis do in their own processes is not in it):

  - robots.txt, a template view through the whole middleware stack: the smallest request, the reference;
  - a render of the largest demo guide (no page cache in the application: what every Varnish miss costs), with
    Wagtail's site lookup, the rest of the routing, the guide's context and the templates measured inside it;
  - a vote from a reader never seen before (own address, no cookie) on a page with a published summary, with the
    page check, the insert, the rate limit and the summary's debounce measured inside it.

Each figure is the median over --rounds rounds of the mean over --requests requests, after a warm-up. The votes
this adds are deleted at the end; the tasks they enqueue go to a queue of the run's own, dropped at the end.
Results go to bench/results/costs.json (ignored by git).
"""

import argparse
import io
import json
import statistics
import time
import uuid
from collections import Counter

from stack import PROJECT, django_setup, prepare_demo_stack

VOTE_PARTS = (
    "page check with its summary (1 query)",
    "the vote's insert (1 query)",
    "rate limit (Redis)",
    "summary debounce (Redis)",
)


class PartTimer:
    """Adds up the CPU time spent inside chosen functions, replacing each by a timing wrapper."""

    def __init__(self):
        self.spent = Counter()

    def timed(self, label, function):
        spent = self.spent

        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - start

        return wrapper

    def wrap(self, owner, name, label):
        # The attribute as defined (a staticmethod or property object), wherever in the class hierarchy it is.
        original = next(vars(cls)[name] for cls in getattr(owner, "__mro__", [owner]) if name in vars(cls))
        if isinstance(original, staticmethod):
            setattr(owner, name, staticmethod(self.timed(label, original.__func__)))
        elif isinstance(original, property):
            setattr(owner, name, property(self.timed(label, original.fget)))
        else:
            setattr(owner, name, self.timed(label, original))


def wsgi_environ(method, path, body=b"", **headers):
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
    }
    environ.update(headers)
    return environ


def measure(call, parts, requests, rounds):
    """{"request": ms, part: ms, …} per request, each the median of the rounds' means."""
    for _ in range(max(20, requests // 10)):
        call()
    figures = []
    for _ in range(rounds):
        parts.spent.clear()
        start = time.process_time()
        for _ in range(requests):
            call()
        total = time.process_time() - start
        figures.append({"request": total, **parts.spent})
    return {key: statistics.median(f.get(key, 0.0) for f in figures) * 1000 / requests for key in figures[0]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per round and kind")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    queue = f"bench-costs-{uuid.uuid4().hex[:8]}"
    demo = prepare_demo_stack("bench-costs-")
    django_setup({**demo.env, "CELERY_QUEUE": queue})

    import redis
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.template.response import SimpleTemplateResponse
    from wagtail.models import Page
    from wagtail.models import sites as wagtail_sites

    from guides.i18n import page_urls_by_language
    from guides.models import GuidePage
    from ratings import views as rating_views
    from ratings import votes as rating_votes
    from ratings.models import Vote
    from ratings.summaries import publish_summary

    handler = WSGIHandler()

    def call(environ):
        status = []
        body = b"".join(handler(environ, lambda line, headers: status.append(line)))
        if not status[0].startswith("200"):
            raise RuntimeError(f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}: {status[0]} {body[:200]!r}")

    guide = max(GuidePage.objects.live(), key=lambda page: len(page.steps.raw_data))
    guide_url = page_urls_by_language(guide)["de"]
    # The vote's page has a published summary, as every page has after its first votes.
    publish_summary(guide.pk)
    votes_before = Vote.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    readers = iter(range(1, 1 << 30))

    def vote():
        reader = next(readers)
        body = f"page={guide.pk}&stars={reader % 5 + 1}".encode()
        call(
            wsgi_environ(
                "POST",
                "/de/ratings/vote/",
                body,
                CONTENT_TYPE="application/x-www-form-urlencoded",
                HTTP_ACCEPT="application/json",
                HTTP_SEC_FETCH_SITE="same-origin",
                HTTP_USER_AGENT=f"bench-costs-{reader}",
                REMOTE_ADDR=f"10.{reader >> 16 & 255}.{reader >> 8 & 255}.{reader & 255}",
            )
        )

    parts = PartTimer()
    parts.wrap(wagtail_sites, "get_site_for_hostname", "site lookup (Wagtail)")
    parts.wrap(Page, "route_for_request", "routing")
    parts.wrap(GuidePage, "get_context", "context")
    parts.wrap(SimpleTemplateResponse, "rendered_content", "templates")
    for (owner, name), label in zip(
        (
            (rating_votes, "ratable_page_summary"),
            (rating_votes, "insert_new"),
            (rating_views, "over_rate_limit"),
            (rating_views, "schedule_summary"),
        ),
        VOTE_PARTS,
        strict=True,
    ):
        parts.wrap(owner, name, label)

    try:
        results = {
            "robots.txt": measure(lambda: call(wsgi_environ("GET", "/robots.txt")), parts, args.requests, args.rounds),
            "guide": measure(lambda: call(wsgi_environ("GET", guide_url)), parts, args.requests, args.rounds),
            "vote": measure(vote, parts, args.requests, args.rounds),
        }
    finally:
        Vote.objects.filter(pk__gt=votes_before).delete()
        publish_summary(guide.pk)
        redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(queue)

    guide_parts = results["guide"]
    # Routing includes the site lookup; the home page as its own type, the path with menu and breadcrumbs, and the
    # guide with its related rows are the rest of it.
    guide_parts["routing"] -= guide_parts.get("site lookup (Wagtail)", 0.0)
    reference = results["robots.txt"]["request"]
    print(f"\nCPU time of this process per request, ms (median of {args.rounds} rounds × {args.requests} requests)\n")
    print("| request, and parts of it | ms | × robots.txt |")
    print("| --- | ---: | ---: |")
    rows = (
        ("guide", f"guide {guide_url}", ("site lookup (Wagtail)", "routing", "context", "templates")),
        ("vote", "vote of a new reader", VOTE_PARTS),
        ("robots.txt", "robots.txt", ()),
    )
    for key, title, labels in rows:
        figures = results[key]
        print(f"| **{title}** | **{figures['request']:.2f}** | {figures['request'] / reference:.1f} |")
        for label in labels:
            print(f"| – {label} | {figures.get(label, 0.0):.2f} | {figures.get(label, 0.0) / reference:.1f} |")
        if labels:
            rest = figures["request"] - sum(figures.get(label, 0.0) for label in labels)
            print(f"| – the rest (middleware, view, response) | {rest:.2f} | {rest / reference:.1f} |")
    out = PROJECT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "costs.json").write_text(json.dumps({"guide_url": guide_url, **results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
