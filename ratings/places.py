"""An address's places on a page and day: what keeps one network to a few votes and step reports, however they race.

A new vote or report takes one of its address's numbered places (1 up to the quota) under a unique constraint,
rather than trusting a count read beforehand: of two requests that choose the same place at the same moment, the
database refuses one, which then looks again (ratings/votes.py, ratings/reports.py).
"""

from django.db import IntegrityError, connection, transaction


class AddressQuotaReached(Exception):
    """The address has added as many votes (or reports) to the page today as are counted from one address."""


def free_place(taken, quota):
    """The lowest place from 1 to ``quota`` that the address's rows (their places in ``taken``) leave free, or None
    when the quota is used. A row without a place (stored before places existed) counts all the same."""
    free = set(range(1, quota + 1)) - set(taken)
    return min(free) if free and len(taken) < quota else None


def insert_new(row):
    """Insert ``row``; False, with nothing stored, if a unique constraint refused it (its place is taken)."""
    try:
        save_new(row)
    except IntegrityError:
        return False
    return True


def save_new(row):
    if connection.in_atomic_block:
        with transaction.atomic():  # a savepoint: a refused insert must leave the caller's transaction usable
            row.save(force_insert=True)
    else:
        row.save(force_insert=True)  # in autocommit a refused insert harms nothing, and needs no BEGIN/COMMIT
