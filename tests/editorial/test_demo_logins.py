"""The demo accounts sign in only while the site runs in demo mode, through the admin's own login page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from guides.demo.accounts import ACCOUNTS
from guides.demo.loader import DemoLoader

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_accounts(settings, site_tree):
    # The accounts as ``manage.py load_demo`` makes them, without the demo pages this needs none of.
    settings.DEMO_MODE = True
    loader = DemoLoader(write=lambda line: None)
    for account in ACCOUNTS:
        loader.load_account(account)
    return {account.username: account for account in ACCOUNTS}


def log_in(client, username, password):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


@pytest.mark.parametrize("username", [account.username for account in ACCOUNTS])
def test_demo_accounts_sign_in_in_demo_mode_only(client, settings, demo_accounts, username):
    password = demo_accounts[username].password
    assert log_in(client, username, password).status_code == 302
    client.logout()

    settings.DEMO_MODE = False
    response = log_in(client, username, password)
    assert response.status_code == 200  # the login form again, with its error
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # back to the login page


def test_a_demo_session_from_before_ends_when_demo_mode_is_off(client, settings, demo_accounts):
    assert log_in(client, "admin", demo_accounts["admin"].password).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    settings.DEMO_MODE = False
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_real_account_of_the_same_name_still_signs_in_outside_demo_mode(client, settings, site_tree):
    settings.DEMO_MODE = False
    get_user_model().objects.create_superuser("admin", "admin@example.org", "a long real passphrase")
    assert log_in(client, "admin", "a long real passphrase").status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
