"""The validity crawler: every reader page reachable by links, in every language, is valid HTML and passes axe.

For each language it starts at the home page and follows every same-site link (not the admin, not media or
static files), then adds the 404 page, a search results page and EXTRA_PAGES (pages that only a form POST
reaches). Every HTML page found is

- checked by the Nu HTML checker (one JVM run over all pages saved to a temporary folder; it cannot fetch
  localhost, so it gets files), with zero errors allowed;
- loaded in Chromium, where axe-core checks WCAG 2.0/2.1/2.2 A and AA, with zero violations allowed; the same
  page must not request anything from another host and must fit a 320 px wide screen without scrolling sideways;
- free of inline code the Content Security Policy would block (style attributes, on… handlers, inline scripts
  other than JSON-LD data).
"""

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from tests.html_checks import axe_violations, nu_checker_errors, require_axe, require_nu_checker

# The live server reads the database from another thread, so the data must be committed; serialized_rollback
# restores what migrations created (root page, collection, locale) after the flush that follows the test.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = ["de", "en", "es", "fr", "pt"]
# Paths the crawler never follows: the editors' tools, files, and machine-readable endpoints.
SKIPPED_PREFIXES = ("/admin/", "/media/", "/static/", "/documents/", "/sitemap.xml", "/robots.txt")
# A guard against a link pattern that multiplies pages without end (each language has a few dozen).
MAX_PAGES = 600
NARROW_WIDTH = 320


@dataclass
class ExtraPage:
    """A reader page that no link leads to, such as the answer to a form POST.

    ``path`` and ``data`` may be callables taking (tree, language), for paths and form fields that depend on the
    content; with ``data`` the page is requested by POST (from the same origin) and the answer's HTML is checked.
    """

    path: str | Callable
    data: dict | Callable | None = None

    def resolve(self, tree, language):
        path = self.path(tree, language) if callable(self.path) else self.path.format(lang=language)
        data = self.data(tree, language) if callable(self.data) else self.data
        return path, data


# Other apps add their POST-only pages here, e.g.
#   ExtraPage("/{lang}/notices/subscribe/", data=lambda tree, lang: {"email": "a@example.org", "page": tree.guide.pk})
EXTRA_PAGES: list[ExtraPage] = [
    ExtraPage("/{lang}/search/?q=training"),
    ExtraPage("/{lang}/this-page-does-not-exist/"),
]


class LinkAndCodeParser(HTMLParser):
    """Collects link targets and any inline code a strict Content Security Policy would refuse."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.inline_code = []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for name, _value in attrs:
            if name == "style" or name.startswith("on"):
                self.inline_code.append(f"<{tag} {name}=…>")
        if tag == "script":
            self._in_script = attributes

    def handle_data(self, data):
        script = self._in_script
        if script is not None and data.strip() and ("src" in script or script.get("type") != "application/ld+json"):
            self.inline_code.append(f"<script> with inline code: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def is_reader_link(url, origin):
    parsed = urlparse(url)
    if f"{parsed.scheme}://{parsed.netloc}" != origin:
        return False
    return not parsed.path.startswith(SKIPPED_PREFIXES)


@dataclass
class FetchedPage:
    url: str
    status: int
    html: str


def crawl(request_context, origin, start_paths):
    """Breadth-first over same-site links from each start path; returns the HTML pages found."""
    queue = deque(urljoin(origin, path) for path in start_paths)
    seen = set(queue)
    pages = []
    while queue:
        url = queue.popleft()
        response = request_context.get(url, max_redirects=5)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        html = response.text()
        pages.append(FetchedPage(url=response.url, status=response.status, html=html))
        assert len(pages) <= MAX_PAGES, "the crawler found more pages than a test site can have"
        parser = LinkAndCodeParser()
        parser.feed(html)
        for href in parser.links:
            target = urldefrag(urljoin(url, href)).url
            if target not in seen and is_reader_link(target, origin):
                seen.add(target)
                queue.append(target)
    return pages


@pytest.fixture
def rich_site(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    from tests.factories import build_rich_site_tree

    return build_rich_site_tree()


def test_every_reader_page_is_valid_html_and_passes_axe(rich_site, live_server, chromium, tmp_path):
    require_nu_checker()
    require_axe()
    origin = live_server.url
    context = chromium.new_context(bypass_csp=True)  # axe is injected as a script the site's CSP would refuse
    try:
        pages = crawl(context.request, origin, [f"/{code}/" for code in LANGUAGES])
        pages += fetch_extra_pages(context.request, origin, rich_site)
        assert_all_languages_and_page_types_seen(pages)

        # Every check runs before the verdict, so one run reports all that is wrong.
        problems = [f"inline code on {page.url}: {code}" for page in pages for code in _inline_code(page.html)]
        html_errors = nu_checker_errors([(page.url, page.html) for page in pages], tmp_path)
        problems += [f"Nu HTML checker: {error}" for error in html_errors]
        problems += check_in_browser(context, origin, pages)
        assert problems == [], f"{len(problems)} problems on {len(pages)} pages:\n" + "\n".join(problems)
    finally:
        context.close()


def _inline_code(html):
    parser = LinkAndCodeParser()
    parser.feed(html)
    return parser.inline_code


def fetch_extra_pages(request_context, origin, tree):
    pages = []
    for extra in EXTRA_PAGES:
        for code in LANGUAGES:
            path, data = extra.resolve(tree, code)
            url = urljoin(origin, path)
            if data is None:
                response = request_context.get(url)
            else:
                response = request_context.post(url, form=data, headers={"Origin": origin})
            assert response.status < 500, f"{url} answered {response.status}"
            pages.append(FetchedPage(url=url, status=response.status, html=response.text()))
    return pages


def assert_all_languages_and_page_types_seen(pages):
    """A crawl that silently found nothing would pass every check; make sure it saw the whole site."""
    paths = [urlparse(page.url).path for page in pages]
    for code in LANGUAGES:
        assert sum(path.startswith(f"/{code}/") for path in paths) >= 10, f"too few pages found in {code}"
    assert any("surface=" in page.url for page in pages), "the surface tab links were not followed"
    assert any(page.status == 404 for page in pages)


def check_in_browser(context, origin, pages):
    """axe, other hosts and the narrow screen, for every page; returns the problems found."""
    problems = []
    foreign_requests = []
    browser_page = context.new_page()
    browser_page.on(
        "request",
        lambda request: foreign_requests.append(request.url) if not request.url.startswith((origin, "data:")) else None,
    )
    for page in pages:
        browser_page.set_viewport_size({"width": 1280, "height": 900})
        browser_page.goto(page.url, wait_until="load")
        problems += [f"{page.url}: {violation}" for violation in axe_violations(browser_page)]
        browser_page.set_viewport_size({"width": NARROW_WIDTH, "height": 640})
        overflow = browser_page.evaluate("document.documentElement.scrollWidth")
        if overflow > NARROW_WIDTH:
            problems.append(f"{page.url} is {overflow} px wide on a {NARROW_WIDTH} px screen")
    browser_page.close()
    problems += [f"request to another host: {url}" for url in sorted(set(foreign_requests))]
    return problems
