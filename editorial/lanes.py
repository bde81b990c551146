"""What a translator may change in a page's edit form: the translations, nothing else.

Wagtail's page permissions are per page, not per field: a translator needs ``change_page`` to bring a guide's
English steps up to date, and that permission alone would also let them rewrite the German original, tick "this
change is significant to readers" (which notifies every follower), or point the guide at another platform. The page
edit form (editorial.forms.EditorialPageForm) therefore leaves a translator the fields that hold a translation
(``title_en``, ``steps_fr``, …) and takes every other field of the page out of their hands.
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from modeltranslation.fields import TranslationField

from .setup import EDITORS, MODERATORS, TRANSLATORS


def translates_only(user):
    """True for a member of the translators' group who holds no role that writes the German source."""
    if user is None or not user.is_authenticated or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATORS in names and not names & {EDITORS, MODERATORS}


def closed_to_translators(model, field_name):
    """Whether a translator must leave the page field alone: any field but a translation into another language.

    Fields of the form that are not the model's (Wagtail's own, such as comment notifications) stay open.
    """
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return False
    return not (isinstance(field, TranslationField) and field.language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
