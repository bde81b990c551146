from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from .articles import ArticlePage
from .base import BasePage
from .deadlines import DeadlinePage
from .guide_pages import GuidePage

LATEST_ARTICLES = 3


class HomePage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    translated_fields = ("intro",)
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["next_deadline"] = (
            DeadlinePage.objects.descendant_of(self).live().filter(due_at__gte=timezone.now())
            .order_by("due_at").first()
        )
        context["latest_articles"] = (
            ArticlePage.objects.descendant_of(self).live().order_by("-date", "-pk")[:LATEST_ARTICLES]
        )
        context["guides_by_platform"] = GuidePage.group_by_platform(GuidePage.objects.descendant_of(self).live())
        return context
