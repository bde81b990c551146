"""Signals other apps listen to, so they need not know how notices are recorded.

significant_update_published: sent after the transaction that recorded an UpdateNotice commits, with
``page_id`` and ``published_at`` (an aware datetime). The ratings app starts a new "since the last update"
tally from it.
"""

from django.dispatch import Signal

significant_update_published = Signal()
