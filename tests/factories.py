"""Builders of small content trees for tests and benchmarks: a published site in five languages with one of each
page type, so every app's tests build the same tree the same way. The demo content (guides/demo/) has its own
texts and does not use these.
"""

import io
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Page, Site

from guides.models import (
    ArticleIndexPage,
    ArticlePage,
    DeadlineIndexPage,
    DeadlinePage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    Platform,
)

LANGUAGES = ("de", "en", "es", "fr", "pt")


def translated(field, values):
    """{"title": {"de": …, "en": …}} → {"title_de": …, "title_en": …}."""
    return {f"{field}_{code}": value for code, value in values.items()}


def same_in_all(field, value_by_language):
    return translated(field, {code: value_by_language(code) for code in LANGUAGES})


def step_block(
    title,
    instruction="<p>Do this.</p>",
    ui_path=(),
    block_id=None,
    screenshot=None,
    screenshot_alt="",
    note_kind="",
    note="",
):
    return {
        "type": "step",
        "id": block_id or str(uuid.uuid4()),
        "value": {
            "title": title,
            "instruction": instruction,
            "ui_path": list(ui_path),
            "screenshot": screenshot.pk if screenshot else None,
            "screenshot_alt": screenshot_alt,
            "note_kind": note_kind,
            "note": note,
        },
    }


def ensure_wagtail_roots():
    """The tree's root page, the default locale and the root collection, made again when missing.

    Wagtail's migrations create them, but a transactional test that ran before on a reused test database has
    flushed them away.
    """
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        # The flush emptied the content types too, and they were made again under new ids: forget the ones
        # Django keeps in memory, or the new root would name a content type that no longer exists.
        ContentType.objects.clear_cache()
        Page.add_root(
            instance=Page(**same_in_all("title", lambda code: "Root"), **same_in_all("slug", lambda code: "root"))
        )


def make_image(title="Screenshot", size=(60, 40), color=(29, 78, 137)):
    """A small PNG in Wagtail's image library (drawn with Pillow, so tests need no files)."""
    ensure_wagtail_roots()
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{uuid.uuid4().hex[:8]}.png"))


def surface_block(surface, steps, block_id=None):
    return {"type": "surface", "id": block_id or str(uuid.uuid4()), "value": {"surface": surface, "steps": steps}}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@dataclass
class SiteTree:
    home: HomePage
    guide_index: GuideIndexPage
    article_index: ArticleIndexPage
    deadline_index: DeadlineIndexPage
    platform: Platform
    deadline: DeadlinePage
    guide: GuidePage
    article: ArticlePage


def build_home():
    """The home page as the default site's root, replacing Wagtail's welcome page."""
    ensure_wagtail_roots()
    root = Page.get_first_root_node()
    home = HomePage(
        **same_in_all("title", lambda code: f"Home {code}"), **same_in_all("slug", lambda code: f"home-{code}")
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "Guides"}
    )
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


def guide_slug(title, slug=None):
    return slug or title.lower().replace(" ", "-")


def guide_texts(title, slug, languages, steps_in):
    """A guide's title, slug, goal, introduction and steps (``steps_in(code)``) in each of ``languages``."""
    fields = {}
    for code in languages:
        fields.update(
            {
                f"title_{code}": f"{title} ({code})",
                f"slug_{code}": f"{guide_slug(title, slug)}-{code}",
                f"goal_{code}": f"Goal ({code})",
                f"intro_{code}": f"<p>Introduction ({code})</p>",
                f"steps_{code}": steps_in(code),
            }
        )
    return fields


