"""Hypothesis against every public form and query parameter: whatever a reader or a bot sends, no 5xx.

To cover a new endpoint, add an ``Endpoint`` to ENDPOINTS: a name, how many cases it gets, and a strategy that
draws a request (method, path, parameters, headers) from the site tree. The cases add up to 2,050; each test
checks that it really sent as many requests as its endpoint names.
"""

from dataclasses import dataclass, field
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from guides.i18n import LANGUAGE_CODES, page_urls_by_language

# Any text a browser or a script can send: every Unicode category but lone surrogates (not encodable).
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
numberish = st.one_of(
    st.integers(-(2**70), 2**70).map(str), st.sampled_from(["", " 1", "1.5", "1e9", "0x10", "NaN", "-0", "٣", "１"])
)
languages = st.sampled_from(LANGUAGE_CODES)
fetch_site = st.sampled_from([None, "same-origin", "same-site", "cross-site", "none"])
accept = st.sampled_from([None, "application/json", "text/html", "*/*"])


@dataclass
class Request:
    method: str
    path: str
    params: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    raw_query: str | None = None


@dataclass
class Endpoint:
    name: str
    cases: int
    strategy: object  # site_tree -> strategy of Request


def reader_pages(tree):
    return [
        tree.home,
        tree.guide_index,
        tree.article_index,
        tree.deadline_index,
        tree.guide,
        tree.article,
        tree.deadline,
    ]


def page_ids(tree):
    real = [str(page.pk) for page in reader_pages(tree)]
    return st.one_of(st.sampled_from(real), numberish, any_text)


def header_values(**choices):
    """Headers as the test client takes them (HTTP_…), leaving out the ones drawn as None."""
    return st.fixed_dictionaries({name: strategy for name, strategy in choices.items()}).map(
        lambda drawn: {name: value for name, value in drawn.items() if value is not None}
    )


def search(tree):
    return st.builds(
        lambda lang, q, page: Request("GET", f"/{lang}/search/", {"q": q, "page": page}),
        languages,
        any_text,
        st.one_of(numberish, any_text),
    )


def page_with_query(tree):
    urls = [url for page in reader_pages(tree) for url in page_urls_by_language(page).values()]
    params = st.dictionaries(
        st.sampled_from(["page", "rated", "q", "platform", "utm_source"]) | any_text,
        st.one_of(numberish, any_text),
        max_size=4,
    )
    raw = st.binary(max_size=60).map(quote_from_bytes)
    return st.one_of(
        st.builds(lambda url, p: Request("GET", url, p), st.sampled_from(urls), params),
        st.builds(lambda url, q: Request("GET", url, raw_query=f"page={q}&rated={q}"), st.sampled_from(urls), raw),
    )


def language_redirect(tree):
    return st.builds(
        lambda header, cookie: Request(
            "GET", "/", headers={"HTTP_ACCEPT_LANGUAGE": header, "HTTP_COOKIE": f"language={cookie}"}
        ),
        any_text.map(lambda text: text.replace("\n", " ").replace("\r", " ")),
        st.sampled_from([*LANGUAGE_CODES, "xx", "", "de;q=1"]),
    )


def unknown_paths(tree):
    segment = st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"), min_size=1, max_size=40
    ).map(lambda text: quote(text, safe=""))
    return st.builds(
        lambda lang, parts: Request("GET", f"/{lang}/" + "/".join(parts) + "/"),
        languages,
        st.lists(segment, min_size=1, max_size=4),
    )


def vote(tree):
    return st.builds(
        lambda lang, page, stars, headers: Request(
            "POST", f"/{lang}/ratings/vote/", {"page": page, "stars": stars}, headers
        ),
        languages,
        page_ids(tree),
        st.one_of(st.sampled_from(["1", "3", "5"]), numberish, any_text),
        header_values(HTTP_SEC_FETCH_SITE=fetch_site, HTTP_ACCEPT=accept),
    )


def step_report(tree):
    step_ids = [step["id"] for surface in tree.guide.steps_de.raw_data for step in surface["value"]["steps"]]
    return st.builds(
        lambda lang, page, step, note, headers: Request(
            "POST", f"/{lang}/ratings/step-report/", {"page": page, "step": step, "note": note}, headers
        ),
        languages,
        page_ids(tree),
        st.one_of(st.sampled_from(step_ids), any_text),
        any_text,
        header_values(HTTP_SEC_FETCH_SITE=fetch_site, HTTP_ACCEPT=accept),
    )


