"""The sitemap: every live page in every language, each entry listing its alternates (hreflang).

Search engines read at most 50,000 addresses per sitemap file, so /sitemap.xml is an index of the parts
(/sitemap-pages.xml, then ?p=2, …), each holding up to ``PagesSitemap.limit`` addresses.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, Site

from .i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES, page_urls_by_language


class PageLanguagePairs:
    """(page, language) for every page of a query and every language, as a sequence Django's paginator slices:
    a part of the sitemap loads only its own pages rather than every page of the site."""

    def __init__(self, pages, languages):
        self.pages = pages
        self.languages = languages

    def count(self):
        return self.pages.count() * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("PageLanguagePairs is read in slices")
        start, stop, _ = index.indices(self.count())
        per_page = len(self.languages)
        first_page = start // per_page
        pages = self.pages[first_page : -(-stop // per_page)]
        pairs = [(page, language) for page in pages for language in self.languages]
        return pairs[start - first_page * per_page : stop - first_page * per_page]


class PagesSitemap(Sitemap):
    # Django writes one <url> per page and language, with <xhtml:link> alternates for all languages.
    i18n = True
    languages = LANGUAGE_CODES
    alternates = True
    # Django's own x-default strips the language prefix, which only suits sites whose default language has no
    # prefix; here every path has one, so _urls adds x-default pointing at the German page instead.
    x_default = False
    # Addresses per part: the most the sitemap protocol allows in one file.
    limit = 50_000

    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)

    def live_pages(self):
        if self.site is None:
            return Page.objects.none()
        return self.site.root_page.get_descendants(inclusive=True).live().public()

    def items(self):
        # What an address is built from, and no more: a page row holds every field in five languages. No page type
        # builds its address in a way of its own, so the base Page serves (and costs no query per type).
        return (
            self.live_pages()
            .order_by("path")
            .only(
                "id",
                "path",
                "depth",
                "last_published_at",
                "url_path",
                *(build_localized_fieldname("url_path", code) for code in LANGUAGE_CODES),
            )
        )

    def _items(self):
        return PageLanguagePairs(self.items(), self.languages)

    def location(self, page):
        """The page's address in the active language (the sitemap activates each language in turn). A page's
        addresses are built once for all languages: each of its five entries lists the other four as alternates."""
        if "_sitemap_urls" not in page.__dict__:
            page.__dict__["_sitemap_urls"] = page_urls_by_language(page, self.request)
        return page.__dict__["_sitemap_urls"][translation.get_language()]

    def lastmod(self, page):
        return page.last_published_at

    def get_latest_lastmod(self):
        # For the index: one aggregate instead of loading every page.
        return self.live_pages().aggregate(latest=Max("last_published_at"))["latest"]

    def get_languages_for_item(self, item):
        return self.languages

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            german = next(alt["location"] for alt in url_info["alternates"] if alt["lang_code"] == DEFAULT_LANGUAGE)
            url_info["alternates"].append({"location": german, "lang_code": "x-default"})
        return urls
