from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from ..navigation import Navigation, is_menu_page, menu_filter, remember_navigation
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

    class Meta:
        verbose_name = _("home page")

    def route_by_url_path(self, request, path_components):
        """Find a reader page by its translated path in two queries, with its menu and breadcrumbs.

        wagtail-modeltranslation replaces every page's ``route`` with one that walks the tree a level at a
        time (two queries per level); guides/apps.py puts this method in front of it for the home page. Every
        page below has its url_path stored per language, so one query finds the page, its ancestors (by their
        shorter paths) and the main menu, and a second loads the page as its own type together with what its
        template shows (``route_select_related``). Anything else (a routable page, an unpublished page, a path
        that does not exist) takes the usual way.
        """
        field = build_localized_fieldname("url_path", translation.get_language())
        own_path = self.__dict__.get(field)
        if not (path_components and own_path):
            return self.route_by_tree(request, path_components)
        paths = [f"{own_path}{'/'.join(path_components[:depth])}/" for depth in range(1, len(path_components) + 1)]
        rows = list(
            Page.objects.filter(Q(**{f"{field}__in": paths}, path__startswith=self.path) | menu_filter(self)).order_by(
                "path"
            )
        )
        target = next((row for row in rows if row.__dict__.get(field) == paths[-1]), None)
        if target is None or not target.live:
            return self.route_by_tree(request, path_components)
        model = target.specific_class
        if model is None or issubclass(model, RoutablePageMixin):
            return self.route_by_tree(request, path_components)
        page = model.objects.select_related(*getattr(model, "route_select_related", ())).get(pk=target.pk)
        ancestors = [row for row in rows if row.__dict__.get(field) in paths[:-1] and page.path.startswith(row.path)]
        remember_navigation(
            request,
            page,
            Navigation(
                menu=[row for row in rows if is_menu_page(row, self)],
                ancestors=[self, *ancestors],
            ),
        )
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["next_deadline"] = (
            DeadlinePage.objects.descendant_of(self)
            .live()
            .filter(due_at__gte=timezone.now())
            .order_by("due_at")
            .first()
        )
        context["latest_articles"] = (
            ArticlePage.objects.descendant_of(self).live().order_by("-date", "-pk")[:LATEST_ARTICLES]
        )
        context["guides_by_platform"] = GuidePage.group_by_platform(GuidePage.objects.descendant_of(self).live())
        return context
