"""Serializer fields of the public read API (guides/api.py), declared on the page models as ``api_fields``.

They import nothing that needs the models loaded, so the models can import them.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from rest_framework import serializers
from wagtail.api.rich_text import APIRichText

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class TranslationField(serializers.Field):
    """The answer's language, and the fields that fall back to German because they are not translated."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return {
            "language": translation.get_language(),
            "fallback_language": DEFAULT_LANGUAGE,
            "fallback_fields": list(page.fallback_fields),
        }


class RatingField(serializers.Field):
    """The published rating summary ("Total: N · Average: X" on the page), or no votes."""

    def get_attribute(self, instance):
        return instance  # a page without a summary must still say "no votes", which None would not

    def to_representation(self, page):
        try:
            summary = page.rating_summary
        except ObjectDoesNotExist:
            summary = None
        if summary is None or not summary.count:
            return {"count": 0, "average": None}
        return {"count": summary.count, "average": float(summary.average)}


class SurfacesField(serializers.Field):
    """A guide's steps, one list per surface (web, Android, iOS), in the order the editor put them."""

    def get_attribute(self, instance):
        return instance.surfaces

    def to_representation(self, surfaces):
        rich_text_format = self.context.get("_wagtail_rich_text_format") or APIRichText.get_default_format()
        return [
            {
                "surface": code,
                "label": str(label),
                "steps": [self.step(step, rich_text_format) for step in steps],
            }
            for code, label, steps in surfaces
        ]

    @staticmethod
    def step(step, rich_text_format):
        value = step.value
        note = {"kind": value["note_kind"], "text": value["note"]} if value.has_note() else None
        return {
            "id": step.id,
            "title": value["title"],
            "instruction": APIRichText.serialize(value["instruction"].source, format=rich_text_format),
            "menu_path": [label for label in value["ui_path"] if label],
            "note": note,
        }


class DeadlineField(serializers.Field):
    """The deadline a guide or article leads to: enough to show it without a second request."""

    def get_attribute(self, instance):
        return instance.deadline if instance.deadline_id else None

    def to_representation(self, deadline):
        if deadline is None or not deadline.live:
            return None
        return {
            "id": deadline.pk,
            "title": deadline.title,
            "due_at": serializers.DateTimeField().to_representation(deadline.due_at),
            "state": deadline.state,
        }


class PlatformField(serializers.Field):
    def get_attribute(self, instance):
        return instance.platform

    def to_representation(self, platform):
        return {"slug": platform.slug, "name": platform.name, "privacy_center_url": platform.privacy_center_url}
