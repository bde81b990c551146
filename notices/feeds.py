"""Atom feeds of update notices: everything, one platform, or one page, in the language of the URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Page

from guides.models import Platform

from . import step_changes
from .emails import absolute, page_url, step_changes_url
from .models import UpdateNotice

FEED_ITEMS = 50


class UpdateNoticeAtomFeed(Atom1Feed):
    """Atom whose entries mark a change note shown in German, for want of a translation, with xml:lang."""

    def add_item_elements(self, handler, item):
        if not item.get("summary_lang"):
            super().add_item_elements(handler, item)
        else:
            super().add_item_elements(handler, {**item, "description": None})
            handler.addQuickElement("summary", item["description"], {"type": "html", "xml:lang": item["summary_lang"]})
        if item.get("content"):
            # The note with the changed steps, before and after (RFC 4287, 4.1.3); its parts shown in German
            # carry lang="de" inside the HTML.
            handler.addQuickElement("content", item["content"], {"type": "html"})


class UpdateNoticeFeed(Feed):
    feed_type = UpdateNoticeAtomFeed

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        return _("Guide updates · Privacy guides")

    def subtitle(self, obj):
        return _("Significant changes to our guides and articles, newest first.")

    def link(self, obj):
        return reverse("notices:update_log")

    def feed_url(self, obj):
        return reverse("notices:feed")

    def notices(self, obj):
        return UpdateNotice.objects.public().select_related("page")

    def items(self, obj):
        notices = list(self.notices(obj)[:FEED_ITEMS])
        lagging = step_changes.pages_with_lagging_steps(
            {notice.page_id for notice in notices}, translation.get_language()
        )
        for notice in notices:
            notice.pages_with_lagging_steps = lagging
        return notices

    def item_title(self, item):
        return _("Updated: %(title)s") % {"title": item.page.specific_deferred.title}

    def author_name(self, obj):
        # Atom wants an author for every entry (RFC 4287, 4.1.1); the notices are the editors' as a team.
        return _("Privacy guides")

    def author_link(self, obj):
        return absolute(f"/{translation.get_language()}/")

    def item_description(self, item):
        # The summary is sent as type="html" and a change note is plain text: escape it, or a note that mentions
        # "<new>" loses those words in every feed reader. Line breaks the editor typed stay line breaks.
        return linebreaksbr(item.note, autoescape=True)

    def item_extra_kwargs(self, item):
        language = translation.get_language()
        note, is_fallback = item.note_in(language)
        return {
            "summary_lang": settings.MODELTRANSLATION_DEFAULT_LANGUAGE if is_fallback else None,
            "content": self.item_content(item, language, note, is_fallback),
        }

    def item_content(self, item, language, note, note_is_fallback):
        """The entry's full text: the note and the changed steps (notices/step_changes.py), or nothing for an
        update that did not change a guide's steps."""
        changes = step_changes.reader_view(item, language, lagging_pages=item.pages_with_lagging_steps)
        if not step_changes.has_changes(changes):
            return None
        german_url = page_url(item.page, settings.MODELTRANSLATION_DEFAULT_LANGUAGE) if changes["german_only"] else ""
        return render_to_string(
            "notices/includes/feed_entry_content.html",
            {
                "note": note,
                "note_is_fallback": note_is_fallback,
                "changes": changes,
                "german_url": german_url,
                "step_changes_url": step_changes_url(item, language),
                "level": 3,
            },
        )

    def item_link(self, item):
        return page_url(item.page, translation.get_language())

    def item_guid(self, item):
        # An entry's id must be an absolute IRI that never changes (RFC 4287, 4.2.6): a tag URI (RFC 4151) of the
        # site's host and the day the notice was published.
        host = urlsplit(absolute("/")).hostname
        return f"tag:{host},{item.published_at:%Y-%m-%d}:update-notice-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


class PlatformFeed(UpdateNoticeFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Platform, slug=slug)

    def title(self, obj):
        return _("%(platform)s guide updates · Privacy guides") % {"platform": obj.name}

    def link(self, obj):
        return f"{reverse('notices:update_log')}?platform={obj.slug}"

    def feed_url(self, obj):
        return reverse("notices:platform_feed", args=[obj.slug])

    def notices(self, obj):
        return super().notices(obj).filter(platforms=obj)


class PageFeed(UpdateNoticeFeed):
    def get_object(self, request, page_id):
        return get_object_or_404(Page.objects.live().specific(), pk=page_id)

    def title(self, obj):
        return _("Updates to “%(title)s” · Privacy guides") % {"title": obj.title}

    def link(self, obj):
        return obj.get_url() or "/"

    def feed_url(self, obj):
        return reverse("notices:page_feed", args=[obj.pk])

    def notices(self, obj):
        return super().notices(obj).filter(page=obj)