def report_sent(tree):
    return st.builds(
        lambda lang, page, step: Request("GET", f"/{lang}/ratings/step-report/sent/", {"page": page, "step": step}),
        languages,
        page_ids(tree),
        any_text,
    )


def subscribe(tree):
    scope = st.one_of(st.sampled_from(["all", "platform", "page"]), any_text)
    platform = st.one_of(st.just(tree.platform.slug), any_text)
    email = st.one_of(st.emails(), any_text)
    frequency = st.one_of(st.sampled_from(["immediate", "weekly"]), any_text)
    post = st.builds(
        lambda lang, e, s, pl, pg, f, h: Request(
            "POST",
            f"/{lang}/notices/subscribe/",
            {"email": e, "scope": s, "platform": pl, "page": pg, "frequency": f},
            h,
        ),
        languages,
        email,
        scope,
        platform,
        page_ids(tree),
        frequency,
        header_values(HTTP_SEC_FETCH_SITE=fetch_site),
    )
    get = st.builds(
        lambda lang, s, pl, pg: Request("GET", f"/{lang}/notices/subscribe/", {"scope": s, "platform": pl, "page": pg}),
        languages,
        scope,
        platform,
        page_ids(tree),
    )
    return st.one_of(post, get)


def subscription_links(tree):
    token = st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"), min_size=1, max_size=120
    ).map(lambda text: quote(text, safe=""))
    form = st.fixed_dictionaries(
        {"language": any_text, "frequency": any_text, "scope": any_text, "platform": any_text, "page": any_text}
    )
    return st.builds(
        lambda lang, kind, t, method, data: Request(
            method,
            f"/{lang}/notices/{kind}/{t}/",
            data if method == "POST" else {"saved": data["page"]},
            {"HTTP_SEC_FETCH_SITE": "same-origin"},
        ),
        languages,
        st.sampled_from(["confirm", "manage", "unsubscribe"]),
        token,
        st.sampled_from(["GET", "POST"]),
        form,
    )


def feeds_and_calendars(tree):
    ids = st.one_of(st.sampled_from([tree.guide.pk, tree.deadline.pk, tree.home.pk]), st.integers(0, 2**63))
    slug = st.one_of(st.just(tree.platform.slug), st.from_regex(r"[-a-zA-Z0-9_]{1,60}", fullmatch=True))
    return st.one_of(
        st.builds(lambda lang, i: Request("GET", f"/{lang}/notices/feed/page/{i}/"), languages, ids),
        st.builds(lambda lang, s: Request("GET", f"/{lang}/notices/feed/platform/{s}/"), languages, slug),
        st.builds(lambda lang, i: Request("GET", f"/{lang}/notices/calendar/deadline-{i}.ics"), languages, ids),
        st.builds(
            lambda lang, p, pl: Request("GET", f"/{lang}/notices/", {"page": p, "platform": pl}),
            languages,
            st.one_of(numberish, any_text),
            st.one_of(slug, any_text),
        ),
    )


ENDPOINTS = [
    Endpoint("search", 300, search),
    Endpoint("page query parameters", 300, page_with_query),
    Endpoint("language redirect", 150, language_redirect),
    Endpoint("unknown paths", 150, unknown_paths),
    Endpoint("vote", 300, vote),
    Endpoint("step report", 200, step_report),
    Endpoint("step report sent", 100, report_sent),
    Endpoint("subscribe", 250, subscribe),
    Endpoint("subscription links", 150, subscription_links),
    Endpoint("feeds, calendars and update log", 150, feeds_and_calendars),
]


def send(client, request):
    if request.raw_query is not None:
        return client.generic(request.method, f"{request.path}?{request.raw_query}", **request.headers)
    if request.method == "GET":
        return client.get(request.path, request.params, **request.headers)
    return client.post(request.path, request.params, **request.headers)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[endpoint.name for endpoint in ENDPOINTS])
def test_no_input_gives_a_server_error(endpoint, site_tree, settings):
    # Limits would turn most cases into 429s after the first few dozen and hide the code behind them.
    settings.RATINGS_RATE_LIMIT = "1000000/m"
    settings.NOTICES_ADDRESS_RATES = ("1000000/m",)
    settings.NOTICES_CLIENT_RATE = "1000000/m"
    cache.clear()
    client = Client()
    seen = []

    @hypothesis_settings(
        max_examples=endpoint.cases,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(request=endpoint.strategy(site_tree))
    def no_server_error(request):
        seen.append(request)
        response = send(client, request)
        assert response.status_code < 500, (request, response.status_code)

    no_server_error()
    # Hypothesis stops early when a strategy has fewer distinct values than cases; these must not.
    assert len(seen) >= endpoint.cases
