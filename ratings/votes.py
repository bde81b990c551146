"""Storing a vote: one statement that checks the page and inserts or changes the reader's vote."""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils import timezone

from .models import RatingSummary, Vote
from .voters import voter_key

# Readers rate published articles and guides only; the SELECT makes the insert a no-op for any other page id.
RATABLE_PAGE_MODELS = ("articlepage", "guidepage")
_UPSERT = """
INSERT INTO {table} (page_id, voter, daily_client, stars, created_at, voted_at)
SELECT p.id, %s, %s, %s, %s, %s FROM wagtailcore_page p {extra_from}
WHERE p.id = %s AND p.live AND p.content_type_id IN (
    SELECT ct.id FROM django_content_type ct WHERE ct.app_label = 'guides' AND ct.model IN (%s, %s)
)
ON CONFLICT ({conflict}) DO UPDATE SET {updates}
RETURNING page_id
"""
SUMMARY_COLUMNS = ("id", "count", "total", "average", "histogram", "since", "since_count", "since_total",
                   "since_average", "since_histogram", "published_at")
# PostgreSQL: the vote, the reader's vote it replaces and the published summary the reader sees next to it in one
# round trip. Every part of a WITH statement sees the table as it was before the statement, so "previous" reads
# the row the upsert is about to change. The vote commits asynchronously (synchronous_commit off for this
# statement's transaction only): it does not wait for the WAL flush, which is most of a vote's time on a busy
# disk. A PostgreSQL crash could lose the last fraction of a second of votes; it cannot corrupt anything, and a
# vote is one anonymous reader's opinion, not a record.
_UPSERT_WITH_SUMMARY = """
WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true)),
previous AS ({previous}),
vote AS ({upsert})
SELECT vote.page_id, previous.stars, previous.voted_at, {summary_columns}
FROM vote LEFT JOIN previous ON TRUE LEFT JOIN {summary_table} s ON s.page_id = vote.page_id
"""
_PREVIOUS = "SELECT stars, voted_at FROM {table} WHERE page_id = %s AND {key} = %s"


@dataclass(frozen=True)
class PreviousVote:
    """The reader's vote on the page before this one."""

    stars: int
    voted_at: datetime


@dataclass(frozen=True)
class RecordedVote:
    summary: RatingSummary  # the published summary, which may not count this vote yet
    previous: PreviousVote | None  # the vote this one replaced, if any


def record_vote(page_id, stars, token, daily_client):
    """Store ``stars`` as the reader's vote on the page; return the page's published summary and the vote replaced.

    Returns None (and stores nothing) when the page cannot be rated. The summary is an unsaved empty one before
    the first publish.

    With the reader's cookie token the vote is keyed by it, so the same browser changes its vote on any day.
    Without one (a first vote, or a browser that drops cookies) the caller passes a fresh token and the vote is
    keyed by today's client hash instead: a second cookieless vote the same day changes the first one and takes
    over the new token.
    """
    now = timezone.now()
    voter = voter_key(token)
    if daily_client is None:
        conflict, updates = "page_id, voter", "stars = EXCLUDED.stars, voted_at = EXCLUDED.voted_at"
        key, key_value = "voter", voter
    else:
        conflict = "page_id, daily_client"
        updates = "stars = EXCLUDED.stars, voted_at = EXCLUDED.voted_at, voter = EXCLUDED.voter"
        key, key_value = "daily_client", daily_client
    params = [voter, daily_client, stars, now, now, page_id, *RATABLE_PAGE_MODELS]
    postgres = connection.vendor == "postgresql"
    # Only fixed table and column names go into the text; every value is a query parameter.
    upsert = _UPSERT.format(table=Vote._meta.db_table, conflict=conflict, updates=updates,  # noqa: S608
                            extra_from=", async_commit" if postgres else "")
    if not postgres:
        previous = Vote.objects.filter(page_id=page_id, **{key: key_value}).values_list("stars", "voted_at").first()
        with connection.cursor() as cursor:
            cursor.execute(upsert, params)
            if cursor.fetchone() is None:
                return None
        summary = RatingSummary.objects.filter(page_id=page_id).first() or empty_summary(page_id)
        return RecordedVote(summary, PreviousVote(*previous) if previous else None)
    row = execute_prepared(_UPSERT_WITH_SUMMARY.format(  # noqa: S608
        previous=_PREVIOUS.format(table=Vote._meta.db_table, key=key), upsert=upsert,
        summary_table=RatingSummary._meta.db_table,
        summary_columns=", ".join(f"s.{column}" for column in SUMMARY_COLUMNS)), [page_id, key_value, *params])
    if row is None:
        return None
    previous = PreviousVote(row[1], row[2]) if row[1] is not None else None
    summary_row = row[3:]
    if summary_row[0] is None:
        return RecordedVote(empty_summary(page_id), previous)
    # Raw rows skip the fields' own conversion (JSON arrives as text): apply it as the ORM would.
    values = {}
    for name, value in zip(SUMMARY_COLUMNS, summary_row, strict=True):
        field = RatingSummary._meta.get_field(name)
        from_db = getattr(field, "from_db_value", None)
        values[name] = from_db(value, None, connection) if from_db and value is not None else value
    return RecordedVote(RatingSummary(page_id=page_id, **values), previous)


def execute_prepared(sql, params):
    """Run one statement as a server-side prepared statement on Django's own connection; return its first row.

    Django's psycopg cursors bind parameters on the client, so PostgreSQL would plan this statement anew for each
    vote (about a millisecond of its CPU). A psycopg cursor with server-side binding lets it prepare the
    statement once per connection, and persistent connections (CONN_MAX_AGE) keep it. psycopg prepares nothing
    while the connection's prepare_threshold is None (Django's default); config/settings.py sets one unless
    DATABASE_PREPARED_STATEMENTS is false, and then this statement is simply planned each time.
    """
    import psycopg

    connection.ensure_connection()
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchone()


def empty_summary(page_id):
    return RatingSummary(page_id=page_id, histogram=[0] * 5)
