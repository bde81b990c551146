"""Checking that a page's slug is free among its siblings, in every language, without loading every sibling.

wagtail-modeltranslation checks each language's slug (its own, or the German one it falls back to) against the
siblings' slugs in that language, as Wagtail checks one slug. It loads every sibling page in full to do so, so a
publish under an index of 2,000 guides built 4,000 page objects. Here the database first narrows the siblings
to those with any slug field equal to any of the page's slugs (every clash is among them, fallbacks included),
and modeltranslation's own rules then decide on those few, as before. The error and its message are unchanged.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail_modeltranslation import patch_wagtailadmin

from .i18n import LANGUAGE_CODES


def clashing_slugs(page):
    """{slug field name: message} for each language whose slug a sibling of ``page`` already uses."""
    if page.get_parent() is None:
        return {}  # the root page's slug may be anything
    slugs = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            slugs[code] = page.slug
    fields = [build_localized_fieldname("slug", code) for code in LANGUAGE_CODES]
    wanted = {slug for slug in slugs.values() if slug}
    if not wanted:
        return {}
    candidates = list(
        page.get_siblings(inclusive=False)
        .filter(reduce(or_, (Q(**{f"{field}__in": wanted}) for field in fields)))
        .only("id", *fields)
    )
    errors = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            if slugs[code] in {sibling.slug for sibling in candidates}:
                errors[build_localized_fieldname("slug", code)] = _("This slug is already in use")
    return errors


def install():
    # modeltranslation's clean() looks the function up in its module each time it runs.
    patch_wagtailadmin._validate_slugs = clashing_slugs