def build_guide(
    parent,
    platform,
    title="Object to AI training",
    steps_per_surface=3,
    surfaces=("web", "android"),
    deadline=None,
    languages=LANGUAGES,
    slug=None,
    screenshot=None,
):
    """A published guide whose texts exist in ``languages`` (German always).

    With ``screenshot`` (an image), every step shows it and every other step carries a tip or a warning, so
    the guide exercises every part of the step block.
    """
    steps = [
        surface_block(
            surface,
            [
                step_block(
                    f"Step {n} on {surface}",
                    ui_path=["Settings", f"Item {n}"],
                    screenshot=screenshot,
                    screenshot_alt=f"The screen of step {n}" if screenshot else "",
                    note_kind=("tip", "warning")[(n // 2) % 2] if screenshot and n % 2 else "",
                    note=f"A note on step {n}" if screenshot and n % 2 else "",
                )
                for n in range(1, steps_per_surface + 1)
            ],
        )
        for surface in surfaces
    ]
    fields = guide_texts(title, slug, languages, lambda code: steps)
    guide = publish(parent, GuidePage(platform=platform, deadline=deadline, **fields))
    record_verifications(guide, datetime(2025, 5, 20, 12, tzinfo=timezone.get_default_timezone()), languages, surfaces)
    return guide


def record_verifications(guide, verified_at, languages, surfaces, app_version=""):
    """Every surface of ``guide`` checked at ``verified_at`` in each of ``languages``, as editors record it."""
    from editorial.freshness import evaluate_guides
    from editorial.models import VerificationRecord

    VerificationRecord.objects.bulk_create(
        [
            VerificationRecord(
                page=guide, verified_at=verified_at, surface=surface, language=code, app_version=app_version
            )
            for code in languages
            for surface in surfaces
        ]
    )
    evaluate_guides([guide])


def build_long_guide(
    parent,
    platform,
    title="Delete your activity history",
    steps_per_surface=12,
    surfaces=("web", "android", "ios"),
    screenshot=None,
    slug=None,
):
    """A published guide of the largest usual size: every surface, ``steps_per_surface`` steps each, in all five
    languages with texts of their own, a menu path of three labels on every step and a tip or a warning on two
    steps of three.

    A step has the same block id in every language (as in the demo), so translations and reports line up.
    With ``screenshot`` every step shows it.
    """
    base_slug = guide_slug(title, slug)

    def steps_in(code):
        return [
            surface_block(
                surface,
                [
                    step_block(
                        f"Step {n} on {surface}: open the menu entry ({code})",
                        instruction=f"<p>Tap <b>Item {n}</b>, then confirm with <i>Continue</i> ({code}).</p>",
                        ui_path=["Settings", "Privacy", f"Item {n} ({code})"],
                        block_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base_slug}/{surface}/{n}")),
                        screenshot=screenshot,
                        screenshot_alt=f"The menu of step {n} ({code})" if screenshot else "",
                        note_kind=("", "tip", "warning")[n % 3] if n % 3 else "",
                        note=f"What to watch for in step {n} ({code})" if n % 3 else "",
                    )
                    for n in range(1, steps_per_surface + 1)
                ],
                block_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{base_slug}/{surface}")),
            )
            for surface in surfaces
        ]

    return publish(parent, GuidePage(platform=platform, **guide_texts(title, slug, LANGUAGES, steps_in)))


def build_site_tree():
    home = build_home()
    guide_index = publish(
        home,
        GuideIndexPage(
            **translated("title", {"de": "Anleitungen", "en": "Guides", "es": "Guías", "fr": "Guides", "pt": "Guias"}),
            **translated("slug", {"de": "anleitungen", "en": "guides", "es": "guias", "fr": "guides", "pt": "guias"}),
            show_in_menus=True,
        ),
    )
    article_index = publish(
        home,
        ArticleIndexPage(
            **translated(
                "title", {"de": "Artikel", "en": "Articles", "es": "Artículos", "fr": "Articles", "pt": "Artigos"}
            ),
            **translated(
                "slug", {"de": "artikel", "en": "articles", "es": "articulos", "fr": "articles", "pt": "artigos"}
            ),
            show_in_menus=True,
        ),
    )
    deadline_index = publish(
        home,
        DeadlineIndexPage(
            **translated(
                "title", {"de": "Fristen", "en": "Deadlines", "es": "Plazos", "fr": "Échéances", "pt": "Prazos"}
            ),
            **translated(
                "slug", {"de": "fristen", "en": "deadlines", "es": "plazos", "fr": "echeances", "pt": "prazos"}
            ),
            show_in_menus=True,
        ),
    )
    platform, _created = Platform.objects.get_or_create(
        slug="facebook",
        defaults={
            "name": "Facebook",
            "icon": "people",
            "privacy_center_url": "https://www.facebook.com/privacy/center/",
        },
    )
    due = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=9), datetime.max.time()))
    deadline = publish(
        deadline_index,
        DeadlinePage(
            due_at=due.replace(microsecond=0),
            time_zone="Europe/Berlin",
            **same_in_all("title", lambda code: f"Objection deadline ({code})"),
            **same_in_all("slug", lambda code: f"objection-deadline-{code}"),
            **same_in_all("summary", lambda code: f"Object in time ({code})"),
            **same_in_all("about", lambda code: f"<p>About ({code})</p>"),
            **same_in_all("before_text", lambda code: f"<p>Before text ({code})</p>"),
            **same_in_all("after_text", lambda code: f"<p>After text ({code})</p>"),
        ),
    )
    guide = build_guide(guide_index, platform, deadline=deadline)
    article = ArticlePage(
        author_name="Lena",
        date=date(2025, 5, 10),
        deadline=deadline,
        **same_in_all("title", lambda code: f"Why object ({code})"),
        **same_in_all("slug", lambda code: f"why-object-{code}"),
        **same_in_all("lead", lambda code: f"Lead ({code})"),
        **same_in_all("body", lambda code: [{"type": "paragraph", "value": f"<p>Body ({code})</p>"}]),
    )
    article = publish(article_index, article)
    return SiteTree(
        home=home,
        guide_index=guide_index,
        article_index=article_index,
        deadline_index=deadline_index,
        platform=platform,
        deadline=deadline,
        guide=guide,
        article=article,
    )


