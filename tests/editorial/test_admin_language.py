"""The admin reads in each editor's own language (their account's preferred language), on the demo content:
block and field labels, workflow, task and group names, numbers and plurals, the site's name as the dashboard's
title, and avatars that come from this host. The StreamField labels as a browser draws them are checked in
test_admin_language_browser.py (a live server needs committed data, these tests share one loaded demo)."""

import html
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.models import Page, Site, Task, Workflow
from wagtail.users.models import UserProfile

from editorial.display_names import TranslatedName
from editorial.setup import EDITORS, MODERATORS, TASK_NAME, WORKFLOW_NAME
from guides.models import GuideIndexPage, GuidePage
from ratings.models import RatingSummary
from tests.demo.conftest import loaded, shared_demo  # noqa: F401 (fixtures: the demo content, once per module)

from .conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]

# What each language shows for the texts these tests look at.
EXPECTED = {
    "de": {
        "site": "Datenschutz-Anleitungen",
        "blocks": {"Oberfläche", "Schritte", "Titel", "Anweisung", "Hinweis"},
        "workflow": "Redaktionelle Prüfung",
        "task": "Freigabe durch die Moderation",
        "group": "Redaktion",
        "ratings": ("3,0 aus 1 Stimme", "4,2 aus 1.234 Stimmen"),
        "report": ("1.234", "4,20", "3,75", "0,70"),
    },
    "pt": {
        "site": "Guias de privacidade",
        "blocks": {"Interface", "Passos", "Título", "Instrução", "Nota"},
        "workflow": "Revisão editorial",
        "task": "Aprovação da moderação",
        "group": "Editores",
        "ratings": ("3,0 em 1 voto", "4,2 em 1.234 votos"),
        "report": ("1.234", "4,20", "3,75", "0,70"),
    },
    "en": {
        "site": "Privacy guides",
        "blocks": {"Surface", "Steps", "Title", "Instruction", "Note"},
        "workflow": "Editorial review",
        "task": "Moderator approval",
        "group": "Editors",
        "ratings": ("3.0 from 1 vote", "4.2 from 1,234 votes"),
        "report": ("1,234", "4.20", "3.75", "0.70"),
    },
}
LANGUAGES = list(EXPECTED)
# Labels Wagtail would make up from the block names if the project gave none: English in every admin.
NAME_DERIVED_LABELS = {"Surface", "Steps", "Instruction", "Title", "Note"}


@pytest.fixture
def guide():
    return GuidePage.objects.get(platform__slug="facebook")


@pytest.fixture
def ratings(guide):
    """A much-rated guide and a page with a single vote: the lowest-rated panel and the report show both."""
    other = Page.objects.live().type(GuidePage).exclude(pk=guide.pk).first()
    RatingSummary.objects.update_or_create(
        page=guide,
        defaults={
            "count": 1234,
            "total": 5183,
            "average": Decimal("4.20"),
            "histogram": [4, 30, 200, 500, 500],
            "since_count": 400,
            "since_average": Decimal("3.75"),
            "recent_count": 80,
            "recent_average": Decimal("3.50"),
        },
    )
    RatingSummary.objects.update_or_create(
        page=other, defaults={"count": 1, "total": 3, "average": Decimal("3.00"), "histogram": [0, 0, 1, 0, 0]}
    )


def editor_in(django_user_model, language):
    return make_user(django_user_model, f"editor-{language}", EDITORS, language)


