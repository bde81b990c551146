"""StreamField blocks for articles and guides.

Display logic lives in StructValue classes so templates stay plain; cross-field rules live in ``clean()``.
"""

from django.core.exceptions import ValidationError
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

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=_("Describe what the image shows for readers who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, max_length=250)

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
        help_text=_("Warnings are for things readers can lose or cannot undo."),
    )
    title = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=INLINE_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "guides/blocks/callout_block.html"
        group = _("Text")
        description = _("A highlighted note or warning")
        label_format = "{kind}: {title}"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    source = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "guides/blocks/quote_block.html"
        group = _("Text")


class LinkItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    url = blocks.URLBlock()
    description = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "link"
        label_format = "{title}"


class FurtherInformationBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, help_text=_("Leave empty for the default heading."))
    links = blocks.ListBlock(LinkItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Further information")
        template = "guides/blocks/further_information_block.html"
        group = _("Links")
        description = _("A list of links to sources and background")


class GuideLinkBlock(blocks.StructBlock):
    guide = blocks.PageChooserBlock(page_type="guides.GuidePage")
    text = blocks.CharBlock(required=False, max_length=200, help_text=_("Leave empty to use the guide's title."))

    class Meta:
        icon = "doc-full"
        label = _("Link to a guide")
        template = "guides/blocks/guide_link_block.html"
        group = _("Links")


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "guides/blocks/heading_block.html"
        group = _("Text")
        form_classname = "title"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(max_length=120)
    paragraph = blocks.RichTextBlock(features=BODY_FEATURES, label=_("Text"), group=_("Text"), icon="pilcrow")
    callout = CalloutBlock()
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


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=140, help_text=_("What the reader does, e.g. “Open the Privacy Center”."))
    instruction = blocks.RichTextBlock(features=INLINE_FEATURES)
    ui_path = blocks.ListBlock(
        blocks.CharBlock(max_length=80, label=_("Menu label")),
        label=_("Path through the menus"),
        help_text=_("The labels exactly as the app shows them, one per level."),
        min_num=0,
    )
    screenshot = ImageChooserBlock(required=False)
    screenshot_alt = blocks.CharBlock(
        required=False, max_length=250, label=_("Screenshot description"),
        help_text=_("Required with a screenshot: what the reader should see on it."),
    )
    note_kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning"))], required=False, label=_("Note type")
    )
    note = blocks.TextBlock(required=False, max_length=500)

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
        preview_value = {
            "title": "Open the Privacy Center",
            "instruction": "<p>Tap the menu and choose the privacy settings.</p>",
            "ui_path": ["Settings & privacy", "Privacy Center"],
        }


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

    surface = blocks.ChoiceBlock(choices=SURFACE_CHOICES)
    steps = StepListBlock()

    class Meta:
        icon = "mobile-alt"
        label = _("Steps for one surface")
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
