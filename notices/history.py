"""The update notices of one page, newest first, read once per rendering of that page.

The change history at the foot of a guide and the steps' versions at its top (guides/step_versions.py) both need
them; the list is kept on the page object so the two cost one query together.
"""

from .models import UpdateNotice

CACHE_ATTRIBUTE = "_update_notices_newest_first"


def update_notices(page):
    """[UpdateNotice, …] of ``page``, newest first (every notice records a significant change)."""
    notices = page.__dict__.get(CACHE_ATTRIBUTE)
    if notices is None:
        notices = list(UpdateNotice.objects.filter(page_id=page.pk).order_by("-published_at", "-pk"))
        page.__dict__[CACHE_ATTRIBUTE] = notices
    return notices
