"""Template tags shared by the reader pages."""

import json
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils import formats, translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from wagtail.models import Page

from .. import structured_data
from ..i18n import DEFAULT_LANGUAGE, missing_fields
from ..navigation import reader_navigation

register = template.Library()

# The first of these fields that has text describes a page in search results and link previews.
DESCRIPTION_FIELDS = ("search_description", "lead", "summary", "goal", "intro")
DESCRIPTION_WORDS = 30
# Open Graph wants a territory with the language.
OG_LOCALES = {"de": "de_DE", "en": "en_GB", "es": "es_ES", "fr": "fr_FR", "pt": "pt_PT"}
# What a reader chose on a page that the same page in another language should show too (site.js keeps the
# surface up to date when a tab is switched in place).
KEPT_QUERY_PARAMETERS = ("surface", "topic", "platform", "page")
# What json.dumps leaves that could end a <script> element or open a comment inside it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def main_nav_pages(context):
    """The pages under the home page that editors marked “show in menus”, in tree order."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    return reader_navigation(request, page if isinstance(page, Page) else None).menu


@register.filter
def fallback_lang(instance, field):
    """` lang="de"` for the element that shows ``field`` of ``instance`` in German because the reader's language
    has no text for it, so screen readers pronounce it as German (WCAG 3.1.2); nothing otherwise.

    Usage: ``<h1{{ page|fallback_lang:"title" }}>{{ page.title }}</h1>``.
    """
    if instance is None or not missing_fields(instance, (field,), translation.get_language()):
        return ""
    return mark_safe(f' lang="{DEFAULT_LANGUAGE}"')  # noqa: S308 (a fixed language code)


@register.filter
def in_fallback_lang(instance, field):
    """The text of ``field``, escaped, inside <span lang="de"> when it is shown in German (see fallback_lang):
    for a value that sits inside a translated sentence, such as a title in “… has changed”."""
    value = escape(getattr(instance, field, "") or "")
    marker = fallback_lang(instance, field)
    return format_html("<span{}>{}</span>", marker, value) if marker else value


@register.filter
def local_datetime(value, tz):
    """A date and time in the given zone, formatted for the active language."""
    if not value:
        return ""
    return formats.date_format(value.astimezone(tz), "DATETIME_FORMAT")


@register.filter
def page_description(page):
    """A short plain-text description of the page, for meta description and Open Graph."""
    for field in DESCRIPTION_FIELDS:
        text = structured_data.plain_text(getattr(page, field, ""))
        if text:
            return Truncator(text).words(DESCRIPTION_WORDS)
    return ""


@register.simple_tag
def og_locale(code=None):
    return OG_LOCALES.get(code or translation.get_language(), OG_LOCALES[DEFAULT_LANGUAGE])


@register.simple_tag
def og_alternate_locales():
    current = translation.get_language()
    return [OG_LOCALES[code] for code, _name in settings.LANGUAGES if code != current]


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The ancestors of the context's page, home page first (fetched together with the menu)."""
    return reader_navigation(context["request"], context["page"]).ancestors


@register.simple_tag(takes_context=True)
def structured_data_scripts(context):
    """<script type="application/ld+json"> elements for the page in the context (data only, no code)."""
    page = context.get("page")
    request = context.get("request")
    if page is None or request is None or not hasattr(page, "get_full_url"):
        return ""
    scripts = []
    for item in structured_data.for_page(page, request, context):
        data = json.dumps(item, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
        scripts.append(f'<script type="application/ld+json">{data}</script>')
    return mark_safe("\n".join(scripts))  # noqa: S308 (JSON escaped for a script element above)


@register.simple_tag(takes_context=True)
def language_links(context):
    """[(code, local name, URL, is current)] for the switcher: the same page in every language.

    Wagtail pages pass their translated URLs (``language_urls``), with the reader's choices on the page (the
    surface tab, list filters) kept; other views (search) keep their path under the other prefix; anything
    else, such as an error page, leads to each language's home page.
    """
    from django.urls import Resolver404, resolve, translate_url

    page_urls = context.get("language_urls") or {}
    request = context.get("request")
    current = translation.get_language()
    kept = urlencode(
        [(name, request.GET[name]) for name in KEPT_QUERY_PARAMETERS if name in request.GET]
        if request is not None
        else []
    )
    links = []
    for code, _name in settings.LANGUAGES:
        url = page_urls.get(code)
        if url is not None and kept:
            url = f"{url}?{kept}"
        if url is None and request is not None:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and match.url_name not in (None, "wagtail_serve"):
                url = translate_url(request.get_full_path(), code)
        links.append((code, translation.get_language_info(code)["name_local"], url or f"/{code}/", code == current))
    return links


@register.simple_tag
def countdown_words():
    """The countdown's phrases for site.js, which has no catalog: "{n}" stands for the number of days.

    The msgids are those of guides/components/deadline_countdown.html, so one translation serves both. The five
    languages have two plural forms (one, other); the script picks one with Intl.PluralRules.
    """
    return {
        "one": ngettext("%(days)s day left", "%(days)s days left", 1) % {"days": "{n}"},
        "other": ngettext("%(days)s day left", "%(days)s days left", 5) % {"days": "{n}"},
        "today": gettext("Due today."),
        "passed": gettext("This deadline has passed."),
    }


@register.filter
def iso_datetime(value):
    """A moment for <time datetime>: ISO 8601 to the second (HTML allows at most three decimals)."""
    if not value:
        return ""
    return value.replace(microsecond=0).isoformat()
