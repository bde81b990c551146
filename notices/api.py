"""Update notices in the public read API (guides/api.py): what changed, when, on which live page.

A notice is listed only while its page is live and public, as in the update log and the feeds. The change note
comes in the requested language, or in German with ``language: "de"`` where the translation is not written.
"""

from django.conf import settings
from django.utils import translation
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.utils import get_object_detail_url
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Page

from guides.api import PublicReadAPIMixin

from .models import UpdateNotice


class NoteField(serializers.Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, notice):
        language = translation.get_language()
        text, is_fallback = notice.note_in(language)
        return {"text": text, "language": settings.MODELTRANSLATION_DEFAULT_LANGUAGE if is_fallback else language}


class NoticePageField(serializers.Field):
    def get_attribute(self, instance):
        return instance.page

    def to_representation(self, page):
        request = self.context["request"]
        return {
            "id": page.pk,
            "title": page.title,
            "html_url": page.get_full_url(request),
            "detail_url": get_object_detail_url(self.context["router"], request, Page, page.pk),
        }


class PlatformsField(serializers.Field):
    def get_attribute(self, instance):
        return instance.platforms.all()

    def to_representation(self, platforms):
        return [{"slug": platform.slug, "name": platform.name} for platform in platforms]


class UpdateNoticesAPIViewSet(PublicReadAPIMixin, BaseAPIViewSet):
    name = "notices"
    model = UpdateNotice
    filter_backends = [FieldsFilter, OrderingFilter]
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "published_at",
        APIField("note", serializer=NoteField()),
        APIField("page", serializer=NoticePageField()),
        APIField("platforms", serializer=PlatformsField()),
    ]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "published_at", "note", "page", "platforms"]

    def get_queryset(self):
        public_pages = Page.objects.live().public()
        return (
            UpdateNotice.objects.filter(page__in=public_pages)
            .select_related("page")
            .prefetch_related("platforms")
            .order_by("-published_at", "-pk")
        )
