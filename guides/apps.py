from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("Guides and articles")

    def ready(self):
        from wagtail.signals import page_published

        from . import site_root_paths, slug_validation
        from .models import GuidePage, HomePage
        from .search import connect_signals
        from .step_versions import remember_published_tokens

        connect_signals()
        page_published.connect(remember_published_tokens, sender=GuidePage, dispatch_uid="guides.step_versions")
        site_root_paths.install()
        slug_validation.install()
        # HomePage.route_by_url_path is the home page's ``route``. It cannot be a ``route`` method on the class:
        # wagtail-modeltranslation (an earlier app) assigns its own ``route`` to every translated page model in its
        # ready(), over any the class defines. So it goes in here, after that, keeping modeltranslation's as the
        # fallback for what it does not answer itself.
        HomePage.route_by_tree = HomePage.route
        HomePage.route = HomePage.route_by_url_path
