import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and debounce keys live in the cache; each test starts without them."""
    cache.clear()
    yield
    cache.clear()


def vote_headers(user_agent="Reader agent", address="203.0.113.7", json=False):
    headers = {"HTTP_USER_AGENT": user_agent, "REMOTE_ADDR": address, "HTTP_SEC_FETCH_SITE": "same-origin"}
    if json:
        headers["HTTP_ACCEPT"] = "application/json"
    return headers
