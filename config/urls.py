"""Root URLs. Reader pages live under /<lang>/ (i18n_patterns); / redirects by Accept-Language."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents import urls as wagtaildocs_urls

from guides import social_card_views
from guides import views as guide_views
from guides.api import ReaderPagesAPIViewSet
from notices.api import UpdateNoticesAPIViewSet

# The public read API (README: "A public read API"); the language is a parameter, not a path prefix.
api_router = WagtailAPIRouter("api")
api_router.register_endpoint("pages", ReaderPagesAPIViewSet)
api_router.register_endpoint("notices", UpdateNoticesAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", guide_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", guide_views.sitemap_part, name="sitemap_part"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("favicon.ico", social_card_views.favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    # Translated like the pages' slugs (/de/suche/, /fr/recherche/); the English words they had before stay as
    # permanent redirects, so links in e-mails already sent and in feed readers keep working.
    path(_("search/"), guide_views.search, name="search"),
    path("ratings/", include("ratings.urls")),
    path(_("notices/"), include("notices.urls")),
    re_path(r"^(?P<old>search|notices)/(?P<rest>.*)$", guide_views.moved_path, name="moved_path"),
    # A page's link-preview picture (og:image) in the language of the prefix; page URLs always end in a slash.
    path("cards/<int:page_id>.png", social_card_views.social_card, name="social_card"),
    # Wagtail's catch-all comes last: every other path under /<lang>/ is a page.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
