from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.factories import ensure_wagtail_roots


def load_demo(*args):
    """Run the command as an operator would and return what it printed.

    The tree's root and the default locale are put back first: a reused test database that a committing test
    flushed last has lost them, and the command, like an operator's, expects what the migrations made."""
    ensure_wagtail_roots()
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    """The demo content without accounts (the test settings are not in demo mode)."""
    return load_demo("--no-accounts")


@pytest.fixture(scope="module")
def shared_demo(django_db_setup, django_db_blocker):
    """The demo content loaded once for a module of read-only tests, rolled back when the module is done.

    Each test's own transaction (the ``db`` fixture) nests inside this one as a savepoint, so a test still
    cannot leave changes behind for the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        output = load_demo("--no-accounts")
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def loaded(shared_demo, db):
    return shared_demo
