"""Storing a vote: one statement that checks the page and inserts or changes the reader's vote."""

from django.db import connection
from django.utils import timezone

from .models import Vote
from .voters import voter_key

# Readers rate published articles and guides only; the SELECT makes the insert a no-op for any other page id.
RATABLE_PAGE_MODELS = ("articlepage", "guidepage")
_UPSERT = """
INSERT INTO {table} (page_id, voter, daily_client, stars, created_at, voted_at)
SELECT p.id, %s, %s, %s, %s, %s FROM wagtailcore_page p
WHERE p.id = %s AND p.live AND p.content_type_id IN (
    SELECT ct.id FROM django_content_type ct WHERE ct.app_label = 'guides' AND ct.model IN (%s, %s)
)
ON CONFLICT ({conflict}) DO UPDATE SET {updates}
RETURNING id
"""


def record_vote(page_id, stars, token, daily_client):
    """Store ``stars`` as the reader's vote on the page; return False when the page cannot be rated.

    With the reader's cookie token the vote is keyed by it, so the same browser changes its vote on any day.
    Without one (a first vote, or a browser that drops cookies) the caller passes a fresh token and the vote is
    keyed by today's client hash instead: a second cookieless vote the same day changes the first one and takes
    over the new token.
    """
    now = timezone.now()
    if daily_client is None:
        conflict, updates = "page_id, voter", "stars = EXCLUDED.stars, voted_at = EXCLUDED.voted_at"
    else:
        conflict = "page_id, daily_client"
        updates = "stars = EXCLUDED.stars, voted_at = EXCLUDED.voted_at, voter = EXCLUDED.voter"
    # Only fixed table and column names go into the text; every value is a query parameter.
    sql = _UPSERT.format(table=Vote._meta.db_table, conflict=conflict, updates=updates)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [voter_key(token), daily_client, stars, now, now, page_id, *RATABLE_PAGE_MODELS])
        return cursor.fetchone() is not None


def own_vote(page_id, token):
    """The stars this reader gave the page, or None."""
    if not token:
        return None
    return Vote.objects.filter(page_id=page_id, voter=voter_key(token)).values_list("stars", flat=True).first()
