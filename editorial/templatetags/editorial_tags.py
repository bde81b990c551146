from datetime import datetime

from django import template
from django.conf import settings
from django.utils import timezone, translation

from guides.blocks import SURFACE_LABELS

from ..models import PageFreshness

register = template.Library()


def surface_notices(states, language):
    """What readers in ``language`` are told above each surface's steps.

    A language without steps of its own shows the German steps, so it shows German's state. The "verified with"
    text is built here, in the reader's language, from the surface's label and the version the checker typed.
    """
    by_surface = states.get(language) or states.get(settings.MODELTRANSLATION_DEFAULT_LANGUAGE) or {}
    notices = {}
    for surface, state in by_surface.items():
        verified_at = datetime.fromisoformat(state["verified_at"]) if state.get("verified_at") else None
        label = str(SURFACE_LABELS.get(surface, surface))
        notices[surface] = {
            "stale": bool(state.get("reasons")),
            "verified_on": timezone.localdate(verified_at) if verified_at else None,
            "verified_with": f"{label}, {state['app_version']}" if state.get("app_version") else label,
        }
    return notices


@register.simple_tag
def surface_notice(notices, surface):
    """The entry of ``surface`` in page_notices' "surfaces" (templates cannot index a dict with a variable)."""
    return notices["surfaces"].get(surface) or {}


@register.simple_tag(takes_context=True)
def page_notices(context, page):
    """What the header of a reader page says about its freshness, from one query.

    Returns {"needs_verification", "outdated_since" (datetime or None), "german_url", "surfaces"} for the active
    language; "surfaces" is {surface code: {"stale", "verified_on", "verified_with"}} (see surface_notices).
    """
    notices = {"needs_verification": False, "outdated_since": None, "german_url": None, "surfaces": {}}
    if not getattr(page, "pk", None):
        return notices
    row = PageFreshness.objects.row_for(page)
    if row is None:
        return notices
    notices["needs_verification"] = row["needs_verification"]
    notices["surfaces"] = surface_notices(row["surface_states"] or {}, translation.get_language())
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
