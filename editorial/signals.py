"""Signals other apps listen to.

page_freshness_changed: sent after the editorial notices of a page changed outside a publication (a guide was
flagged or its flag cleared by the daily check), with ``page_id``. The page cache listens to it to purge the
page's cached answers.
Changes that come with a publication need no signal: the publication purges the page anyway.
"""

from django.dispatch import Signal

page_freshness_changed = Signal()
