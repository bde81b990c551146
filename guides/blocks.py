"""StreamField blocks for articles and guides.

Display logic lives in StructValue classes so templates stay plain; cross-field rules live in ``clean()``.
"""

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

# Rich text in steps and callouts stays small: readers follow it on a phone beside the app they are changing.
INLINE_FEATURES = ["bold", "italic", "link"]
BODY_FEATURES = ["bold", "italic", "link", "ol", "ul"]

SURFACE_CHOICES = [
    ("web", _("Web browser")),
    ("android", _("Android app")),
    ("ios", _("iOS app")),
]
SURFACE_LABELS = dict(SURFACE_CHOICES)


class ImageWithAltBlock(blocks.StructBlock):
    """An image that cannot be published without a description for screen readers."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Text alternative"),
        help_text=_("Describe what the image shows for readers who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "guides/blocks/image_block.html"
        group = _("Media")
        description = _("An image with a required text alternative")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("note", _("Note")), ("warning", _("Warning"))],
        default="note",
        label=_("Callout type"),
        help_text=_("Warnings are for things readers can lose or cannot undo."),
    )
    title = blocks.CharBlock(required=False, max_length=120, label=_("Title"))
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "guides/blocks/callout_block.html"
        group = _("Text")
        description = _("A highlighted note or warning")
        label_format = "{kind}: {title}"


class DeadlineActionBlock(blocks.StructBlock):
    """A call to act before the article's deadline, with the words that replace it once the deadline passed."""

    before_heading = blocks.CharBlock(
        max_length=120, label=_("Heading before the deadline"), help_text=_("E.g. “Act now”.")
    )
    before_text = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Text before the deadline"))
    after_heading = blocks.CharBlock(
        max_length=120, label=_("Heading after the deadline"), help_text=_("E.g. “What you can still do”.")
    )
    after_text = blocks.RichTextBlock(
        features=BODY_FEATURES,
        label=_("Text after the deadline"),
        help_text=_("Shown instead, on its own, once the deadline chosen for this article has passed."),
    )

    class Meta:
        icon = "time"
        label = _("Call to act before the deadline")
        template = "guides/blocks/deadline_action_block.html"
        group = _("Text")
        description = _("A call to act that changes by itself when the article's deadline passes")
        label_format = "{before_heading}"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    source = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Source"),
        help_text=_("Who said or wrote it, e.g. a person, an authority or a ruling."),
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "guides/blocks/quote_block.html"
        group = _("Text")
        description = _("A quotation with its source")


class LinkItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    url = blocks.URLBlock(label=_("Web address"))
    description = blocks.CharBlock(required=False, max_length=250, label=_("Description"))

    class Meta:
        icon = "link"
        label = _("Link")
        label_format = "{title}"


class FurtherInformationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=120, label=_("Heading"), help_text=_("Leave empty for the default heading.")
    )
    links = blocks.ListBlock(LinkItemBlock(), min_num=1, label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Further information")
        template = "guides/blocks/further_information_block.html"
        group = _("Links")
        description = _("A list of links to sources and background")


class GuideLinkBlock(blocks.StructBlock):
    guide = blocks.PageChooserBlock(page_type="guides.GuidePage", label=_("Guide"))
    text = blocks.CharBlock(
        required=False, max_length=200, label=_("Link text"), help_text=_("Leave empty to use the guide's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Link to a guide")
        template = "guides/blocks/guide_link_block.html"
        group = _("Links")
        description = _("A link to one of the step-by-step guides")


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "guides/blocks/heading_block.html"
        group = _("Text")
        description = _("A section heading")
        form_classname = "title"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(max_length=120)
    paragraph = blocks.RichTextBlock(
        features=BODY_FEATURES,
        label=_("Text"),
        group=_("Text"),
        icon="pilcrow",
        description=_("Paragraphs with links and lists"),
    )
    callout = CalloutBlock()
    deadline_action = DeadlineActionBlock()
    quote = QuoteBlock()
    image = ImageWithAltBlock()
    guide_link = GuideLinkBlock()
    further_information = FurtherInformationBlock()

    class Meta:
        block_counts = {"further_information": {"max_num": 1}}


class StepValue(blocks.StructValue):
    """What templates and structured data need from a step, computed once here."""

    def ui_path_display(self):
        return " › ".join(label for label in self.get("ui_path") or [] if label)

    def has_note(self):
        return bool(self.get("note_kind") and self.get("note"))


def step_preview_value():
    """A sample step for the block picker's preview, in the editor's admin language."""
    return {
        "title": gettext("Open the privacy centre"),
        "instruction": "<p>{}</p>".format(escape(gettext("Open the menu and choose the privacy settings."))),
        "ui_path": [gettext("Settings and privacy"), gettext("Privacy centre")],
    }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=140, label=_("Title"), help_text=_("What the reader does, e.g. “Open the Privacy Center”.")
    )
    instruction = blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Instruction"))
    ui_path = blocks.ListBlock(
        blocks.CharBlock(max_length=80, label=_("Menu label")),
        label=_("Path through the menus"),
        help_text=_("The labels exactly as the app shows them, one per level."),
        min_num=0,
    )
    screenshot = ImageChooserBlock(required=False, label=_("Screenshot"))
    screenshot_alt = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Screenshot description"),
        help_text=_("Required with a screenshot: what the reader should see on it."),
    )
    note_kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning"))], required=False, label=_("Note type")
    )
    note = blocks.TextBlock(
        required=False,
        max_length=500,
        label=_("Note"),
        help_text=_("Shown beside the step as a tip or a warning, with the type chosen above."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("screenshot") and not value.get("screenshot_alt"):
            errors["screenshot_alt"] = ValidationError(_("Describe the screenshot for readers who cannot see it."))
        if bool(value.get("note_kind")) != bool(value.get("note")):
            errors["note"] = ValidationError(_("A tip or warning needs both its type and its text."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "list-ol"
        label = _("Step")
        value_class = StepValue
        template = "guides/blocks/step_block.html"
        label_format = "{title}"
        description = _("One thing the reader does, with the menu path and an optional screenshot")
        preview_value = step_preview_value


class StepListBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        min_num = 1
        max_num = 30


class SurfaceStepsValue(blocks.StructValue):
    def surface_label(self):
        return SURFACE_LABELS.get(self.get("surface"), self.get("surface"))


class SurfaceStepsBlock(blocks.StructBlock):
    """The steps for one surface (web, Android or iOS); a guide shows one tab per surface."""

    surface = blocks.ChoiceBlock(
        choices=SURFACE_CHOICES,
        label=_("Surface"),
        help_text=_("Where the reader follows these steps: in a browser or in an app."),
    )
    steps = StepListBlock(label=_("Steps"))

    class Meta:
        icon = "mobile-alt"
        label = _("Steps for one surface")
        description = _("The steps for the web, the Android app or the iOS app")
        value_class = SurfaceStepsValue
        label_format = "{surface}"


class GuideStepsBlock(blocks.StreamBlock):
    surface = SurfaceStepsBlock()

    class Meta:
        min_num = 1
        block_counts = {"surface": {"min_num": 1, "max_num": len(SURFACE_CHOICES)}}

    def clean(self, value):
        value = super().clean(value)
        surfaces = [child.value.get("surface") for child in value]
        if len(surfaces) != len(set(surfaces)):
            raise blocks.StreamBlockValidationError(
                non_block_errors=ValidationError(_("Each surface may have only one list of steps."))
            )
        return value


# --- Reading the stored data --------------------------------------------------------------------------------
# Revisions and publish logs keep a guide's steps as the raw data GuideStepsBlock stores; what compares or hashes
# steps across revisions reads that data here, without building block values (which would load images).


def stored_steps_by_surface(raw_stream):
    """{surface code: [(step block id or "", stored StepBlock value), …]}, in the editor's order, from the data a
    GuideStepsBlock stores."""
    surfaces = {}
    for child in raw_stream or []:
        value = child.get("value") or {}
        if child.get("type") != "surface" or not value.get("surface"):
            continue
        surfaces[value["surface"]] = [
            (step.get("id") or "", step.get("value") or {})
            for step in value.get("steps") or []
            if step.get("type") == "step"
        ]
    return surfaces


def stored_menu_labels(items):
    """The labels of a stored ``ui_path``: a ListBlock stores its items plainly or as {"type": "item", "value": …},
    depending on who saved it."""
    return [item.get("value") if isinstance(item, dict) else item for item in items or []]
