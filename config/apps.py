"""The project itself as an app, so it has a ready() to connect the page cache to content signals.

config/ holds no models; this AppConfig exists because Django's documented place for connecting signal
receivers is AppConfig.ready(), which runs once every app's models are loaded. Putting the receivers in one of
the content apps instead would make caching that app's business.
"""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "config"
    label = "site_config"
    verbose_name = "Site operations"

    def ready(self):
        from wagtail import hooks

        from .cache import connect_receivers
        from .middleware import remember_served_page

        connect_receivers()
        hooks.register("before_serve_page", remember_served_page)