def superuser_in(django_user_model, language):
    user = django_user_model.objects.create_superuser(f"admin-{language}", f"admin-{language}@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def block_labels(page_html):
    """Every label in the StreamField block definitions that the admin's script renders the editor from."""
    labels = set()

    def walk(node):
        if isinstance(node, dict):
            labels.update(value for key, value in node.items() if key == "label" and isinstance(value, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for attribute in re.findall(r'data-w-block-data-value="([^"]*)"', page_html):
        walk(json.loads(html.unescape(attribute)))
    return labels


def text_of(page_html):
    """The page's text and its attributes' values (tooltips name workflow tasks), without markup."""
    attribute_values = re.findall(r'="([^"]*)"', page_html)
    return html.unescape(" ".join([re.sub(r"<[^>]+>", " ", page_html), *attribute_values]))


def sidebar_text(page_html):
    """The admin's menu, which its script draws from JSON in the page."""
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', page_html, re.S)
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


def assert_no_gravatar(page_html):
    assert "gravatar" not in page_html
    assert not re.search(r'<img[^>]+src="(https?:)?//', page_html), "an image from another host"


@pytest.mark.parametrize("language", LANGUAGES)
def test_dashboard_is_titled_with_the_site_name_and_counts_in_the_admin_language(
    client, django_user_model, ratings, language
):
    expected = EXPECTED[language]
    page_html = get(client, editor_in(django_user_model, language), reverse("wagtailadmin_home"))

    assert re.search(rf"<title>[^<]*{expected['site']}</title>", page_html)
    assert re.search(rf'<h1 class="w-h1[^"]*">\s*{expected["site"]}\s*</h1>', page_html)
    text = text_of(page_html)
    for detail in expected["ratings"]:
        assert detail in text
    assert_no_gravatar(page_html)


def test_dashboard_is_titled_with_a_name_given_to_the_site(client, django_user_model):
    Site.objects.filter(is_default_site=True).update(site_name="Verbraucherportal")
    page_html = get(client, editor_in(django_user_model, "pt"), reverse("wagtailadmin_home"))
    assert re.search(r'<h1 class="w-h1[^"]*">\s*Verbraucherportal\s*</h1>', page_html)
    assert "localhost" not in text_of(page_html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_editor_shows_block_and_field_labels_in_the_admin_language(client, django_user_model, guide, language):
    user = editor_in(django_user_model, language)
    page_html = get(client, user, reverse("wagtailadmin_pages:edit", args=[guide.pk]))

    labels = block_labels(page_html)
    assert EXPECTED[language]["blocks"] <= labels
    if language != "en":
        assert not labels & NAME_DERIVED_LABELS
    assert_no_gravatar(page_html)

    index_html = get(client, user, reverse("wagtailadmin_pages:edit", args=[GuideIndexPage.objects.get().pk]))
    assert "Intro [de]" not in text_of(index_html)
    with translation.override(language):
        assert f"{capfirst(GuideIndexPage._meta.get_field('intro').verbose_name)} [de]" in text_of(index_html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_ratings_report_formats_numbers_for_the_admin_language(client, django_user_model, ratings, language):
    page_html = get(client, editor_in(django_user_model, language), reverse("ratings_admin:ratings_report"))
    cells = [text.strip() for text in re.findall(r"<td[^>]*>(.*?)</td>", page_html, re.S)]
    votes, average, since_average, drop = EXPECTED[language]["report"]
    assert votes in cells and average in cells and since_average in cells and drop in cells
    assert_no_gravatar(page_html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_snippet_listing_and_menu_read_in_the_admin_language(client, django_user_model, language):
    page_html = get(client, editor_in(django_user_model, language), reverse("wagtailsnippets_guides_platform:list"))
    with translation.override(language):
        assert capfirst(gettext("privacy centre address")) in text_of(page_html)
        assert gettext("Platforms & topics") in sidebar_text(page_html)
    if language != "en":
        assert "Privacy centre address" not in text_of(page_html)
    assert_no_gravatar(page_html)


@pytest.mark.parametrize("language", LANGUAGES)
def test_workflow_task_and_group_names_read_in_the_admin_language(client, django_user_model, guide, language):
    expected = EXPECTED[language]
    editor = make_user(django_user_model, "submitter", EDITORS, "de")
    moderator = make_user(django_user_model, f"moderator-{language}", MODERATORS, language)
    Workflow.objects.get(name=WORKFLOW_NAME).start(guide, editor)

    dashboard = text_of(get(client, moderator, reverse("wagtailadmin_home")))
    assert expected["task"] in dashboard
    editor_view = text_of(get(client, moderator, reverse("wagtailadmin_pages:edit", args=[guide.pk])))
    assert expected["workflow"] in editor_view

    admin = superuser_in(django_user_model, language)
    workflows = text_of(get(client, admin, reverse("wagtailadmin_workflows:index")))
    assert expected["workflow"] in workflows and expected["task"] in workflows
    groups = text_of(get(client, admin, reverse("wagtailusers_groups:index")))
    assert expected["group"] in groups
    if language != "en":
        for page_text in (dashboard, editor_view, workflows):
            assert WORKFLOW_NAME not in page_text and TASK_NAME not in page_text


def test_stored_names_stay_message_ids_when_saved_from_a_translated_form():
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert isinstance(workflow.name, TranslatedName)
    with translation.override("fr"):
        assert Template("{{ workflow }} ({{ workflow.name }})").render(Context({"workflow": workflow})) == (
            "Relecture éditoriale (Relecture éditoriale)"
        )
        # Wagtail's own messages put names in with %-formatting.
        assert "« %s »" % workflow.name == f"« {workflow.name} »" == "« Relecture éditoriale »"  # noqa: UP031

    with translation.override("de"):
        # The edit form showed the German name and the administrator saved it unchanged.
        workflow.name = "Redaktionelle Prüfung"
        workflow.save()
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1

    task = Task.objects.get(name=TASK_NAME).specific
    task.name = "Zweite Durchsicht"  # a name of the administrator's own is kept as typed, in every language
    task.save()
    with translation.override("pt"):
        assert str(Task.objects.get(pk=task.pk).specific.name) == "Zweite Durchsicht"
    with translation.override("de"):
        # A new group that happens to be named like a translation is a group of its own.
        Group.objects.create(name="Redaktion")
    assert set(Group.objects.filter(name__in=[EDITORS, "Redaktion"]).values_list("name", flat=True)) == {
        EDITORS,
        "Redaktion",
    }
