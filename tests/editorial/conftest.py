"""Users in the three editorial groups, and a site tree that survives the flushes of worker tests."""

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from editorial.setup import EDITORS, MODERATORS, TRANSLATORS


def ensure_wagtail_roots():
    """Recreate what Wagtail's data migrations made (tree root, root collection, default locale).

    A transactional test (one with a real worker) ends with a flush that removes them, and --reuse-db keeps that
    empty database for the next run.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", title_de="Root", slug_de="root",
                                    content_type=ContentType.objects.get_for_model(Page)))


@pytest.fixture
def site_tree(db):
    from tests.factories import build_site_tree

    ensure_wagtail_roots()
    return build_site_tree()


def make_user(django_user_model, username, group, language="de"):
    user = django_user_model.objects.create_user(username=username, email=f"{username}@example.org",
                                                 password="pw-for-tests")
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
