"""What the editorial app records about pages: verification, link checks and translation freshness.

``PageFreshness`` is the one row a reader page reads (one query): it summarises the detailed records below, so
the notices in the page header stay cheap on cached pages.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guides.blocks import SURFACE_CHOICES


class FlagReason(models.TextChoices):
    NOT_VERIFIED = "not_verified", _("not verified recently")
    OPEN_REPORTS = "open_reports", _("open step reports")
    BROKEN_LINKS = "broken_links", _("links that stopped answering")


# What readers are told of a page's editorial state.
READER_FIELDS = ("needs_verification", "outdated_languages", "surface_states")


class PageFreshnessQuerySet(models.QuerySet):
    def needing_verification(self):
        return self.filter(needs_verification=True)

    def with_outdated_translations(self):
        return self.exclude(outdated_languages={})

    def row_for(self, page):
        """What readers are told about ``page`` (a dict, or None), fetched once per page object: the header, each
        surface's section and the structured data of one rendering share one query."""
        if "_freshness_row" not in page.__dict__:
            if PageFreshness.page.field.remote_field.is_cached(page):  # loaded with the page (select_related)
                row = page.freshness
                page.__dict__["_freshness_row"] = (
                    None if row is None else {name: getattr(row, name) for name in READER_FIELDS}
                )
            else:
                page.__dict__["_freshness_row"] = self.filter(page_id=page.pk).values(*READER_FIELDS).first()
        return page.__dict__["_freshness_row"]


class PageFreshness(models.Model):
    """The current editorial state of one page: whether it needs verification and which languages lag behind."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="freshness", verbose_name=_("page")
    )
    needs_verification = models.BooleanField(_("needs verification"), default=False)
    reasons = models.JSONField(
        _("reasons"), default=list, blank=True, help_text=_("Why the guide was flagged (codes of FlagReason).")
    )
    flagged_at = models.DateTimeField(_("flagged at"), null=True, blank=True)
    # Moderators get one e-mail per new flag; an empty value means the flag has not been in a digest yet.
    flag_notified_at = models.DateTimeField(_("flag e-mailed at"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    # {language: ISO timestamp of the oldest German change the language has not caught up with}.
    outdated_languages = models.JSONField(_("outdated languages"), default=dict, blank=True)
    # What readers are told above each list of steps, per language and surface:
    # {language: {surface: {"reasons": [FlagReason codes], "verified_at": ISO timestamp or None, "app_version": …}}}.
    # German is always there; another language only when it has steps of its own (else its readers see German's).
    surface_states = models.JSONField(_("state of each surface"), default=dict, blank=True)

    objects = PageFreshnessQuerySet.as_manager()

    class Meta:
        verbose_name = _("page freshness")
        verbose_name_plural = _("page freshness")

    def __str__(self):
        return f"{self.page_id}: {'flagged' if self.needs_verification else 'ok'}"

    def reason_labels(self):
        return [FlagReason(code).label for code in self.reasons if code in FlagReason.values]


class VerificationRecord(models.Model):
    """Someone checked the steps of one surface in one language against the real app and found them true."""

    page = models.ForeignKey(
        "guides.GuidePage", on_delete=models.CASCADE, related_name="verification_records", verbose_name=_("guide")
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("verified by")
    )
    verified_at = models.DateTimeField(_("verified at"))
    surface = models.CharField(_("surface"), max_length=20, choices=SURFACE_CHOICES)
    # The steps of one language were followed in the app set to that language: menu labels differ between them.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    )
    app_version = models.CharField(
        _("app or browser version"),
        max_length=80,
        blank=True,
        help_text=_("For example “Android app 512.0” or “Firefox 140”."),
    )
    note = models.TextField(_("note"), blank=True, max_length=500)

    class Meta:
        ordering = ["-verified_at"]
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")

    def __str__(self):
        return f"{self.page_id} {self.surface}/{self.language} verified {self.verified_at:%Y-%m-%d}"


class LinkCheckResult(models.Model):
    """The latest answer of one external link in a guide's steps; kept so editors see what broke and since when."""

    page = models.ForeignKey(
        "guides.GuidePage", on_delete=models.CASCADE, related_name="link_checks", verbose_name=_("guide")
    )
    url = models.URLField(_("address"), max_length=2000)
    checked_at = models.DateTimeField(_("checked at"))
    ok = models.BooleanField(_("answers"), default=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)

    class Meta:
        ordering = ["page_id", "url"]
        verbose_name = _("link check result")
        verbose_name_plural = _("link check results")
        constraints = [models.UniqueConstraint(fields=["page", "url"], name="unique_link_check_per_page")]

    def __str__(self):
        return f"{self.url}: {'ok' if self.ok else 'failing'}"


