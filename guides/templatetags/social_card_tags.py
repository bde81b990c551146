"""The address and size of a page's link-preview card (og:image), for base.html."""

from django import template
from wagtail.models import Site

from .. import social_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def social_card_url(context, page):
    return social_cards.card_url(page, context.get("request"))


@register.simple_tag(takes_context=True)
def site_social_card_url(context):
    """The home page's card, for the views that are not pages (search, update log, subscribing)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return social_cards.card_url(site.root_page.specific, request) if site is not None else ""


@register.simple_tag
def social_card_size():
    width, height = social_cards.CARD_SIZE
    return {"width": width, "height": height}
