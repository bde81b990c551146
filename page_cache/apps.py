from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "page_cache"
    verbose_name = "Page cache"

    def ready(self):
        from wagtail import hooks

        from .invalidation import connect_receivers
        from .keys import connect_recorders
        from .middleware import before_serve_page

        connect_receivers()
        connect_recorders()
        hooks.register("before_serve_page", before_serve_page)
