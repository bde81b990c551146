"""Running `load_demo` again leaves exactly the same content, and puts back what someone changed."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.fields import StreamField
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from guides.models import ArticlePageRelatedGuide, GuidePage, Platform, Topic

from .conftest import load_demo

pytestmark = pytest.mark.django_db

# Which revision a page points to, and when it was published, is bookkeeping rather than content: a second run
# may record it anew, so the comparison leaves it out.
REVISION_FIELDS = {"latest_revision", "live_revision", "latest_revision_created_at", "last_published_at"}


def field_values(instance, exclude=()):
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(instance, field.attname)
        if isinstance(field, StreamField):
            value = field.stream_block.get_prep_value(value)
        values[field.attname] = value
    return values


def dump():
    """Every stored field of every demo object, as JSON text so nested stream data compares exactly."""
    pages = [
        {
            "type": type(page).__name__,
            **field_values(page, REVISION_FIELDS),
            "m2m": {
                name: sorted(getattr(page, name).values_list("pk", flat=True))
                for name in ("topics", "platforms")
                if hasattr(page, name)
            },
        }
        for page in (p.specific for p in Page.objects.order_by("path"))
    ]
    users = [
        {
            **field_values(user, {"last_login"}),
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "admin_language": UserProfile.get_for_user(user).preferred_language,
        }
        for user in get_user_model().objects.order_by("username")
    ]
    data = {
        "pages": pages,
        "related": list(ArticlePageRelatedGuide.objects.order_by("pk").values()),
        "platforms": [field_values(p) for p in Platform.objects.order_by("pk")],
        "topics": [field_values(t) for t in Topic.objects.order_by("pk")],
        "sites": list(Site.objects.order_by("pk").values()),
        "users": users,
        "groups": sorted(Group.objects.values_list("name", flat=True)),
    }
    return json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, indent=1)


def test_a_second_run_changes_nothing(settings):
    settings.DEMO_MODE = True
    load_demo()
    before = dump()
    output = load_demo()
    assert dump() == before
    assert " created " not in output and " updated " not in output
    assert output.count(" unchanged ") == 22  # 6 snippets, the site, 10 pages, a watched source, 4 accounts


def test_a_run_puts_back_what_was_changed_with_the_same_ids():
    load_demo("--no-accounts")
    before = dump()
    guide = GuidePage.objects.get(platform__slug="facebook")
    guide.title_en = "Edited by hand"
    guide.steps_fr = guide.steps_fr.raw_data[:1]  # drop two surfaces
    guide.save_revision().publish()
    Platform.objects.filter(slug="instagram").update(description_pt="")

    output = load_demo("--no-accounts")
    assert "updated   GuidePage" in output and "updated   Platform" in output
    restored = json.loads(dump())
    expected = json.loads(before)
    assert restored["platforms"] == expected["platforms"]
    fb_before = next(p for p in expected["pages"] if p["id"] == guide.pk)
    fb_after = next(p for p in restored["pages"] if p["id"] == guide.pk)
    assert fb_after == fb_before  # same title, same steps, same block ids