def build_article(parent, title, slug, body, languages=LANGUAGES, published=date(2025, 5, 10), **fields):
    """A published article whose texts exist in ``languages`` (German always); ``body`` is raw stream data."""
    texts = {}
    for code in languages:
        texts.update(
            {
                f"title_{code}": f"{title} ({code})",
                f"slug_{code}": f"{slug}-{code}",
                f"lead_{code}": f"Lead of {title} ({code})",
                f"body_{code}": body,
            }
        )
    author = fields.pop("author_name", "Lena")
    return publish(parent, ArticlePage(author_name=author, date=published, **texts, **fields))


def rich_article_body(image, guide):
    """Article body data with every block type the article body offers."""
    return [
        {"type": "heading", "value": "What the objection means"},
        {
            "type": "paragraph",
            "value": "<p>Some <b>bold</b> and <i>italic</i> text with a "
            '<a href="https://example.org/">link</a>.</p><ul><li>One</li><li>Two</li></ul>'
            "<ol><li>First</li><li>Second</li></ol>",
        },
        {"type": "callout", "value": {"kind": "note", "title": "Good to know", "text": "<p>A note.</p>"}},
        {"type": "callout", "value": {"kind": "warning", "title": "", "text": "<p>A warning.</p>"}},
        {"type": "quote", "value": {"quote": "Data once trained in stays in.", "source": "A data protectionist"}},
        {"type": "image", "value": {"image": image.pk, "alt_text": "A blue square", "caption": "A caption"}},
        {"type": "guide_link", "value": {"guide": guide.pk, "text": ""}},
        {"type": "guide_link", "value": {"guide": guide.pk, "text": "Follow the steps"}},
        {
            "type": "further_information",
            "value": {
                "heading": "",
                "links": [
                    {"title": "Consumer advice", "url": "https://example.org/advice", "description": "Background"},
                    {"title": "The regulator", "url": "https://example.org/regulator", "description": ""},
                ],
            },
        },
    ]


def build_rich_site_tree():
    """The small tree plus content that exercises every block, page state and listing the reader site has.

    Used by the validity crawler (tests/site/) and the browser tests: an article with every body block, topics
    and related guides; a guide on three surfaces with screenshots, tips and warnings; a guide on one surface
    that exists only in German (so other languages show the fallback notice); a deadline that has passed.
    """
    from guides.models import ArticlePageRelatedGuide, Topic

    tree = build_site_tree()
    image = make_image("Settings screen")
    instagram, _created = Platform.objects.get_or_create(
        slug="instagram",
        defaults={
            "name": "Instagram",
            "icon": "camera",
            "privacy_center_url": "https://www.instagram.com/accounts/privacy/",
        },
    )
    topic, _created = Topic.objects.get_or_create(
        slug="ai-training",
        defaults=translated(
            "name",
            {
                "de": "KI-Training",
                "en": "AI training",
                "es": "Entrenamiento de IA",
                "fr": "Entraînement de l’IA",
                "pt": "Treino de IA",
            },
        ),
    )
    full_guide = build_guide(
        tree.guide_index,
        instagram,
        title="Object on Instagram",
        steps_per_surface=3,
        surfaces=("web", "android", "ios"),
        deadline=tree.deadline,
        screenshot=image,
    )
    build_guide(
        tree.guide_index,
        tree.platform,
        title="Download your data",
        steps_per_surface=2,
        surfaces=("web",),
        languages=("de",),
    )
    passed_due = timezone.now().replace(microsecond=0) - timedelta(days=30)
    publish(
        tree.deadline_index,
        DeadlinePage(
            due_at=passed_due,
            time_zone="Europe/Lisbon",
            **same_in_all("title", lambda code: f"Earlier deadline ({code})"),
            **same_in_all("slug", lambda code: f"earlier-deadline-{code}"),
            **same_in_all("summary", lambda code: f"It has passed ({code})"),
            **same_in_all("about", lambda code: f"<p>About the earlier one ({code})</p>"),
            **same_in_all("before_text", lambda code: f"<p>Before ({code})</p>"),
            **same_in_all("after_text", lambda code: f"<p>What still applies ({code})</p>"),
        ),
    )
    article = build_article(
        tree.article_index,
        "Everything in one article",
        "everything",
        rich_article_body(image, full_guide),
        deadline=tree.deadline,
        published=date(2025, 5, 12),
    )
    article.topics = [topic]
    article.platforms = [instagram]
    article.related_guides = [ArticlePageRelatedGuide(guide=full_guide), ArticlePageRelatedGuide(guide=tree.guide)]
    article.save_revision().publish()
    return tree
