"""Forms for subscribing and for managing a subscription. Scope rules live here so both forms agree."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from guides.models import ArticlePage, GuidePage, Platform

from .models import Frequency, Scope


def followable_pages():
    """Guides and articles that are live: the pages a reader can follow one by one."""
    return Page.objects.live().type(GuidePage, ArticlePage).order_by("title")


class PageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.specific_deferred.title


class ScopeForm(forms.Form):
    """scope + platform + page + frequency: a platform only for scope "platform", a page only for "page"."""

    scope = forms.ChoiceField(
        label=_("What do you want to follow?"),
        choices=Scope.choices,
        widget=forms.RadioSelect,
        initial=Scope.ALL,
        error_messages={"invalid_choice": _("This is not something you can follow.")},
    )
    platform = forms.ModelChoiceField(
        label=_("Platform"),
        queryset=Platform.objects.all(),
        to_field_name="slug",
        required=False,
        error_messages={"invalid_choice": _("We do not know this platform.")},
    )
    # The queryset is set per form: building it needs the content-type table, which may not exist at import.
    page = PageChoiceField(
        label=_("Guide or article"),
        queryset=Page.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("We do not know this guide.")},
    )
    frequency = forms.ChoiceField(
        label=_("How often?"), choices=Frequency.choices, widget=forms.RadioSelect, initial=Frequency.IMMEDIATE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].queryset = followable_pages()

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        if scope == Scope.PLATFORM and not cleaned.get("platform"):
            self.add_error("platform", _("Choose the platform you want to follow."))
        if scope == Scope.PAGE and not cleaned.get("page"):
            self.add_error("page", _("Choose the guide you want to follow."))
        if scope != Scope.PLATFORM:
            cleaned["platform"] = None
        if scope != Scope.PAGE:
            cleaned["page"] = None
        return cleaned


def mailbox_key(email):
    """The mailbox that receives mail sent to ``email``: lower case and without a "+tag", which most providers
    deliver to the same mailbox. Confirmation mails are counted per mailbox; addresses are stored as entered."""
    local_part, _at, domain = email.lower().rpartition("@")
    return f"{local_part.split('+', 1)[0]}@{domain}"


class SubscribeForm(ScopeForm):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "invalid": _("Please enter a valid e-mail address."),
            "required": _("Please enter your e-mail address."),
        },
    )
    field_order = ["email", "scope", "platform", "page", "frequency"]

    def clean_email(self):
        # EmailField already refuses line breaks; normalising the case keeps one subscription per address.
        email = self.cleaned_data["email"].strip().lower()
        local_part = email.rpartition("@")[0]
        if '"' in local_part or "\\" in local_part:
            # A quoted local part ("c\arol"@…) reaches the same mailbox as the plain one, so each spelling would
            # get confirmation mails of its own. No real reader needs one.
            raise forms.ValidationError(_("Please enter your address without quotation marks or backslashes."))
        return email


class ManageForm(ScopeForm):
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)
    field_order = ["language", "frequency", "scope", "platform", "page"]


class NewLinkForm(forms.Form):
    """The address to which new manage links are sent when an old link no longer works."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "invalid": _("Please enter a valid e-mail address."),
            "required": _("Please enter your e-mail address."),
        },
    )

    def clean_email(self):
        # Subscriptions store addresses in lower case (SubscribeForm.clean_email).
        return self.cleaned_data["email"].strip().lower()
