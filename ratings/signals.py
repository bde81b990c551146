"""Signals other apps listen to.

rating_summary_changed: sent after a recomputed rating summary was stored and differs from the one before,
with ``page_id``. The page cache listens to it to purge the answers showing that summary.
"""

from django.dispatch import Signal

rating_summary_changed = Signal()
