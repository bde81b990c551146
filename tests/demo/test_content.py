"""What `load_demo` builds: the tree, the snippets, and texts in every language."""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, Site

from guides.i18n import has_content
from guides.models import (
    INDEX_PAGE_MODELS,
    PAGE_MODELS,
    ArticlePage,
    DeadlinePage,
    GuidePage,
    HomePage,
    Platform,
    Topic,
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Change notes are written by editors when they change a page; new demo pages have none on purpose.
EMPTY_BY_DESIGN = {"change_note"}

pytestmark = pytest.mark.django_db


def demo_pages():
    return [page.specific for page in Page.objects.filter(depth__gt=1).order_by("path")]


def test_builds_one_site_tree_with_every_page_type(loaded):
    counts = {model.__name__: model.objects.count() for model in PAGE_MODELS}
    assert counts == {
        "HomePage": 1,
        "ArticleIndexPage": 1,
        "GuideIndexPage": 1,
        "DeadlineIndexPage": 1,
        "ArticlePage": 1,
        "GuidePage": 3,
        "DeadlinePage": 2,
    }
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    # Wagtail's welcome page is gone: every page below the root is one of ours.
    assert not Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).exists()
    assert all(page.live and not page.has_unpublished_changes for page in demo_pages())
    assert all(page.live_revision_id for page in demo_pages())  # published through a revision
    for index_model in INDEX_PAGE_MODELS:
        index = index_model.objects.get()
        assert index.show_in_menus and index.get_parent().pk == home.pk


def test_snippets_and_relations(loaded):
    assert {(p.slug, p.icon) for p in Platform.objects.all()} == {
        ("facebook", "people"),
        ("instagram", "camera"),
        ("whatsapp", "chat"),
    }
    assert all(p.privacy_center_url.startswith("https://") for p in Platform.objects.all())
    assert Topic.objects.filter(slug__in=["ai-training", "privacy-settings"]).count() == 2

    meta_deadline = DeadlinePage.objects.get(due_at__year=2025)
    guides = {guide.platform.slug: guide for guide in GuidePage.objects.select_related("platform")}
    assert [code for code, _label, _steps in guides["facebook"].surfaces] == ["web", "android", "ios"]
    assert [code for code, _label, _steps in guides["instagram"].surfaces] == ["web"]
    for slug in ("facebook", "instagram"):
        assert guides[slug].deadline_id == meta_deadline.pk
        assert guides[slug].last_verified_on.year == 2025
        assert guides[slug].verification_records.filter(language="en").exclude(app_version="").exists()
    assert guides["whatsapp"].deadline_id is None

    article = ArticlePage.objects.get()
    assert article.author_name and " " not in article.author_name  # a first name only
    assert (article.date.year, article.date.month) == (2025, 5)
    # The change history shows the case's publication date, not the day the demo was loaded.
    assert timezone.localdate(article.first_published_at) == article.date
    assert article.deadline_id == meta_deadline.pk
    assert article.topics.count() >= 2 and article.platforms.count() == 3
    assert {link.guide_id for link in article.related_guides.all()} == {g.pk for g in guides.values()}


def test_article_body_has_every_kind_of_block_and_links_each_guide(loaded):
    article = ArticlePage.objects.get()
    guide_ids = set(GuidePage.objects.values_list("pk", flat=True))
    for code in LANGUAGES:
        body = getattr(article, f"body_{code}")
        kinds = [block.block_type for block in body]
        assert kinds.count("heading") >= 6
        assert {"paragraph", "callout", "quote", "guide_link", "further_information"} <= set(kinds), code
        assert any(block.value["kind"] == "warning" for block in body if block.block_type == "callout")
        assert any(
            "<ul>" in block.value.source or "<ol>" in block.value.source
            for block in body
            if block.block_type == "paragraph"
        )
        assert {block.value["guide"].pk for block in body if block.block_type == "guide_link"} == guide_ids
        further = [block.value for block in body if block.block_type == "further_information"][0]
        assert len(further["links"]) >= 3


def test_every_translated_field_is_filled_in_every_language(loaded):
    for page in demo_pages():
        fields = ["title", "slug", *(name for name in page.translated_fields if name not in EMPTY_BY_DESIGN)]
        for name in fields:
            for code in LANGUAGES:
                assert has_content(getattr(page, f"{name}_{code}")), f"{page.title}: {name}_{code} is empty"
        # A translation, not a copy of the German text.
        for code in LANGUAGES[1:]:
            assert getattr(page, f"title_{code}") != page.title_de, f"{page.title}: title_{code}"
    for platform in Platform.objects.all():
        assert len({getattr(platform, f"description_{code}") for code in LANGUAGES} - {"", None}) == 5
    for topic in Topic.objects.all():
        assert len({getattr(topic, f"name_{code}") for code in LANGUAGES} - {"", None}) == 5


def test_slugs_are_unique_per_language_among_siblings(loaded):
    for parent in Page.objects.filter(depth__lt=4):
        children = [child.specific for child in parent.get_children()]
        for code in LANGUAGES:
            slugs = [getattr(child, f"slug_{code}") for child in children]
            assert len(slugs) == len(set(slugs)), (parent.title, code, slugs)
    for code in LANGUAGES:
        paths = [getattr(page, f"url_path_{code}") for page in demo_pages()]
        assert len(paths) == len(set(paths)), code


def test_step_ids_match_across_languages_and_never_repeat_within_a_page(loaded):
    for guide in GuidePage.objects.all():
        ids_by_language = {}
        for code in LANGUAGES:
            stream = getattr(guide, f"steps_{code}")
            ids = [(surface.id, [step.id for step in surface.value["steps"]]) for surface in stream]
            flat = [surface_id for surface_id, _steps in ids] + [sid for _id, steps in ids for sid in steps]
            assert len(flat) == len(set(flat)), (guide.title, code)
            ids_by_language[code] = ids
        assert all(ids == ids_by_language["de"] for ids in ids_by_language.values()), guide.title
    article = ArticlePage.objects.get()
    body_ids = {code: [block.id for block in getattr(article, f"body_{code}")] for code in LANGUAGES}
    assert all(ids == body_ids["de"] for ids in body_ids.values())


def test_steps_carry_menu_paths_and_notes(loaded):
    facebook = GuidePage.objects.get(platform__slug="facebook")
    for code in LANGUAGES:
        for surface in getattr(facebook, f"steps_{code}"):
            steps = list(surface.value["steps"])
            assert len(steps) == 5
            assert any(len(step.value["ui_path"]) >= 2 for step in steps)
            assert any(step.value.has_note() for step in steps)
    # The German menu label from the original instructions, word for word.
    german_paths = [
        label for surface in facebook.steps_de for step in surface.value["steps"] for label in step.value["ui_path"]
    ]
    assert "Rechte in Bezug auf Datenschutz ausüben" in german_paths
