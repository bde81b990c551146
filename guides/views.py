"""Reader views that are not pages: search and the sitemap."""

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation

from .search import search_pages, snippet
from .sitemap import PagesSitemap

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    """Search the articles and guides in the reader's language (German texts where a translation is missing)."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    results = search_pages(query, translation.get_language()) if query else []
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # fetched once, so the snippets stay on the rows shown
    for result in page.object_list:
        result.snippet = snippet(result, query)
    return render(request, "pages/search_page.html", {"query": query, "results": page})


def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": PagesSitemap(request)})
