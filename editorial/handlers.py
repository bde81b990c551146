"""Signal handlers: keep the editorial setup and the freshness records up to date as pages are published."""

import logging

from django.apps import apps
from django.utils import timezone

from guides.models import INDEX_PAGE_MODELS, HomePage

from . import freshness, setup, translation_freshness

logger = logging.getLogger(__name__)


def setup_after_migrate(sender, **kwargs):
    # post_migrate is sent once per app that has models; permissions of every app exist only after the last one.
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender.name != with_models[-1].name:
        return
    setup.setup_editorial()


def record_publication(sender, instance, revision=None, **kwargs):
    page = instance
    if isinstance(page, (HomePage, *INDEX_PAGE_MODELS)):
        # The home page or an index page appeared: give it the page permissions and the review workflow.
        setup.setup_editorial()
    if getattr(page, "translated_fields", None) is not None and hasattr(page, "title_de"):
        translation_freshness.record_publication(page, timezone.now())
    if page._meta.label == "guides.GuidePage":
        freshness.evaluate_guides([page])
