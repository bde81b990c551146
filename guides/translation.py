"""Registration of every reader-visible field with modeltranslation (de, en, es, fr, pt).

Page fields are listed on each page class as ``translated_fields``, so the model says what translators fill in
and this module only registers it. Wagtail's own title, slug and SEO fields are registered by
wagtail-modeltranslation itself.
"""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import PAGE_MODELS, Platform, Topic

for page_model in PAGE_MODELS:
    register(page_model)(
        type(
            f"{page_model.__name__}TranslationOptions", (TranslationOptions,), {"fields": page_model.translated_fields}
        )
    )


@register(Platform)
class PlatformTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)
