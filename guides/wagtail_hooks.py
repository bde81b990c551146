from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Platform, Topic


class PlatformViewSet(SnippetViewSet):
    model = Platform
    icon = "globe"
    list_display = ["name", "slug", "privacy_center_url"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]


class GuideSnippetsGroup(SnippetViewSetGroup):
    menu_label = _("Platforms & topics")
    menu_icon = "folder-open-inverse"
    items = (PlatformViewSet, TopicViewSet)


register_snippet(GuideSnippetsGroup)
