from django.utils import translation
from django.utils.functional import cached_property
from wagtail.models import Page

from ..i18n import missing_fields, page_urls_by_language


class BasePage(Page):
    """What every reader-facing page shares: language alternates and the note on missing translations.

    ``translated_fields`` lists the page's own reader-visible fields; guides/translation.py registers exactly
    these with modeltranslation, so the list is the one place that says what translators must fill in.
    """

    translated_fields = ()

    class Meta:
        abstract = True

    @cached_property
    def fallback_fields(self):
        """The fields this page shows in German because the reader's language has no text for them."""
        return missing_fields(self, ("title", *self.translated_fields), translation.get_language())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["language_urls"] = page_urls_by_language(self, request)
        context["language_full_urls"] = page_urls_by_language(self, request, full=True)
        return context
