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


def ensure_wagtail_roots():
    """Put back the rows Wagtail's migrations create (root page, default locale) when a flush after a test that
    committed (here or in a reused test database) removed them."""
    from django.conf import settings
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", title_de="Root", slug_de="root"))


@pytest.fixture
def site_tree(db):
    from tests.factories import build_site_tree

    ensure_wagtail_roots()
    return build_site_tree()


@pytest.fixture
def committed_site_tree(transactional_db):
    """site_tree for tests that commit (real worker, threads)."""
    from tests.factories import build_site_tree

    ensure_wagtail_roots()
    return build_site_tree()
