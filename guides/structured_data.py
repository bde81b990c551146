"""JSON-LD for reader pages (schema.org): Article, HowTo, Event, and a BreadcrumbList on every page.

Built from the same values the templates show, in the reader's language, so search engines and readers see
one truth. Each builder returns plain dicts; the template tag serialises them.
"""

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags

from .navigation import reader_navigation

SCHEMA = "https://schema.org"


def breadcrumb_list(page, request):
    """The path from the home page to ``page``, each entry linking to its page in the current language."""
    trail = [*reader_navigation(request, page).ancestors, page]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.title, "item": crumb.get_full_url(request)}
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def _publisher():
    return {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}


def article(page, request):
    data = {
        "@context": SCHEMA,
        "@type": "Article",
        "headline": page.title,
        "description": page.lead,
        "inLanguage": translation.get_language(),
        "datePublished": page.date.isoformat(),
        "author": {"@type": "Person", "name": page.author_name},
        "publisher": _publisher(),
        "mainEntityOfPage": page.get_full_url(request),
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def how_to(page, request, surface=None):
    """A HowTo whose HowToStep items are the steps of the surface the reader sees (the first by default)."""
    url = page.get_full_url(request)
    steps = next((s for code, _label, s in page.surfaces if code == surface), None)
    if steps is None and page.surfaces:
        steps = page.surfaces[0][2]
    data = {
        "@context": SCHEMA,
        "@type": "HowTo",
        "name": page.title,
        "description": page.goal,
        "inLanguage": translation.get_language(),
        "url": url,
        "step": [
            {
                "@type": "HowToStep",
                "position": position,
                "name": step.value["title"],
                "text": " ".join(strip_tags(str(step.value["instruction"])).split()) or step.value["title"],
                "url": f"{url}#step-{step.id}",
            }
            for position, step in enumerate(steps or [], start=1)
        ],
    }
    if page.last_verified_on:
        data["dateModified"] = page.last_verified_on.isoformat()
    return data


def event(page, request):
    url = page.get_full_url(request)
    return {
        "@context": SCHEMA,
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "inLanguage": translation.get_language(),
        "startDate": page.local_due_at.isoformat(),
        "endDate": page.local_due_at.isoformat(),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": url},
        "organizer": _publisher(),
        "url": url,
    }


def for_page(page, request, context):
    """Every JSON-LD object for ``page``: its own type (if it has one) and the breadcrumbs."""
    from .models import ArticlePage, DeadlinePage, GuidePage

    items = []
    if isinstance(page, ArticlePage):
        items.append(article(page, request))
    elif isinstance(page, GuidePage):
        items.append(how_to(page, request, context.get("selected_surface")))
    elif isinstance(page, DeadlinePage):
        items.append(event(page, request))
    items.append(breadcrumb_list(page, request))
    return items
