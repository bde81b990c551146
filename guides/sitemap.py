"""sitemap.xml: every live page in every language, each entry listing its alternates (hreflang)."""

from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from .i18n import DEFAULT_LANGUAGE, LANGUAGE_CODES


class PagesSitemap(Sitemap):
    # Django writes one <url> per page and language, with <xhtml:link> alternates for all languages.
    i18n = True
    languages = LANGUAGE_CODES
    alternates = True
    # Django's own x-default strips the language prefix, which only suits sites whose default language has no
    # prefix; here every path has one, so _urls adds x-default pointing at the German page instead.
    x_default = False

    def __init__(self, request):
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        return (site.root_page.get_descendants(inclusive=True).live().public()
                .order_by("path").specific(defer=True))

    def location(self, page):
        # The path in the active language (the sitemap activates each language in turn).
        return page.get_url(self.request, current_site=Site.find_for_request(self.request))

    def lastmod(self, page):
        return page.last_published_at

    def get_languages_for_item(self, item):
        return self.languages

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            german = next(alt["location"] for alt in url_info["alternates"] if alt["lang_code"] == DEFAULT_LANGUAGE)
            url_info["alternates"].append({"location": german, "lang_code": "x-default"})
        return urls
