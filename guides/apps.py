from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("Guides and articles")

    def ready(self):
        from wagtail.signals import page_published

        from .models import GuidePage, HomePage
        from .search import connect_signals
        from .step_versions import remember_published_tokens

        connect_signals()
        page_published.connect(remember_published_tokens, sender=GuidePage, dispatch_uid="guides.step_versions")
        # wagtail-modeltranslation (an earlier app) has replaced ``route`` on every page model by now; the home
        # page keeps that as its fallback and answers exact paths itself (see HomePage.route_by_url_path).
        HomePage.route_by_tree = HomePage.route
        HomePage.route = HomePage.route_by_url_path
