from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction

from editorial.forms import EditorialPageForm

from ..api_fields import TranslationField
from ..i18n import missing_fields, page_urls_by_language


class BasePage(Page):
    """What every reader-facing page shares: language alternates and the note on missing translations.

    ``translated_fields`` lists the page's own reader-visible fields; guides/translation.py registers exactly
    these with modeltranslation, so the list is the one place that says what translators must fill in.
    """

    translated_fields = ()
    # Translators may change the translations only (editorial.lanes).
    base_form_class = EditorialPageForm
    # The public read API (guides/api.py) says of every page which fields fall back to German.
    api_meta_fields = [APIField("translation", serializer=TranslationField())]

    class Meta:
        abstract = True

    def save_revision(self, *args, **kwargs):
        # Wagtail copies ``title`` into ``draft_title`` and ``str(self)`` into the revision; through modeltranslation
        # both read the active language, which is the admin language of whoever saves. Admin listings, the
        # dashboard and moderation e-mails show those copies, so they must hold the default-language title.
        with translation.override(settings.LANGUAGE_CODE):
            return super().save_revision(*args, **kwargs)

    @cached_property
    def fallback_fields(self):
        """The fields this page shows in German because the reader's language has no text for them."""
        return missing_fields(self, ("title", *self.translated_fields), translation.get_language())

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors in one query (Wagtail's own takes two): each
        page's own, or for an alias, its source page's (an alias cannot have restrictions of its own)."""
        paths = [self.path[:length] for length in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["language_urls"] = page_urls_by_language(self, request)
        context["language_full_urls"] = page_urls_by_language(self, request, full=True)
        return context


class IndexPage(BasePage):
    """The root of one section below the home page (articles, guides, deadlines): an introduction above the
    section's pages, which each index lists in its own way (``get_context``)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    translated_fields = ("intro",)
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["guides.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class ChangeNotePageForm(EditorialPageForm):
    """The edit form of a page with a change note.

    Without a draft in progress an edit is a new change, so the form starts unticked and without a note: the last
    note stays with the change it was published with (its revision and its update notice), and nothing has to be
    wiped from the page or its revisions after publishing.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.has_unpublished_changes:
            for name in self.initial.keys() & self.fields.keys():
                if name == "change_is_significant" or name.startswith("change_note"):
                    self.initial[name] = False if name == "change_is_significant" else ""


class ChangeNoteFields(models.Model):
    """Asks, on every edit of an article or guide, whether readers need to hear about the change.

    The notices app turns a published significant change into an update notice for followers.
    """

    change_is_significant = models.BooleanField(
        _("this change is significant to readers"),
        default=False,
        help_text=_(
            "Tick when readers who followed the old text would now do something wrong or miss something. "
            "Followers are then notified. Typo fixes and rewording are not significant."
        ),
    )
    change_note = models.TextField(
        _("change note"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences for readers: what changed and what they should do now."),
    )

    change_panels = [
        MultiFieldPanel(
            [FieldPanel("change_is_significant"), FieldPanel("change_note")], heading=_("What changed for readers")
        ),
    ]
    base_form_class = ChangeNotePageForm

    class Meta:
        abstract = True
