"""Serving what guides/social_cards.py draws: /<lang>/cards/<page id>.png (og:image) and /favicon.ico.

Both are the same for every reader, so caches may keep them (Cache-Control public) and ask again with the ETag.
A card's URL carries its version (?v=…, see social_card_tags), so a title changed by a publish gets a new URL
that link previews fetch anew, while an unchanged card is answered "304 Not Modified".
"""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.views.decorators.http import require_safe
from wagtail.models import Page

from .social_cards import card_texts, card_version, draw_card, favicon_bytes

CARD_MAX_AGE = 24 * 3600
FAVICON_MAX_AGE = 7 * 24 * 3600


def card_page(page_id):
    """The live page a card may show: a page behind a password or login has no public card (its title is private)."""
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=1).specific().first()
    if page is None:
        raise Http404("No card for this page.")
    return page


@require_safe
def social_card(request, page_id):
    texts = card_texts(card_page(page_id))
    version = card_version(texts)
    etag = f'"{version}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        # Drawing takes tens of milliseconds; the picture is kept by its version, so requests that miss the HTTP
        # caches (a new ?v=, a proxy that dropped it) cost a cache read, not a drawing.
        png = cache.get_or_set(f"social-card:{version}", lambda: draw_card(texts), CARD_MAX_AGE)
        response = HttpResponse(png, content_type="image/png")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE)
    return response


@require_safe
def favicon(request):
    response = set_response_etag(HttpResponse(favicon_bytes(), content_type="image/vnd.microsoft.icon"))
    response = get_conditional_response(request, etag=response["ETag"], response=response)
    patch_cache_control(response, public=True, max_age=FAVICON_MAX_AGE)
    return response
