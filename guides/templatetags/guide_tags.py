"""Template tags shared by the reader pages."""

from django import template
from django.utils import formats
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav_pages(context):
    """The pages under the home page that editors marked “show in menus”, in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return site.root_page.get_children().live().in_menu()


@register.filter
def local_datetime(value, tz):
    """A date and time in the given zone, formatted for the active language."""
    if not value:
        return ""
    return formats.date_format(value.astimezone(tz), "DATETIME_FORMAT")
