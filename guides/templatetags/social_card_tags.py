"""The address of a page's link-preview card (og:image) and of the favicon, for base.html."""

from urllib.parse import urlsplit

from django import template
from django.urls import reverse

from ..social_cards import CARD_SIZE, card_texts, card_version

register = template.Library()


@register.simple_tag(takes_context=True)
def social_card_url(context, page):
    """The absolute URL of the card of ``page`` in the current language, with its version so a change shows."""
    request = context.get("request")
    full_url = page.get_full_url(request)
    if not full_url:
        return ""
    origin = urlsplit(full_url)
    path = reverse("social_card", kwargs={"page_id": page.pk})
    return f"{origin.scheme}://{origin.netloc}{path}?v={card_version(card_texts(page))}"


@register.simple_tag
def social_card_size():
    return {"width": CARD_SIZE[0], "height": CARD_SIZE[1]}
