"""Signals other apps listen to.

page_freshness_changed: sent after the editorial notices of a page changed outside a publication (a guide was
flagged or its flag cleared by the daily check), with ``page_id``. Page caches listen to it to drop the page's
cached HTML; the editorial app itself also asks Wagtail's frontend cache (Varnish/CDN) to purge the page.
Changes that come with a publication need no signal: the publication purges the page anyway.
"""

from django.dispatch import Signal

page_freshness_changed = Signal()
