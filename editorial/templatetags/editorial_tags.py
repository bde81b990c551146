from datetime import datetime

from django import template
from django.conf import settings
from django.utils import translation

from ..models import PageFreshness

register = template.Library()


@register.simple_tag(takes_context=True)
def page_notices(context, page):
    """What the header of a reader page says about its freshness, from one query.

    Returns {"needs_verification", "outdated_since" (datetime or None), "german_url"} for the active language.
    """
    notices = {"needs_verification": False, "outdated_since": None, "german_url": None}
    if not getattr(page, "pk", None):
        return notices
    row = PageFreshness.objects.filter(page_id=page.pk).values("needs_verification", "outdated_languages").first()
    if row is None:
        return notices
    notices["needs_verification"] = row["needs_verification"]
    since = (row["outdated_languages"] or {}).get(translation.get_language())
    if since:
        notices["outdated_since"] = datetime.fromisoformat(since)
        german = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        urls = context.get("language_urls") or {}
        if german in urls:
            notices["german_url"] = urls[german]
        else:
            with translation.override(german):
                notices["german_url"] = page.get_url(context.get("request"))
    return notices
