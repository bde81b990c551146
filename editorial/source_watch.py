"""Watching the platforms' own pages that guides depend on: fetch, extract the main text, compare, record.

Every fetch is bounded: a timeout per request and a deadline for the whole answer, a size limit on the body read,
a limit on redirects (each hop checked like the first: http(s) only, no address inside our own network). The
client names itself honestly, sends back the ETag and Last-Modified it was given (an unchanged page costs a 304),
and asks robots.txt first, through the same bounded client. A site's robots.txt is read once a day and kept in the
cache (RFC 9309 lets a crawler keep it up to 24 hours). Politeness between requests to one host is the fan-out's
job (``editorial.tasks.check_watched_sources`` spaces them, further apart when the site asks with Crawl-delay).

A page counts as changed only when its text differs beyond noise: dates, times, counters and tracking parameters
of its links are masked before comparing, so a "last updated" line or a view counter does not flag a guide.
"""

import difflib
import re
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import requests
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .link_check import is_private_address
from .models import SourceChange, WatchedSource, WatchedSourceStatus

# Elements whose text is never part of the page's content.
SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "nav", "header", "footer", "aside", "iframe"}
# Elements that start a new line of text.
BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "br",
    "dt",
    "dd",
    "dl",
    "blockquote",
    "pre",
    "form",
    "fieldset",
    "label",
    "option",
    "button",
    "figcaption",
    "details",
    "summary",
    "hr",
}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
TRACKING_PARAMETERS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|ref|ref_src)$", re.IGNORECASE
)
MONTHS = (
    r"(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|janv|févr|fev|avr|juil|déc|ene|"
    r"abr|ago|dic|out|set|fév)[a-zéäû]*\.?"
)
NOISE = [
    # 2025-05-20, 2025-05-20T10:00:00Z
    (re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"), "‹date›"),
    # 20.05.2025, 20/05/2025, 5/20/25
    (re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"), "‹date›"),
    # 20 May 2025, 20. Mai 2025, May 20, 2025, 20 de mayo de 2025
    (re.compile(rf"\b\d{{1,2}}\.?\s+(?:de\s+)?{MONTHS}\s+(?:de\s+)?\d{{4}}", re.IGNORECASE), "‹date›"),
    (re.compile(rf"\b{MONTHS}\s+\d{{1,2}},?\s+\d{{4}}", re.IGNORECASE), "‹date›"),
    # 10:42, 10:42:07
    (re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b"), "‹time›"),
    # Counters: 1,234 / 1.234.567 / 12 345 / any number of four or more digits. Small numbers ("within 30 days")
    # stay significant.
    (re.compile(r"\b\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+\b|\b\d{4,}\b"), "‹n›"),
]
LOGIN_WORDS = re.compile(r"log-?in|sign-?in|signin|auth|checkpoint|sso", re.IGNORECASE)
VANISHED_CODES = {404, 410}
# What the dashboard and the e-mail show of one change, at most.
MAX_DIFF_LINES = 200


class FetchError(Exception):
    """The page could not be fetched within the bounds; the message says why, for the editors' list."""


@dataclass
class Answer:
    status_code: int
    url: str
    headers: dict
    body: bytes = b""


def clean_url(url):
    """The address without tracking parameters (utm_*, fbclid, …), so a new campaign tag is no change."""
    parts = urlsplit(url)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMETERS.match(key)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


class MainTextParser(HTMLParser):
    """Collects the visible text of the page's <main> (or <article>, else <body>), one line per block.

    Links keep their (cleaned) target after their text: an objection form that moves is a change editors need.
    """

    def __init__(self, base_url):
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.skip_depth = 0
        self.stack = []
        self.parts = {"main": [], "article": [], "body": []}
        self.open = {"main": 0, "article": 0, "body": 0}

    def _write(self, text):
        for name, depth in self.open.items():
            if depth:
                self.parts[name].append(text)
        if not any(self.open.values()):  # a fragment without <body>
            self.parts["body"].append(text)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br":
                self._write("\n")
            return
        self.stack.append(tag)
        if tag in SKIPPED:
            self.skip_depth += 1
        if tag in self.open:
            self.open[tag] += 1
        if tag in BLOCKS:
            self._write("\n")
        if tag == "a" and not self.skip_depth:
            href = dict(attrs).get("href") or ""
            self.stack[-1] = ("a", clean_url(urljoin(self.base_url, href)) if href.startswith(("http", "/")) else "")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # Close up to the matching tag; html.parser does not repair unclosed elements.
        while self.stack:
            top = self.stack.pop()
            name, href = top if isinstance(top, tuple) else (top, "")
            if name in SKIPPED:
                self.skip_depth -= 1
            if name in self.open and self.open[name]:
                if not self.skip_depth and name in BLOCKS:
                    self._write("\n")
                self.open[name] -= 1
            elif name in BLOCKS and not self.skip_depth:
                self._write("\n")
            if href and not self.skip_depth:
                self._write(f" <{href}>")
            if name == tag:
                break

    def handle_data(self, data):
        if not self.skip_depth:
            self._write(data)

    def text(self):
        chosen = next((self.parts[name] for name in ("main", "article", "body") if self.parts[name]), [])
        lines = (" ".join(line.split()) for line in "".join(chosen).splitlines())
        return "\n".join(line for line in lines if line)


def extract_text(html, base_url=""):
    """The page's main text, one line per paragraph, list item or heading, whitespace collapsed."""
    parser = MainTextParser(base_url)
    parser.feed(html)
    parser.close()
    return parser.text()


def without_noise(text):
    """The text with dates, times and counters masked: what is compared between two fetches."""
    for pattern, mask in NOISE:
        text = pattern.sub(mask, text)
    return text


def text_diff(old, new):
    """A unified diff of two texts, line by line, with two lines of context; a redesign is cut at MAX_DIFF_LINES."""
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "now", n=2, lineterm=""))
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"… ({len(lines) - MAX_DIFF_LINES} more lines)"]
    return "\n".join(lines)


