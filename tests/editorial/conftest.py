"""Users in the three editorial groups."""

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from editorial.setup import EDITORS, MODERATORS, TRANSLATORS


def make_user(django_user_model, username, group, language="de"):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="pw-for-tests"
    )
    user.groups.add(Group.objects.get(name=group))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def editor(site_tree, django_user_model):
    return make_user(django_user_model, "erika", EDITORS, "de")


@pytest.fixture
def moderator(site_tree, django_user_model):
    return make_user(django_user_model, "mona", MODERATORS, "en")


@pytest.fixture
def translator(site_tree, django_user_model):
    return make_user(django_user_model, "tomas", TRANSLATORS, "es")
