"""JSON-LD for reader pages (schema.org): Article, HowTo, Event, and a BreadcrumbList on every page.

Built from the same values the templates show, in the reader's language, so search engines and readers see
one truth. Each builder returns plain dicts; the template tag serialises them. Texts are plain text: JSON-LD is
not HTML, so an entity such as "&amp;" would reach a search engine as those five characters.
"""

import html

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import translation
from django.utils.html import strip_tags

from .navigation import reader_navigation
from .social_cards import card_url

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


def plain_text(value):
    """Rich text (or any HTML) as one line of plain text: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def aggregate_rating(page):
    """The readers' published rating of ``page`` as a schema.org AggregateRating, or None before the first vote.

    It goes inside the page's own Article or HowTo (Google reads a rating only as a property of the item rated).
    ``page.rating_summary`` is the ratings app's one-to-one relation; Django keeps what it fetched on the page
    object, so the rating widget further down the page reads the same summary without another query.
    """
    try:
        summary = page.rating_summary
    except ObjectDoesNotExist:
        return None
    if not summary.count or summary.average is None:
        return None
    return {
        "@type": "AggregateRating",
        "ratingValue": float(round(summary.average, 1)),
        "ratingCount": summary.count,
        "bestRating": 5,
        "worstRating": 1,
    }


def with_image(data, page, request):
    """The page's card as its image: Google asks for one on an Article, and shows one for a HowTo."""
    url = card_url(page, request)
    if url:
        data["image"] = url
    return data


def with_rating(data, page):
    rating = aggregate_rating(page)
    if rating is not None:
        data["aggregateRating"] = rating
    return data


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
                "text": plain_text(step.value["instruction"]) or step.value["title"],
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
        items.append(with_rating(with_image(article(page, request), page, request), page))
    elif isinstance(page, GuidePage):
        items.append(
            with_rating(with_image(how_to(page, request, context.get("selected_surface")), page, request), page)
        )
    elif isinstance(page, DeadlinePage):
        items.append(event(page, request))
    items.append(breadcrumb_list(page, request))
    return items
