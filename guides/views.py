"""Reader views that are not pages: search and the sitemap."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from .models import ArticlePage, GuidePage

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().type(ArticlePage, GuidePage).specific().search(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "pages/search_page.html", {"query": query, "results": page})


def sitemap(request):
    return wagtail_sitemap(request)
