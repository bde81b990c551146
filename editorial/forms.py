from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from guides.blocks import SURFACE_CHOICES


class VerificationForm(forms.Form):
    surface = forms.ChoiceField(label=_("Checked on"), choices=SURFACE_CHOICES,
                                help_text=_("Where you followed the steps."))
    language = forms.ChoiceField(label=_("Language of the steps"), choices=settings.LANGUAGES,
                                 initial=settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
                                 help_text=_("The steps you followed, with the app set to this language."))
    app_version = forms.CharField(label=_("App or browser version"), max_length=80, required=False,
                                  help_text=_("For example “512.0.0.45” or “Firefox 140”."))
    note = forms.CharField(label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Anything the next person checking should know."))
