"""config/varnish/page_cache.vcl, written from the declarations in query.py, middleware.py and the URLs.

The file is committed (docker-compose mounts config/varnish as it is); `manage.py write_page_cache_vcl` rewrites
it, and a test fails while it differs from what this module writes.
"""

import re

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

from . import query
from .middleware import bypass_cookies

PATH = settings.BASE_DIR / "config" / "varnish" / "page_cache.vcl"


def route_regex(pattern):
    """A URL pattern as a PCRE fragment matching the start of the path after /<lang>/ (no anchors, no names)."""
    regex = pattern.regex.pattern.removeprefix("^").removesuffix("\\Z").removesuffix("$")
    return re.sub(r"\(\?P<\w+>", "(?:", regex)


def localised_routes():
    """(path regex of each cached Django view by view name, path regex of the application's other views), both
    under /<lang>/ and in each language's words (routes may be translated)."""
    cached, other = {}, []
    for pattern in get_resolver().url_patterns:
        if not (isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern)):
            continue
        for inner in pattern.url_patterns:
            alternatives = in_every_language(inner.pattern)
            if alternatives is None:
                continue  # the empty route is Wagtail's: every other path is a page
            if isinstance(inner, URLPattern) and inner.name in query.VIEW_PARAMETERS:
                cached[inner.name] = alternatives
                continue
            if isinstance(inner, URLResolver) and inner.namespace:
                # A cached view of an included app (its name with the namespace) comes before the app's prefix.
                for nested in inner.url_patterns:
                    name = f"{inner.namespace}:{getattr(nested, 'name', None)}"
                    if isinstance(nested, URLPattern) and name in query.VIEW_PARAMETERS:
                        cached[name] = in_every_language(inner.pattern, nested.pattern)
            other.append(alternatives)
    return cached, other


def in_every_language(*patterns):
    """The alternatives of the joined route patterns under each /<lang>/ prefix, or None for the empty route."""
    by_language = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            by_language.add(f"{code}/" + "".join(route_regex(pattern) for pattern in patterns))
    if by_language == {f"{code}/" for code, _name in settings.LANGUAGES}:
        return None
    return "|".join(sorted(by_language))


def keep_only(names, indent):
    """VCL that drops every query parameter but ``names`` with valid values, keeps the last of each, sorts them."""
    if not names:
        return [indent + 'set req.url = regsub(req.url, "\\?.*$", "");']
    allowed = "|".join(f"{name}=(?:{query.PARAMETERS[name].vcl_pattern})" for name in names)
    lines = [
        'if (req.url ~ "\\?") {',
        '    set req.http.x-query = regsuball("&" + regsub(req.url, "^[^?]*\\?", "") + "&",',
        f'        "&(?!(?:{allowed})&)[^&]*", "");',
    ]
    lines += [
        f'    set req.http.x-query = regsuball(req.http.x-query, "&{name}=[^&]*(?=.*&{name}=)", "");' for name in names
    ]
    lines += [
        '    set req.url = std.querysort(regsub(req.url, "\\?.*$", "") + regsub(req.http.x-query, "^&", "?"));',
        "    unset req.http.x-query;",
        "}",
    ]
    return [indent + line for line in lines]


def render():
    languages = "|".join(code for code, _name in settings.LANGUAGES)
    cached_routes, other_routes = localised_routes()
    page_names = query.wagtail_page_parameters()
    cookies = "|".join(bypass_cookies())
    lines = [
        "# Written by `manage.py write_page_cache_vcl` from page_cache/query.py: do not edit by hand.",
        "",
        "# A request with a session, pending messages or a CSRF cookie is personal: it goes to the application.",
        "sub page_cache_pass_personal {",
        f'    if (req.http.Cookie ~ "(^|;\\s*)({cookies})=") {{',
        "        return (pass);",
        "    }",
        "}",
        "",
        "# Keeps only the query parameters an answer may depend on (page_cache.query), and sets",
        "# req.http.x-cache-key: what the answer is looked up by besides host and scheme.",
        "sub page_cache_normalise_query {",
    ]
    lines += [f"    unset req.http.{query.PARAMETERS[name].header};" for name in query.PARAMETERS]
    for view_name, routes in cached_routes.items():
        lines.append(f'    if (req.url ~ "^/(?:{routes})(\\?|$)") {{')
        lines += keep_only(query.VIEW_PARAMETERS[view_name], "        ")
        lines += ["        set req.http.x-cache-key = req.url;", "        return;", "    }"]
    other = "|".join(other_routes)
    lines += [
        "    # The application's other views under /<lang>/ (not cached; their parameters are theirs), and whatever",
        "    # is not under a language (static files, robots.txt, the sitemap): as they came.",
        f'    if (req.url ~ "^/(?:{other})" || req.url !~ "^/({languages})/") {{',
        "        set req.http.x-cache-key = req.url;",
        "        return;",
        "    }",
        "    # Wagtail's pages: the parameters of every page type are kept, each copied into a header, and the page is",
        "    # looked up by its path; its answer names in Vary the headers it depends on.",
    ]
    lines += keep_only(page_names, "    ")
    for name in page_names:
        header = query.PARAMETERS[name].header
        lines += [
            f'    if (req.url ~ "[?&]{name}=") {{',
            f'        set req.http.{header} = regsub(req.url, "^.*[?&]{name}=([^&]*).*$", "\\1");',
            "    }",
        ]
    lines += ['    set req.http.x-cache-key = regsub(req.url, "\\?.*$", "");', "}", ""]
    return "\n".join(lines)


def write():
    PATH.write_text(render())
    return PATH
