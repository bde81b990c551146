from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("Guides and articles")

    def ready(self):
        from . import site_root_paths, slug_validation
        from .models import HomePage
        from .search import connect_signals

        connect_signals()
        site_root_paths.install()
        slug_validation.install()
        # wagtail-modeltranslation (an earlier app) has replaced ``route`` on every page model by now; the home
        # page keeps that as its fallback and answers exact paths itself (see HomePage.route_by_url_path).
        HomePage.route_by_tree = HomePage.route
        HomePage.route = HomePage.route_by_url_path
