from io import StringIO

import pytest
from django.core.management import call_command


def load_demo(*args):
    """Run the command as an operator would and return what it printed."""
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    """The demo content without accounts (the test settings are not in demo mode)."""
    return load_demo("--no-accounts")