def user_agent():
    return f"guide-platform source watch (checks the official pages its guides follow; {settings.SITE_URL})"


def new_session():
    session = requests.Session()
    session.headers["User-Agent"] = user_agent()
    return session


def fetch(session, url, headers=None):
    """One bounded GET, following at most the allowed redirects, each hop checked; the body read up to the limit.

    Raises FetchError when a bound is hit or the network fails. A redirect to a login page comes back as the
    login page's answer (its url says where it ended).
    """
    deadline = time.monotonic() + settings.SOURCE_WATCH_TIMEOUT
    try:
        for _hop in range(settings.SOURCE_WATCH_MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError("not an http(s) address")
            if not settings.SOURCE_WATCH_ALLOW_PRIVATE and is_private_address(url):
                raise FetchError("private address not fetched")
            with session.get(
                url, headers=headers or {}, timeout=settings.SOURCE_WATCH_TIMEOUT, allow_redirects=False, stream=True
            ) as response:
                if response.is_redirect and response.headers.get("Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                body = bytearray()
                for chunk in response.iter_content(8192):
                    body.extend(chunk)
                    if len(body) > settings.SOURCE_WATCH_MAX_BYTES:
                        raise FetchError("page larger than the limit")
                    if time.monotonic() > deadline:
                        raise FetchError("page took longer than the limit")
                encoding = response.encoding  # from Content-Type; UTF-8 is assumed without one
                return Answer(response.status_code, url, dict(response.headers), bytes(body)), encoding
    except requests.RequestException as exc:
        raise FetchError(type(exc).__name__) from exc
    raise FetchError("too many redirects")


# The rules kept for a site whose robots.txt answers 401 or 403: urllib.robotparser reads those as a closed site.
WHOLE_SITE_CLOSED = "User-agent: *\nDisallow: /\n"


def robots_url(url):
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def robots_cache_key(url):
    return f"source-watch:robots:{robots_url(url)}"


def robots_txt(session, url):
    """The text of the robots.txt that governs ``url``: from the cache, or read through the bounded client and kept
    for SOURCE_WATCH_ROBOTS_MAX_AGE. A site without one (4xx) is kept as empty rules; an unavailable one (5xx,
    network failure) raises FetchError and is asked again on the next check."""
    text = cache.get(robots_cache_key(url))
    if text is not None:
        return text
    answer, encoding = fetch(session, robots_url(url))
    if answer.status_code in (401, 403):
        text = WHOLE_SITE_CLOSED
    elif answer.status_code >= 500:
        raise FetchError("robots.txt unavailable")
    elif answer.status_code >= 400:
        text = ""  # no robots.txt: nothing is disallowed
    else:
        text = answer.body.decode(encoding or "utf-8", errors="replace")
    cache.set(robots_cache_key(url), text, settings.SOURCE_WATCH_ROBOTS_MAX_AGE)
    return text


def parsed_robots(text):
    parser = RobotFileParser()
    parser.parse(text.splitlines())  # also marks the rules as read, without which can_fetch refuses everything
    return parser


def robots_allow(session, url):
    """Whether the site's robots.txt lets our client fetch ``url``."""
    return parsed_robots(robots_txt(session, url)).can_fetch(session.headers["User-Agent"], url)


def crawl_delay(url):
    """The seconds the site's robots.txt asks between our requests (its Crawl-delay), or None.

    Read from the cache only: the rules a check of this site stored. Planning the day's checks fetches nothing.
    """
    text = cache.get(robots_cache_key(url))
    if not text:
        return None
    delay = parsed_robots(text).crawl_delay(user_agent())
    return float(delay) if delay is not None else None


def is_login_page(requested_url, answer):
    """A redirect that ended on a sign-in page: the public page is gone behind a login."""
    final = urlsplit(answer.url)
    return answer.url != requested_url and bool(LOGIN_WORDS.search(final.path + "?" + final.query))


def record(source, status, **fields):
    """Save the outcome of one check; a change or disappearance gets a history row (e-mailed once, later)."""
    now = timezone.now()
    with transaction.atomic():
        current = WatchedSource.objects.select_for_update().get(pk=source.pk)
        values = {"last_checked_at": now}
        if status != WatchedSourceStatus.ERROR:
            values["last_error"] = ""
        values.update(fields)
        if status == WatchedSourceStatus.ERROR:
            # A failed check keeps an open flag: the editors still have to look at the change or disappearance.
            if current.status not in (WatchedSourceStatus.CHANGED, WatchedSourceStatus.VANISHED):
                values["status"] = status
        elif status == WatchedSourceStatus.OK:
            if current.status == WatchedSourceStatus.ERROR:
                values["status"] = status
        elif status == WatchedSourceStatus.VANISHED and current.status == WatchedSourceStatus.VANISHED:
            pass  # still gone: recorded once
        else:
            values.update(status=status, changed_at=now, acknowledged_by=None, acknowledged_at=None)
            SourceChange.objects.create(
                source=current, kind=status, diff=fields.get("last_change", ""), detected_at=now
            )
        WatchedSource.objects.filter(pk=current.pk).update(**values)
    return values.get("status", current.status)


def check_source(source, session=None):
    """Fetch one watched source, compare it with what was seen last and record the outcome; returns the status."""
    session = session or new_session()
    try:
        if not robots_allow(session, source.url):
            return record(source, WatchedSourceStatus.ERROR, last_error="robots.txt disallows this page")
        headers = {}
        if source.etag:
            headers["If-None-Match"] = source.etag
        if source.last_modified:
            headers["If-Modified-Since"] = source.last_modified
        answer, encoding = fetch(session, source.url, headers)
    except FetchError as exc:
        return record(source, WatchedSourceStatus.ERROR, last_error=str(exc)[:300])
    if answer.status_code == 304:
        return record(source, WatchedSourceStatus.OK)
    if is_login_page(source.url, answer) or answer.status_code in VANISHED_CODES:
        reason = f"→ {answer.url}" if is_login_page(source.url, answer) else f"HTTP {answer.status_code}"
        return record(
            source, WatchedSourceStatus.VANISHED, last_error=reason[:300], last_change="", etag="", last_modified=""
        )
    if answer.status_code >= 400:
        return record(source, WatchedSourceStatus.ERROR, last_error=f"HTTP {answer.status_code}")
    text = extract_text(answer.body.decode(encoding or "utf-8", errors="replace"), answer.url)
    validators = {
        "etag": answer.headers.get("ETag", "")[:300],
        "last_modified": answer.headers.get("Last-Modified", "")[:100],
        "last_text": text,
    }
    if source.last_text and without_noise(text) != without_noise(source.last_text):
        return record(source, WatchedSourceStatus.CHANGED, last_change=text_diff(source.last_text, text), **validators)
    # Unchanged (or back at its address unchanged): an open flag stays until an editor looked at it.
    return record(source, WatchedSourceStatus.OK, **validators)


def acknowledge(source, user):
    """An editor looked at the change and the guide needs nothing: the flag is cleared."""
    WatchedSource.objects.filter(pk=source.pk).update(
        status=WatchedSourceStatus.OK, acknowledged_by=user, acknowledged_at=timezone.now()
    )
