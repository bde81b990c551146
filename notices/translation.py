"""The change note of an update notice exists in every language, like the page field it is copied from."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import UpdateNotice


@register(UpdateNotice)
class UpdateNoticeTranslationOptions(TranslationOptions):
    fields = ("note",)
    # ``note`` falls back to German for feeds and the log; e-mails read ``note_<lang>`` directly
    # (UpdateNotice.note_in) so they can tell the reader when the German text stands in.
