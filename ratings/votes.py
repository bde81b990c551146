"""Storing a vote: one statement that checks the page and inserts or changes the reader's vote."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .models import Vote
from .voters import voter_key


def _ratable_content_type_ids():
    from guides.models import ArticlePage, GuidePage

    return tuple(ct.pk for ct in ContentType.objects.get_for_models(ArticlePage, GuidePage).values())


RATABLE_CONTENT_TYPE_IDS = SimpleLazyObject(_ratable_content_type_ids)

# Readers rate published articles and guides only; the SELECT makes the insert a no-op for any other page id.
_UPSERT = """
INSERT INTO {table} (page_id, voter, daily_client, stars, created_at, voted_at)
SELECT p.id, %s, %s, %s, %s, %s FROM wagtailcore_page p
WHERE p.id = %s AND p.live AND p.content_type_id IN ({content_types})
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
    content_types = ", ".join(str(pk) for pk in RATABLE_CONTENT_TYPE_IDS)
    if daily_client is None:
        conflict, updates = "page_id, voter", "stars = EXCLUDED.stars, voted_at = EXCLUDED.voted_at"
    else:
        conflict = "page_id, daily_client"
        updates = "stars = EXCLUDED.stars, voted_at = EXCLUDED.voted_at, voter = EXCLUDED.voter"
    # Only integers and fixed column names go into the text; every value is a query parameter.
    sql = _UPSERT.format(  # noqa: S608
        table=Vote._meta.db_table, content_types=content_types, conflict=conflict, updates=updates)
    with connection.cursor() as cursor:
        cursor.execute(sql, [voter_key(token), daily_client, stars, now, now, page_id])
        return cursor.fetchone() is not None


def own_vote(page_id, token):
    """The stars this reader gave the page, or None."""
    if not token:
        return None
    return Vote.objects.filter(page_id=page_id, voter=voter_key(token)).values_list("stars", flat=True).first()
