"""A real varnishd with the project's VCL in front of the web service's gunicorn: what it keeps, what it passes,
how it compresses, how it normalises addresses, and that changes purge exactly the answers showing them."""

import gzip
import json
import random
import re
import socket
import subprocess
import urllib.request
from urllib.parse import urlencode

import pytest

from guides.i18n import page_urls_by_language
from page_cache import query
from ratings.signals import rating_summary_changed
from tests.conftest import wait_until
from tests.factories import build_guide

from .conftest import fetch

pytestmark = pytest.mark.postgres


@pytest.fixture
def stack(site_tree, settings, gunicorn_factory, varnish_factory):
    """gunicorn and Varnish; this process purges Varnish after its commits, as the application does.

    Both start again for every test: Varnish keeps the pages of the last test under the same addresses, and each
    gunicorn worker keeps Wagtail's site root paths in its own memory cache, where the site that the flush after a
    test removed would still stand (links would then name another site)."""
    web = gunicorn_factory()
    varnish = varnish_factory(web.port)
    settings.VARNISH_URLS = [varnish.url]
    return site_tree, web, varnish


def urls(varnish, page, languages=None):
    by_language = page_urls_by_language(page)
    return [varnish.url + by_language[code] for code in (languages or by_language)]


def state(url, **headers):
    return fetch(url, headers=headers)[1]["X-Cache"]


def warm(*page_urls):
    for url in page_urls:
        fetch(url)
        assert state(url) == "hit", url


def refreshed(url, text):
    """Waits until Varnish serves the new answer it fetched after a soft purge."""
    return wait_until(lambda: text in fetch(url)[2] and state(url) == "hit", timeout=30, what=f"{text} at {url}")


def test_anonymous_pages_are_cached_compressed_and_name_no_software(stack):
    site_tree, _web, varnish = stack
    url = urls(varnish, site_tree.guide, ["de"])[0]
    first = fetch(url)
    second = fetch(url)
    assert (first[0], second[0]) == (200, 200)
    assert (first[1]["X-Cache"], second[1]["X-Cache"]) == ("miss", "hit")
    assert second[2] == first[2]
    for name in ("Via", "X-Varnish", "Server", "X-Powered-By", "xkey"):
        assert name not in second[1]
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        compressed = response.read()
    assert gzip.decompress(compressed).decode() == first[2]
    assert len(compressed) < len(first[2].encode()) / 3


def test_publishing_a_guide_refreshes_the_answers_showing_it_and_no_other(stack):
    site_tree, _web, varnish = stack
    other_guide = build_guide(
        site_tree.guide_index, site_tree.platform, title="Delete your history", slug="delete-history"
    )
    showing = [
        *urls(varnish, site_tree.guide, ["de", "fr"]),
        *urls(varnish, site_tree.guide_index, ["de", "fr"]),
        *urls(varnish, site_tree.home, ["de"]),
        *urls(varnish, site_tree.deadline, ["de"]),
    ]
    unrelated = [*urls(varnish, other_guide, ["de", "fr"]), *urls(varnish, site_tree.article, ["de"])]
    warm(*showing, *unrelated)

    site_tree.guide.title_de = "Widerspruch: neue Menüs"
    site_tree.guide.title_fr = "Opposition : nouveaux menus"
    site_tree.guide.save_revision().publish()

    assert [state(url) for url in unrelated] == ["hit"] * len(unrelated)
    # A soft purge: the first reader still gets the old copy at once, while Varnish fetches the new one.
    assert [state(url) for url in showing] == ["stale"] * len(showing)
    for url in showing:
        new_title = "Opposition : nouveaux menus" if "/fr/" in url else "Widerspruch: neue Menüs"
        refreshed(url, new_title)
    assert [state(url) for url in unrelated] == ["hit"] * len(unrelated)


