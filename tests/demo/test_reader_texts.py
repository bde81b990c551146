"""What readers of the demo see in every language: one site name, the deadline's day in calendar files, and a
call to act that changes with the deadline."""

import re
import zoneinfo
from datetime import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from guides.demo import deadlines
from guides.models import ArticlePage, DeadlinePage, HomePage

pytestmark = pytest.mark.django_db
LANGUAGES = [code for code, _name in settings.LANGUAGES]
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def get(client, url):
    cache.clear()  # every request renders the page as of now
    return client.get(url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_name_and_the_home_title_are_one_name(client, loaded, language):
    home = HomePage.objects.get()
    with translation.override(language):
        site_name, url, home_title = gettext("Privacy guides"), home.url, home.title
    assert home_title == site_name
    html = get(client, url)
    assert re.search(r"<title>(.*?)</title>", html).group(1) == site_name  # not "… · …" twice
    assert re.search(r'<a class="site-name"[^>]*>(.*?)</a>', html).group(1) == site_name
    assert f'<meta property="og:site_name" content="{site_name}">' in html
    # Other pages name the site after their own title.
    article = ArticlePage.objects.get()
    with translation.override(language):
        article_title, article_url = article.title, article.url
    assert re.search(r"<title>(.*?)</title>", get(client, article_url)).group(1).endswith(f" · {site_name}")
    assert article_title in get(client, article_url)


def calendar_text(client, deadline, language):
    with translation.override(language):
        url = reverse("notices:deadline_ics", args=[deadline.pk])
    content = client.get(url).content.decode()
    return content.replace("\r\n ", "")  # unfold the lines (RFC 5545, 3.1)


@pytest.mark.parametrize(
    ("language", "inclusive"),
    [
        ("de", "bis zum 26. Mai 2025"),
        ("en", "by 26 May 2025"),
        ("es", "hasta el 26 de mayo de 2025 inclusive"),
        ("fr", "jusqu’au 26 mai 2025 inclus"),
        ("pt", "até 26 de maio de 2025"),
    ],
)
def test_calendar_files_say_the_last_day_counts(client, loaded, language, inclusive):
    meta = DeadlinePage.objects.get(due_at=deadlines.META_OBJECTION_DUE_AT)
    text = calendar_text(client, meta, language)
    assert inclusive in text
    assert "avant le 26" not in text and "antes del 26" not in text


CALL_TO_ACT = {
    "en": ("Act now", "What you can still do"),
    "de": ("Jetzt handeln", "Was Sie jetzt noch tun können"),
    "fr": ("Agissez maintenant", "Ce que vous pouvez encore faire"),
}


@pytest.mark.parametrize("language", list(CALL_TO_ACT))
def test_the_articles_call_to_act_changes_once_the_deadline_has_passed(client, loaded, language):
    article = ArticlePage.objects.get()
    with translation.override(language):
        url = article.url
    before, after = CALL_TO_ACT[language]
    with time_machine.travel(datetime(2025, 5, 20, 12, tzinfo=BERLIN), tick=False):
        html = get(client, url)
    assert f"<h2>{before}</h2>" in html and after not in html
    with time_machine.travel(datetime(2025, 5, 27, 0, 0, 1, tzinfo=BERLIN), tick=False):
        html = get(client, url)
    assert f"<h2>{after}</h2>" in html and before not in html
    # The deadline box beside it says the same.
    with translation.override(language):
        assert escape(gettext("This deadline has passed.")) in html


def test_an_article_is_not_cached_past_its_deadline(client, loaded):
    article = ArticlePage.objects.get()
    with translation.override("en"):
        url = article.url
    with time_machine.travel(datetime(2025, 5, 26, 23, 58, tzinfo=BERLIN), tick=False):
        cache.clear()
        response = client.get(url)
    assert "s-maxage=119" in response["Cache-Control"] or "s-maxage=118" in response["Cache-Control"]
