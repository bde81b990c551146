"""Signals other apps listen to.

rating_summary_changed: sent after a recomputed rating summary was stored and differs from the one before,
with ``page_id``. Page caches listen to it to drop the page's cached HTML.
"""

from django.dispatch import Signal

rating_summary_changed = Signal()