def test_a_snippet_change_refreshes_the_pages_showing_it_in_every_language(stack):
    site_tree, _web, varnish = stack
    guide_urls = urls(varnish, site_tree.guide)
    article_urls = urls(varnish, site_tree.article)
    warm(*guide_urls, *article_urls)
    site_tree.platform.name = "Meta Facebook"
    site_tree.platform.save()
    assert [state(url) for url in guide_urls] == ["stale"] * len(guide_urls)
    for url in guide_urls:
        refreshed(url, "Meta Facebook")
    assert [state(url) for url in article_urls] == ["hit"] * len(article_urls)


def test_a_new_rating_summary_refreshes_that_page_in_every_language_only(stack):
    site_tree, _web, varnish = stack
    guide_urls = urls(varnish, site_tree.guide)
    others = [*urls(varnish, site_tree.article, ["de"]), *urls(varnish, site_tree.guide_index, ["de"])]
    warm(*guide_urls, *others)
    rating_summary_changed.send(sender=None, page_id=site_tree.guide.pk)
    assert [state(url) for url in guide_urls] == ["stale"] * len(guide_urls)
    assert [state(url) for url in others] == ["hit"] * len(others)


def test_sessions_admin_and_posts_go_to_the_application(stack):
    site_tree, _web, varnish = stack
    url = urls(varnish, site_tree.guide, ["de"])[0]
    fetch(url)
    signed_in = {"Cookie": "sessionid=abc"}
    assert [fetch(url, headers=signed_in)[1]["X-Cache"] for _ in range(2)] == ["miss", "miss"]
    assert [fetch(varnish.url + "/admin/login/")[1]["X-Cache"] for _ in range(2)] == ["miss", "miss"]


def test_a_vote_through_varnish_is_stored_and_the_page_thanks_the_reader(stack):
    from ratings.models import Vote

    site_tree, _web, varnish = stack
    fetch(urls(varnish, site_tree.guide, ["en"])[0])
    data = urlencode({"page": site_tree.guide.pk, "stars": 4}).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
        "Origin": varnish.url,
    }
    status, response_headers, _body = fetch(
        varnish.url + "/en/ratings/vote/", method="POST", data=data, headers=headers
    )
    assert status == 303
    assert response_headers["X-Cache"] == "miss"
    assert "no-store" in response_headers["Cache-Control"]
    assert Vote.objects.filter(page_id=site_tree.guide.pk).count() == 1
    # The thanks is in the address (?rated=4), the same for everyone who follows it: a page of its own in Varnish.
    after = fetch(varnish.url + response_headers["Location"].split("#")[0])
    assert after[0] == 200
    assert "You gave 4 stars out of 5" in after[2]
    assert "Thank you! You gave" not in fetch(urls(varnish, site_tree.guide, ["en"])[0])[2]


