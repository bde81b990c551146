"""The rating widget's data: the published summary, the thanks after a plain form vote, and JSON-LD."""

import json

from django import template
from django.utils.safestring import mark_safe

from ratings.models import RatingSummary

register = template.Library()


@register.simple_tag
def rating_summary_for(page):
    """The page's published summary, or an empty one before the first vote was published."""
    summary = RatingSummary.objects.filter(page_id=page.pk).first()
    return summary or RatingSummary(page_id=page.pk, histogram=[0] * 5)


@register.simple_tag(takes_context=True)
def rated_stars(context):
    """The stars in ?rated= after a plain form vote (1–5), else None; the same URL gives everyone the same page."""
    request = context.get("request")
    value = request.GET.get("rated", "") if request is not None else ""
    return int(value) if value in {"1", "2", "3", "4", "5"} else None


@register.simple_tag(takes_context=True)
def aggregate_rating_json_ld(context, page, summary):
    """A schema.org AggregateRating for pages with at least one vote, as a JSON-LD data block."""
    if not summary.count:
        return ""
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "HowTo" if hasattr(page, "steps") else "Article",
        "name": page.title,
        "url": page.get_full_url(request),
        "aggregateRating": {
            "@type": "AggregateRating",
            "ratingValue": f"{summary.average:.1f}",
            "ratingCount": summary.count,
            "bestRating": 5,
            "worstRating": 1,
        },
    }
    # Escape the characters that could close the script element; JSON parsers read them back unchanged.
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&",
                                                                                                       "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
