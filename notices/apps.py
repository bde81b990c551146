from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Update notices and subscriptions")

    def ready(self):
        from wagtail.signals import page_published

        from .recording import record_update_notice

        page_published.connect(record_update_notice, dispatch_uid="notices.record_update_notice")
