"""The address and size of a page's link-preview card (og:image), for base.html."""

from django import template

from .. import social_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def social_card_url(context, page):
    return social_cards.card_url(page, context.get("request"))


@register.simple_tag
def social_card_size():
    width, height = social_cards.CARD_SIZE
    return {"width": width, "height": height}
