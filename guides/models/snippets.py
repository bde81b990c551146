from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

# Icons we draw ourselves (site/static/icons/); no platform's logo is shipped or fetched.
ICON_CHOICES = [
    ("people", _("People")),
    ("camera", _("Camera")),
    ("chat", _("Chat bubble")),
    ("globe", _("Globe")),
]


class Platform(index.Indexed, models.Model):
    """A service whose settings our guides explain, such as Facebook or Instagram."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    icon = models.CharField(_("icon"), max_length=20, choices=ICON_CHOICES, default="globe")
    privacy_center_url = models.URLField(
        _("privacy centre address"),
        blank=True,
        help_text=_("The page where the platform lets people manage their privacy settings."),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("One or two sentences for readers."))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("icon"),
        FieldPanel("privacy_center_url"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")

    def __str__(self):
        return self.name

    @property
    def icon_static_path(self):
        return f"icons/{self.icon}.svg"


class Topic(models.Model):
    """A subject that articles can be filtered by, such as “AI training”."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name
