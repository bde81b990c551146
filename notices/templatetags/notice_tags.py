"""Template tags for the notices slots on reader pages: change history and feed links."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from ..history import update_notices

register = template.Library()


@register.simple_tag
def change_history(page):
    """The page's update notices, newest first, each with ``note_text`` in the reader's language."""
    notices = update_notices(page)
    from django.utils import translation

    language = translation.get_language()
    for notice in notices:
        notice.note_text, notice.note_is_fallback = notice.note_in(language)
    return notices


@register.simple_tag
def feed_links(page=None):
    """[(title, url), …]: every page links the feed of all updates; guides and articles also their own."""
    links = [(_("All guide updates"), reverse("notices:feed"))]
    if page is None or not hasattr(page, "change_is_significant"):
        return links
    platform = getattr(page, "platform", None)
    if platform is not None:
        links.append(
            (
                _("Updates to %(platform)s guides") % {"platform": platform.name},
                reverse("notices:platform_feed", args=[platform.slug]),
            )
        )
    links.append((_("Updates to this page"), reverse("notices:page_feed", args=[page.pk])))
    return links
