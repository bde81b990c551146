"""The query parameters each cached answer depends on: the one list Varnish and the application both follow.

Any other parameter (tracking tags, cache busters, a parameter of another page type) and any value outside a
parameter's pattern is dropped by Varnish before the cache lookup (config/varnish/page_cache.vcl, written from
this module by `manage.py write_page_cache_vcl`) and ignored by the application (``filter_query``), so it can
neither make a new cache entry nor change the page.

Varnish cannot tell a guide from a listing by its path, so for Wagtail pages it keeps the parameters of every
page type, copies each into a request header (X-Query-<Name>) and looks the page up by its path alone; the
answer then says in ``Vary`` which of those headers it depends on (``vary_headers``), so a guide asked for with
``?page=3`` is the guide Varnish already holds. Search has a path of its own and is looked up with its query.
"""

import re
from dataclasses import dataclass

from django.http import QueryDict

from guides.blocks import SURFACE_LABELS


@dataclass(frozen=True)
class Parameter:
    name: str
    # Matches the whole value as the application reads it (decoded) and, unless ``sent_pattern`` says otherwise,
    # as Varnish sees it (percent-encoded): such patterns use only characters that are never encoded.
    pattern: str
    sent_pattern: str = ""

    @property
    def vcl_pattern(self):
        return self.sent_pattern or self.pattern

    @property
    def header(self):
        return f"X-Query-{self.name.capitalize()}"

    def accepts(self, value):
        return re.fullmatch(self.pattern, value) is not None


SLUG = r"[A-Za-z0-9_-]{1,80}"
# Page 1 is the page without the parameter: it is dropped rather than cached twice.
PAGE_NUMBER = r"[2-9]|[1-9][0-9]{1,3}"

PARAMETERS = {
    parameter.name: parameter
    for parameter in (
        Parameter("surface", "|".join(sorted(SURFACE_LABELS))),  # the tab of a guide's steps
        Parameter("rated", r"[1-5]"),  # the thanks after a vote sent without JavaScript
        Parameter("topic", SLUG),  # article index filters
        Parameter("platform", SLUG),
        Parameter("page", PAGE_NUMBER),  # listings and search results
        Parameter("q", r"(?s).{1,600}", sent_pattern=r"[^&]{1,600}"),  # the search query, whatever it holds
    )
}

# Wagtail page types (app_label.ModelName) and the parameters their answers depend on; other types take none.
PAGE_TYPE_PARAMETERS = {
    "guides.GuidePage": ("surface", "rated"),
    "guides.ArticlePage": ("rated",),
    "guides.ArticleIndexPage": ("topic", "platform", "page"),
}
# Django views whose answers are cached (besides Wagtail's pages, view name "wagtail_serve") and their parameters,
# by view name (with its namespace, for the views of an included app).
VIEW_PARAMETERS = {
    "search": ("q", "page"),
    "notices:step_changes": (),  # what one update changed in a guide's steps
}


def page_type_parameters(page):
    return PAGE_TYPE_PARAMETERS.get(page._meta.label, ())


def filter_query(query_dict, names):
    """A QueryDict with only the named parameters, each once (the last, as QueryDict.get reads it), if valid."""
    kept = QueryDict(mutable=True)
    for name in sorted(names):
        value = query_dict.get(name)
        if value is not None and PARAMETERS[name].accepts(value):
            kept[name] = value
    kept._mutable = False
    return kept


def keep_only(request, names):
    """Makes the request read as if it had carried only its own valid parameters, in Varnish's order (sorted):
    request.GET and the query string that links to the same address (request.get_full_path()) are built from."""
    request.GET = filter_query(request.GET, names)
    request.META["QUERY_STRING"] = request.GET.urlencode()


def vary_headers(names):
    return [PARAMETERS[name].header for name in names]


def wagtail_page_parameters():
    """Every parameter some page type accepts, in the order of PARAMETERS."""
    wanted = {name for names in PAGE_TYPE_PARAMETERS.values() for name in names}
    return [name for name in PARAMETERS if name in wanted]
