"""Demo accounts exist only in demo mode; outside it the command refuses unless told to skip them."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.test import RequestFactory
from wagtail.models import Page
from wagtail.users.models import UserProfile

from tests.factories import ensure_wagtail_roots

from .conftest import load_demo

pytestmark = pytest.mark.django_db

ACCOUNTS = {"editor": "Editors", "moderator": "Moderators", "translator": "Translators", "admin": None}


def test_outside_demo_mode_accounts_are_refused_and_nothing_is_loaded(settings):
    settings.DEMO_MODE = False
    ensure_wagtail_roots()  # as load_demo() does first: what the migrations made is not the command's doing
    pages_before = Page.objects.count()
    with pytest.raises(CommandError, match="DEMO_MODE"):
        load_demo()
    assert Page.objects.count() == pages_before
    assert not get_user_model().objects.exists()


def test_no_accounts_loads_content_without_users_even_in_demo_mode(settings):
    settings.DEMO_MODE = True
    load_demo("--no-accounts")
    assert Page.objects.filter(depth__gt=1).count() == 10
    assert not get_user_model().objects.exists()


def test_demo_mode_creates_each_account_once_in_its_group(settings):
    settings.DEMO_MODE = True
    load_demo()
    load_demo()
    users = get_user_model().objects.all()
    assert sorted(user.username for user in users) == sorted(ACCOUNTS)
    for username, group in ACCOUNTS.items():
        # With the request, as the admin's sign-in passes it (django-axes counts per request).
        user = authenticate(RequestFactory().post("/admin/login/"), username=username, password=f"demo-{username}")
        assert user is not None, username
        assert list(user.groups.values_list("name", flat=True)) == ([group] if group else [])
        assert user.is_superuser == (username == "admin")
        assert UserProfile.get_for_user(user).preferred_language in {"de", "en", "es", "fr", "pt"}
    for group in ("Editors", "Moderators", "Translators"):
        assert Group.objects.filter(name=group).count() == 1
