from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.search import index

from ..api_fields import DeadlineField, PlatformField, RatingField, SurfacesField
from ..blocks import SURFACE_LABELS, GuideStepsBlock
from ..step_versions import step_versions
from .base import BasePage, ChangeNoteFields, IndexPage
from .deadlines import expire_before_deadline
from .snippets import Platform

# The rendition the step template asks for; prefetched under exactly this name.
SCREENSHOT_FILTER = "max-800x1600"


class GuideIndexPage(IndexPage):
    subpage_types = ["guides.GuidePage"]

    class Meta:
        verbose_name = _("guide index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides_by_platform"] = GuidePage.group_by_platform(GuidePage.objects.child_of(self).live())
        return context


class GuidePage(ChangeNoteFields, BasePage):
    """Step-by-step instructions for one goal on one platform, with one list of steps per surface."""

    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="guides", verbose_name=_("platform"))
    goal = models.CharField(
        _("goal"), max_length=200, help_text=_("What the reader achieves, e.g. “Object to AI training”.")
    )
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"])
    steps = StreamField(GuideStepsBlock(), verbose_name=_("steps"))
    deadline = models.ForeignKey(
        "guides.DeadlinePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
        verbose_name=_("deadline"),
    )

    translated_fields = ("goal", "intro", "steps", "change_note")
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("platform"),
        FieldPanel("goal"),
        FieldPanel("intro"),
        FieldPanel("steps"),
        FieldPanel("deadline"),
        *ChangeNoteFields.change_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("goal"),
        index.SearchField("intro"),
        index.SearchField("steps"),
        index.FilterField("platform_id"),
    ]
    api_fields = [
        APIField("platform", serializer=PlatformField()),
        APIField("goal"),
        APIField("intro"),
        APIField("surfaces", serializer=SurfacesField()),
        APIField("last_verified_on"),
        APIField("deadline", serializer=DeadlineField()),
        APIField("rating", serializer=RatingField()),
    ]
    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []
    # Loaded with the page when it is routed (HomePage.route_by_url_path): the template shows them all.
    route_select_related = ("platform", "deadline", "rating_summary", "freshness")

    class Meta:
        verbose_name = _("guide")

    @staticmethod
    def group_by_platform(guides):
        """[(platform, [guides…]), …] ordered by platform name, for listings."""
        groups = {}
        for guide in guides.select_related("platform").order_by("platform__name", "title"):
            groups.setdefault(guide.platform, []).append(guide)
        return list(groups.items())

    @cached_property
    def surfaces(self):
        """[(surface code, label, steps block value), …] in the order the editor put them.

        The screenshots' renditions are fetched here in one query for all steps, so the page costs the same
        number of queries with 3 steps as with 30.
        """
        surfaces = [
            (child.value["surface"], SURFACE_LABELS.get(child.value["surface"]), child.value["steps"])
            for child in self.steps
        ]
        images = [
            step.value["screenshot"]
            for _code, _label, steps in surfaces
            for step in steps
            if step.value.get("screenshot")
        ]
        if images:
            prefetch_related_objects(
                list({image.pk: image for image in images}.values()),
                Prefetch(
                    "renditions",
                    queryset=get_image_model().get_rendition_model().objects.filter(filter_spec=SCREENSHOT_FILTER),
                ),
            )
        return surfaces

    @cached_property
    def last_verified_on(self):
        """The day by which every surface of the German steps had been checked (the oldest of their latest
        verifications), or None while one was never checked. Verifications are records of the editorial app."""
        row = apps.get_model("editorial", "PageFreshness").objects.row_for(self)
        states = (row or {}).get("surface_states") or {}
        german = states.get(settings.MODELTRANSLATION_DEFAULT_LANGUAGE) or {}
        dates = [state.get("verified_at") for state in german.values()]
        if not dates or None in dates:
            return None
        return timezone.localdate(min(parse_datetime(value) for value in dates))

    def load_related(self):
        """Platform and deadline in one query (the template shows both), unless routing loaded them already."""
        if all(self._meta.get_field(name).is_cached(self) for name in ("platform", "deadline")):
            return
        related = (
            GuidePage.objects.select_related("platform", "deadline").only("pk", "platform", "deadline").get(pk=self.pk)
        )
        self.platform = related.platform
        self.deadline = related.deadline

    def selected_surface(self, request):
        """The surface tab to show: ?surface= when it is one of ours, else the first one."""
        codes = [code for code, _label, _steps in self.surfaces]
        wanted = request.GET.get("surface")
        return wanted if wanted in codes else (codes[0] if codes else None)

    def step_lists(self):
        """[(surface code, label, [(step, StepVersion), …]), …]: the steps with the versions readers tick."""
        versions = step_versions(self)
        return [(code, label, list(zip(steps, versions[code], strict=True))) for code, label, steps in self.surfaces]

    def serve(self, request, *args, **kwargs):
        return expire_before_deadline(super().serve(request, *args, **kwargs), self.deadline)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["selected_surface"] = self.selected_surface(request)
        context["step_lists"] = self.step_lists()
        if self.deadline_id:
            self.load_related()
        return context
