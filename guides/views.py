"""Reader views that are not pages: search and the sitemap."""

from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from .search import search_pages, snippet
from .sitemap import PagesSitemap

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Search the articles and guides in the reader's language (German texts where a translation is missing)."""
    # Words only: control characters (a NUL byte, which PostgreSQL refuses) are dropped with the extra spaces.
    words = "".join(ch if ch.isprintable() else " " for ch in request.GET.get("q", "")).split()
    query = " ".join(words)[:MAX_QUERY_LENGTH]
    results = search_pages(query, translation.get_language()) if query else []
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # fetched once, so the snippets stay on the rows shown
    for result in page.object_list:
        result.snippet = snippet(result, query)
    return render(request, "guides/search_page.html", {"query": query, "results": page})


@csrf_exempt
def moved_path(request, old, rest):
    """An address under a path segment's former English name (/fr/notices/…): its translated one (/fr/avis/…).

    GET and HEAD are redirected permanently. Anything else is answered where it now lives, without a redirect:
    mail providers send one-click unsubscribes (a POST, RFC 8058) to the address in e-mails sent long ago, and
    a redirected POST would not arrive as one.
    """
    new_path = f"/{translation.get_language()}/{gettext(f'{old}/')}{rest}"
    if gettext(f"{old}/") == f"{old}/":  # this language never renamed it: the address simply does not exist
        raise Http404
    if request.method in ("GET", "HEAD"):
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{new_path}?{query}" if query else new_path)
    try:
        match = resolve(new_path)
    except Resolver404:
        raise Http404 from None
    if not getattr(match.func, "csrf_exempt", False):
        # Only views that check a POST's origin themselves are answered here (this view skips the CSRF check).
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return match.func(request, *match.args, **match.kwargs)


def sitemap_index(request):
    """/sitemap.xml: the index of the sitemap's parts (robots.txt names it)."""
    return sitemap_views.index(request, sitemaps={"pages": PagesSitemap(request)}, sitemap_url_name="sitemap_part")


def sitemap_part(request, section):
    """One part of the sitemap: its ``?p=`` page of addresses."""
    return sitemap_views.sitemap(request, sitemaps={"pages": PagesSitemap(request)}, section=section)
