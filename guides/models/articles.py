import math

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from ..api_fields import DeadlineField, RatingField
from ..blocks import ArticleBodyBlock
from .base import BasePage, ChangeNoteFields, IndexPage
from .deadlines import expire_before_deadline
from .snippets import Platform, Topic

WORDS_PER_MINUTE = 200
ARTICLES_PER_PAGE = 10


class ArticleIndexPage(IndexPage):
    subpage_types = ["guides.ArticlePage"]

    class Meta:
        verbose_name = _("article index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.child_of(self)
            .live()
            .select_related("deadline")
            .prefetch_related("topics", "platforms")
            .order_by("-date", "-pk")
        )
        topics = list(Topic.objects.filter(articlepage__in=articles).distinct())
        platforms = list(Platform.objects.filter(articlepage__in=articles).distinct())
        # The filters are chosen among the ones listed, never sent to the database: a query string is any text,
        # NUL bytes included, which PostgreSQL refuses. An unknown value filters nothing.
        topic = next((choice for choice in topics if choice.slug == request.GET.get("topic", "")), None)
        platform = next((choice for choice in platforms if choice.slug == request.GET.get("platform", "")), None)
        if topic:
            articles = articles.filter(topics=topic)
        if platform:
            articles = articles.filter(platforms=platform)
        # get_page tolerates a missing or malformed ?page= and falls back to the nearest valid page.
        context["articles"] = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
        context.update(topics=topics, platforms=platforms, selected_topic=topic, selected_platform=platform)
        return context


class ArticlePage(ChangeNoteFields, BasePage):
    """An explainer: why something matters and what readers can do, linking to the step-by-step guides."""

    lead = models.TextField(_("lead"), max_length=600, help_text=_("Two or three sentences under the title."))
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    author_name = models.CharField(
        _("author"),
        max_length=80,
        help_text=_("Shown in the byline; a first name is enough."),
    )
    date = models.DateField(_("publication date"), default=timezone.localdate)
    topics = ParentalManyToManyField(Topic, blank=True, verbose_name=_("topics"))
    platforms = ParentalManyToManyField(Platform, blank=True, verbose_name=_("platforms"))
    deadline = models.ForeignKey(
        "guides.DeadlinePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("deadline"),
    )

    translated_fields = ("lead", "body", "change_note")
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("author_name"), FieldPanel("date"), FieldPanel("topics"), FieldPanel("platforms")],
            heading=_("About this article"),
        ),
        FieldPanel("deadline"),
        InlinePanel("related_guides", label=_("Related guides")),
        *ChangeNoteFields.change_panels,
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("lead"), index.SearchField("body")]
    # The byline's name is left out of the API: partners credit the site, not a member of staff.
    api_fields = [
        APIField("lead"),
        APIField("date"),
        APIField("body"),
        APIField("deadline", serializer=DeadlineField()),
        APIField("rating", serializer=RatingField()),
    ]
    parent_page_types = ["guides.ArticleIndexPage"]
    subpage_types = []
    # Loaded with the page when it is routed (HomePage.route_by_url_path): the template shows them all.
    route_select_related = ("deadline", "rating_summary", "freshness")

    class Meta:
        verbose_name = _("article")

    def serve(self, request, *args, **kwargs):
        # The deadline box and the call to act (DeadlineActionBlock) change when the deadline passes.
        return expire_before_deadline(super().serve(request, *args, **kwargs), self.deadline)

    @cached_property
    def reading_minutes(self):
        text = " ".join([self.lead or "", strip_tags(str(self.body))])
        return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_guides"] = [
            link.guide for link in self.related_guides.select_related("guide", "guide__platform") if link.guide.live
        ]
        return context


class ArticlePageRelatedGuide(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_guides")
    guide = models.ForeignKey("guides.GuidePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("guide"))

    panels = [FieldPanel("guide")]

    class Meta(Orderable.Meta):
        verbose_name = _("related guide")
        constraints = [models.UniqueConstraint(fields=["article", "guide"], name="unique_related_guide")]
