from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.fields import RichTextField, StreamField

from guides.blocks import SURFACE_CHOICES

from .lanes import closed_to_translators, translates_only


class VerificationForm(forms.Form):
    surface = forms.ChoiceField(
        label=_("Checked on"), choices=SURFACE_CHOICES, help_text=_("Where you followed the steps.")
    )
    language = forms.ChoiceField(
        label=_("Language of the steps"),
        choices=settings.LANGUAGES,
        initial=settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        help_text=_("The steps you followed, with the app set to this language."),
    )
    app_version = forms.CharField(
        label=_("App or browser version"),
        max_length=80,
        required=False,
        help_text=_("For example “512.0.0.45” or “Firefox 140”."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything the next person checking should know."),
    )


class EditorialPageForm(WagtailAdminPageForm):
    """The edit form of every reader page; a translator gets the translations and nothing else (editorial.lanes).

    Fields closed to a translator are disabled, so Django keeps their stored value whatever a request sends, and
    the form shows them read-only. Rich text, step and chooser widgets cannot show a disabled state, so those are
    left out of a translator's form altogether; the German original stays visible in the preview and on the site.
    """

    # Wagtail's own formset: translators comment like everyone else.
    OPEN_FORMSETS = {"comments"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.translates_only = translates_only(self.for_user)
        if not self.translates_only:
            return
        model = self._meta.model
        for name in [name for name in self.fields if closed_to_translators(model, name)]:
            field = self.fields[name]
            if isinstance(model._meta.get_field(name), RichTextField | StreamField) or isinstance(
                field.widget, BaseChooser
            ):
                del self.fields[name]
            else:
                field.disabled = True
                field.help_text = _("Only editors and moderators change this.")

    def clean(self):
        # Inline lists (an article's related guides) cannot be shown read-only, so a translator's change to one is
        # refused as a whole rather than stored.
        cleaned_data = super().clean()
        if self.translates_only and any(
            formset.has_changed() for name, formset in self.formsets.items() if name not in self.OPEN_FORMSETS
        ):
            raise forms.ValidationError(
                _(
                    "Translators change the translations only; lists such as related guides "
                    "are changed by editors and moderators."
                )
            )
        return cleaned_data