class TranslationStatusQuerySet(models.QuerySet):
    def outdated(self):
        return self.filter(translated_at__lt=models.F("source_changed_at"), translation_present=True)


class TranslationStatus(models.Model):
    """For one field of one page in one language: when the German text last changed and when this language did.

    Text fingerprints (hashes) are kept so the next publication can tell which of the two changed.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_statuses", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=10)
    field = models.CharField(_("field"), max_length=60)
    source_changed_at = models.DateTimeField(_("German text changed at"))
    source_hash = models.CharField(max_length=64)
    translated_at = models.DateTimeField(_("translation changed at"))
    translation_hash = models.CharField(max_length=64)
    # An empty translation shows the German text (with the fallback note), so it is missing, not outdated.
    translation_present = models.BooleanField(default=False)

    objects = TranslationStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [models.UniqueConstraint(fields=["page", "language", "field"], name="unique_translation_status")]
        indexes = [models.Index(fields=["language", "page"])]

    def __str__(self):
        return f"{self.page_id} {self.language} {self.field}"

    @property
    def is_outdated(self):
        return self.translation_present and self.translated_at < self.source_changed_at


class WatchedSourceStatus(models.TextChoices):
    OK = "ok", _("unchanged")
    CHANGED = "changed", _("changed")
    VANISHED = "vanished", _("vanished")
    ERROR = "error", _("could not be checked")


class WatchedSourceQuerySet(models.QuerySet):
    def flagged(self):
        """Sources whose change (or disappearance) nobody has looked at yet."""
        return self.filter(status__in=(WatchedSourceStatus.CHANGED, WatchedSourceStatus.VANISHED))


class WatchedSource(models.Model):
    """An official page a guide's steps depend on, fetched on a schedule so editors learn of its changes first."""

    guide = models.ForeignKey(
        "guides.GuidePage", on_delete=models.CASCADE, related_name="watched_sources", verbose_name=_("guide")
    )
    label = models.CharField(
        _("label"),
        max_length=120,
        help_text=_("What the page is, for example “Help article: objecting to AI training”."),
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_(
            "The platform's own page (help article, form, privacy centre) that the steps "
            "follow. It is fetched once a day, as robots.txt allows."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=WatchedSourceStatus.choices, default=WatchedSourceStatus.OK
    )
    # Validators the server gave with the last full answer, sent back so an unchanged page costs a 304.
    etag = models.CharField(_("ETag"), max_length=300, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    last_text = models.TextField(_("last text"), blank=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    last_change = models.TextField(_("last change"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    acknowledged_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    objects = WatchedSourceQuerySet.as_manager()

    class Meta:
        ordering = ["guide_id", "label"]
        constraints = [models.UniqueConstraint(fields=["guide", "url"], name="unique_watched_source_per_guide")]
        verbose_name = _("watched source")
        verbose_name_plural = _("watched sources")

    def __str__(self):
        return self.label


class SourceChange(models.Model):
    """One change of a watched source: its text diff, or its disappearance; moderators are e-mailed once for it."""

    source = models.ForeignKey(
        WatchedSource, on_delete=models.CASCADE, related_name="changes", verbose_name=_("watched source")
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=[
            (WatchedSourceStatus.CHANGED, WatchedSourceStatus.CHANGED.label),
            (WatchedSourceStatus.VANISHED, WatchedSourceStatus.VANISHED.label),
        ],
    )
    diff = models.TextField(_("diff"), blank=True)
    detected_at = models.DateTimeField(_("detected at"))
    # Empty until the moderators' e-mail about this change went out.
    notified_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-detected_at"]
        verbose_name = _("source change")
        verbose_name_plural = _("source changes")

    def __str__(self):
        return f"{self.source}: {self.kind}"