def varnish_counter(varnish, name):
    output = subprocess.run(
        ["varnishstat", "-n", str(varnish.directory / "instance"), "-1", "-j", "-f", name],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counters = json.loads(output)
    counters = counters.get("counters", counters)
    return counters[name]["value"]


def random_query(rng, own_values):
    """A query string as readers, crawlers and tracking links send them: junk, wrong values, repeats, and now and
    then a parameter the page really reads."""
    names = [
        "utm_source",
        "fbclid",
        "_",
        "ref",
        "PAGE",
        "Surface",
        "q",
        "page",
        "surface",
        "rated",
        "topic",
        "platform",
        "%70age",
        rng.choice("abcdefgh") * rng.randint(1, 4),
    ]
    junk_values = ["", "0", "1", "01", "-2", "99999", "x", "ios%20", "%32", "2.0", "android'", "%3Cb%3E", "%C3%84"]
    pairs = []
    for _ in range(rng.randint(0, 4)):
        if own_values and rng.random() < 0.3:
            pairs.append(rng.choice(own_values))
        else:
            pairs.append((rng.choice(names), rng.choice(junk_values + ["2", "ios", "3", "facebook"])))
    return "&".join(f"{name}={value}" for name, value in pairs)


def test_random_query_strings_and_host_variants_render_each_allowed_variant_once(stack):
    """1,000 requests through Varnish make no more backend renders than there are allowed variants."""
    site_tree, _web, varnish = stack
    pages = {
        page_urls_by_language(site_tree.guide)["de"]: (
            "guides.GuidePage",
            [("surface", "android"), ("surface", "web"), ("rated", "5")],
        ),
        page_urls_by_language(site_tree.article_index)["de"]: ("guides.ArticleIndexPage", [("page", "2")]),
        page_urls_by_language(site_tree.home)["en"]: ("guides.HomePage", []),
        "/de/suche/": ("search", [("q", "facebook"), ("q", "objection"), ("page", "2")]),
    }
    hosts = ["localhost", "LOCALHOST", "localhost.", "localhost:80", "LocalHost.:80", "localhost.:443"]
    rng = random.Random(20261202)  # noqa: S311 (a repeatable mix of addresses, not a secret)
    requests, variants = [], set()
    for _ in range(1000):
        path = rng.choice(list(pages))
        kind, own_values = pages[path]
        raw = random_query(rng, own_values)
        requests.append((path + ("?" + raw if raw else ""), rng.choice(hosts)))
        names = query.VIEW_PARAMETERS.get(kind) or query.PAGE_TYPE_PARAMETERS.get(kind, ())
        # The variant is what the page depends on: its own parameters with valid values, the last of each name.
        sent = dict(pair.partition("=")[::2] for pair in raw.split("&")) if raw else {}
        kept = tuple(
            sorted(
                (name, value)
                for name, value in sent.items()
                if name in names and re.fullmatch(query.PARAMETERS[name].vcl_pattern, value)
            )
        )
        variants.add((path, kept))

    before = varnish_counter(varnish, "MAIN.backend_req")
    statuses = set()
    for url, host in requests:
        status, _headers, _body = fetch(varnish.url + url, headers={"Host": host})
        statuses.add(status)
    renders = varnish_counter(varnish, "MAIN.backend_req") - before
    assert statuses == {200}
    assert 0 < renders <= len(variants), (renders, len(variants))


def test_a_slowly_sent_body_does_not_hold_the_only_worker(site_tree, gunicorn_factory, varnish_factory):
    """Varnish takes a POST's whole body before passing it on, so a sync worker never waits for a slow client:
    while a vote's body is still on its way, the only worker answers another request."""
    from ratings.models import Vote

    web = gunicorn_factory(WEB_CONCURRENCY=1)
    varnish = varnish_factory(web.port)
    body = urlencode({"page": site_tree.guide.pk, "stars": 5}).encode()
    with socket.create_connection(("127.0.0.1", varnish.port), timeout=30) as connection:
        connection.sendall(
            b"POST /de/ratings/vote/ HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\nExpect: 100-continue\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        # Varnish asks for the body once it has taken the request: from here on it holds the vote.
        assert connection.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        connection.sendall(body[:5])
        # Passed to the application while the vote's body is incomplete: a worker held by it could not answer.
        assert fetch(varnish.url + "/admin/login/")[0] == 200
        connection.sendall(body[5:])
        answer = connection.recv(200)
    assert answer.startswith(b"HTTP/1.1 303")
    assert Vote.objects.filter(page_id=site_tree.guide.pk).count() == 1


def test_the_step_changes_page_is_kept_without_query_and_refreshed_when_a_translation_catches_up(stack):
    from django.urls import reverse
    from django.utils import translation

    from notices.models import UpdateNotice
    from tests.notices.conftest import live_steps, publish_step_changes, publish_steps, reworked_steps

    site_tree, _web, varnish = stack
    publish_step_changes(site_tree.guide, languages=("de",))
    notice = UpdateNotice.objects.get()
    with translation.override("fr"):
        url = varnish.url + reverse("notices:step_changes", args=[notice.pk])
    warm(url)
    assert "Pour l’instant uniquement en allemand" in fetch(url)[2]
    assert state(f"{url}?utm_source=newsletter&cache=1234") == "hit"
    # The French steps catch up in a later, minor publication: the page no longer says they lag behind.
    publish_steps(
        site_tree.guide, {"fr": reworked_steps(live_steps(site_tree.guide, "fr"), "fr")}, notes={}, significant=False
    )
    refreshed(url, "ont été mises à jour plus tard")
    assert "Pour l’instant uniquement en allemand" not in fetch(url)[2]
