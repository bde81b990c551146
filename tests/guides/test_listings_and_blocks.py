"""The article index (order, filters, pages) and the editors' rules inside blocks."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from guides.blocks import GuideStepsBlock, ImageWithAltBlock, StepBlock
from guides.models import Platform, Topic
from guides.models import articles as article_models
from tests.factories import build_article, make_image

pytestmark = pytest.mark.django_db


def listed_titles(client, url, **params):
    html = client.get(url, params).content.decode()
    return re.findall(r'<h[23] class="card__title"><a href="[^"]+"[^>]*>([^<]+)</a>', html)


@pytest.fixture
def articles(site_tree):
    topic = Topic.objects.create(slug="ai", name_de="KI", name_en="AI")
    instagram = Platform.objects.create(slug="instagram", name="Instagram", icon="camera")
    older = build_article(site_tree.article_index, "Older", "older", [], published=date(2025, 4, 1))
    newer = build_article(site_tree.article_index, "Newer", "newer", [], published=date(2025, 6, 1))
    older.topics = [topic]
    older.save_revision().publish()
    newer.platforms = [instagram]
    newer.save_revision().publish()
    return site_tree.article_index


def test_index_lists_newest_first(client, articles):
    assert listed_titles(client, "/en/articles/") == ["Newer (en)", "Why object (en)", "Older (en)"]


def test_index_filters_by_topic_and_platform(client, articles):
    assert listed_titles(client, "/en/articles/", topic="ai") == ["Older (en)"]
    assert listed_titles(client, "/en/articles/", platform="instagram") == ["Newer (en)"]
    assert listed_titles(client, "/en/articles/", topic="ai", platform="instagram") == []
    # An unknown filter value is ignored rather than an error.
    assert len(listed_titles(client, "/en/articles/", topic="no-such-topic")) == 3
    # Even one the database could not compare (PostgreSQL refuses NUL bytes).
    assert len(listed_titles(client, "/en/articles/", topic="a\x00i", platform="insta\x00gram")) == 3


def test_index_paginates(client, articles, monkeypatch):
    monkeypatch.setattr(article_models, "ARTICLES_PER_PAGE", 2)
    assert listed_titles(client, "/en/articles/") == ["Newer (en)", "Why object (en)"]
    assert listed_titles(client, "/en/articles/", page=2) == ["Older (en)"]
    assert listed_titles(client, "/en/articles/", page="x") == ["Newer (en)", "Why object (en)"]
    html = client.get("/en/articles/", {"page": 2}).content.decode()
    assert "Page 2 of 2" in html and 'rel="prev"' in html


def test_image_needs_a_description(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    image = make_image()
    block = ImageWithAltBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert block.clean(block.to_python({"image": image.pk, "alt_text": "A screen", "caption": ""}))


def test_step_screenshot_needs_a_description_and_a_note_needs_its_kind(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    block = StepBlock()
    base = {
        "title": "Open it",
        "instruction": "<p>Tap.</p>",
        "ui_path": ["Settings"],
        "screenshot": None,
        "screenshot_alt": "",
        "note_kind": "",
        "note": "",
    }
    with pytest.raises(StructBlockValidationError) as missing_alt:
        block.clean(block.to_python({**base, "screenshot": make_image().pk}))
    assert "screenshot_alt" in missing_alt.value.block_errors
    with pytest.raises(StructBlockValidationError) as missing_kind:
        block.clean(block.to_python({**base, "note": "Careful"}))
    assert "note" in missing_kind.value.block_errors
    value = block.clean(block.to_python({**base, "ui_path": ["Settings & privacy", "Privacy Center"]}))
    assert value.ui_path_display() == "Settings & privacy › Privacy Center"


def test_one_step_list_per_surface():
    block = GuideStepsBlock()
    step = {
        "type": "step",
        "value": {
            "title": "A",
            "instruction": "<p>B</p>",
            "ui_path": [],
            "screenshot": None,
            "screenshot_alt": "",
            "note_kind": "",
            "note": "",
        },
    }
    twice_web = [{"type": "surface", "value": {"surface": "web", "steps": [step]}}] * 2
    with pytest.raises(ValidationError):
        block.clean(block.to_python(twice_web))
