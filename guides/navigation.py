"""The main menu and the breadcrumb trail of a reader page, fetched together in one query per request."""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, Site


@dataclass
class Navigation:
    menu: list  # the home page's live children marked "show in menus", in tree order
    ancestors: list  # the page's ancestors from the home page down (empty for the home page itself)


def menu_filter(root):
    """The pages of the main menu: the home page's live children that editors marked "show in menus"."""
    return Q(depth=root.depth + 1, path__startswith=root.path, live=True, show_in_menus=True)


def is_menu_page(page, root):
    return page.depth == root.depth + 1 and page.path.startswith(root.path) and page.live and page.show_in_menus


def remember_navigation(request, page, navigation):
    """Store what routing already fetched, so the templates need no query of their own."""
    request._reader_navigation = (page.pk, navigation)


def reader_navigation(request, page=None):
    """Menu and ancestors for ``page`` (or only the menu), cached on the request."""
    key = page.pk if page is not None else None
    cached = getattr(request, "_reader_navigation", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    site = Site.find_for_request(request)
    if site is None:
        return Navigation(menu=[], ancestors=[])
    root = site.root_page
    # Tree paths encode the ancestors: each level adds Page.steplen characters to the path.
    ancestor_paths = []
    if page is not None and page.path.startswith(root.path):
        ancestor_paths = [page.path[: depth * Page.steplen] for depth in range(root.depth, page.depth)]
    pages = list(Page.objects.filter(menu_filter(root) | Q(path__in=ancestor_paths)).order_by("path"))
    navigation = Navigation(
        menu=[p for p in pages if is_menu_page(p, root)],
        ancestors=[p for p in pages if p.path in ancestor_paths],
    )
    request._reader_navigation = (key, navigation)
    return navigation
