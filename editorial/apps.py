from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from wagtail.signals import page_published

        from . import display_names, handlers

        display_names.connect()
        post_migrate.connect(handlers.setup_after_migrate, dispatch_uid="editorial_setup_after_migrate")
        page_published.connect(handlers.record_publication, dispatch_uid="editorial_record_publication")
