"""The rating widget's data: the published summary, its wording, and the thanks after a plain form vote.

The page's AggregateRating is part of the page's own JSON-LD (guides/structured_data.py), not of the widget.
"""

from django import template

from ratings import wording
from ratings.models import STARS, RatingSummary

register = template.Library()


@register.simple_tag
def rating_summary_for(page):
    """The page's published summary, or an empty one before the first vote was published.

    Read through the page's ``rating_summary`` relation, which Django keeps on the page object once fetched: the
    JSON-LD in the page's head has usually read it already.
    """
    try:
        return page.rating_summary
    except RatingSummary.DoesNotExist:
        return RatingSummary(page_id=page.pk, histogram=[0] * 5)


@register.simple_tag(takes_context=True)
def rated_stars(context):
    """The stars in ?rated= after a plain form vote (1–5), else None; the same URL gives everyone the same page."""
    request = context.get("request")
    value = request.GET.get("rated", "") if request is not None else ""
    return int(value) if value in {"1", "2", "3", "4", "5"} else None


@register.simple_tag
def tally_text(count, average):
    return wording.tally_text(count, average)


@register.filter
def count_text(count):
    return wording.count_text(count)


@register.simple_tag
def thanks_pending_text(stars):
    return wording.thanks_pending_text(stars)


@register.simple_tag
def remembered_texts():
    """[(stars, sentence)] for each possible vote: the script shows the one its stored vote matches."""
    return [(stars, wording.remembered_text(stars)) for stars in STARS]
