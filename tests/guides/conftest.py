import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start each test without cached pages: the page cache forgets pages on commit, and tests never commit."""
    cache.clear()
    yield
    cache.clear()
