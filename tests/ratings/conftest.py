import pytest


def vote_headers(user_agent="Reader agent", address="203.0.113.7", json=False):
    headers = {"HTTP_USER_AGENT": user_agent, "REMOTE_ADDR": address, "HTTP_SEC_FETCH_SITE": "same-origin"}
    if json:
        headers["HTTP_ACCEPT"] = "application/json"
    return headers


@pytest.fixture
def committed_site_tree(transactional_db):
    """site_tree for tests that commit (real worker, threads)."""
    from tests.factories import build_site_tree

    return build_site_tree()
