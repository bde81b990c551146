"""What a translator may change in a page's edit form: the translations, not the German source.

Wagtail's page permissions are per page, not per field: a translator needs ``change_page`` to bring a guide's
English steps up to date, and that permission alone would also let them rewrite the German original or tick
"this change is significant to readers" (which notifies every follower). The page edit form
(editorial.forms.EditorialPageForm) therefore takes those fields out of a translator's hands.
"""

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from .setup import EDITORS, MODERATORS, TRANSLATORS

# Fields only the roles that write the source may set, whatever the language.
SOURCE_ONLY_FIELDS = ("change_is_significant",)


def translates_only(user):
    """True for a member of the translators' group who holds no role that writes the German source."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & {EDITORS, MODERATORS}


def source_fields(model):
    """The names of the model's fields that hold the German source text (``title_de``, ``steps_de``, …)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return set()
    return {build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE) for name in options.all_fields}


def fields_closed_to_translators(model):
    return source_fields(model) | {name for name in SOURCE_ONLY_FIELDS if hasattr(model, name)}
