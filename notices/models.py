"""Update notices, the subscriptions that follow them, and one row per message sent.

Every sent e-mail has a row with a unique constraint (notice × subscription, deadline × offset × subscription,
subscription × week), so a task that runs twice, or a worker that dies half-way, never sends a second copy of
a message that was already marked sent.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = settings.LANGUAGES


class UpdateNoticeQuerySet(models.QuerySet):
    def public(self):
        """Notices of pages readers can open: an unpublished page takes its notices out of logs, feeds and mail."""
        return self.filter(page__live=True)

    def for_platform(self, platform):
        return self.filter(platforms=platform) if platform else self

    def fanout_never_started(self, older_than):
        return self.filter(fanout_started_at__isnull=True, published_at__lt=older_than)


class UpdateNotice(models.Model):
    """A significant change to a guide or article, recorded when the change is published.

    The change note is copied per language at publish time (``note_de`` … ``note_pt``), so later edits of the
    page cannot rewrite what followers were told.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="update_notices", verbose_name=_("page")
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), db_index=True)
    note = models.TextField(_("change note"), blank=True)
    platforms = models.ManyToManyField(
        "guides.Platform", blank=True, related_name="update_notices", verbose_name=_("platforms")
    )
    deadline = models.ForeignKey(
        "guides.DeadlinePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("deadline"),
    )
    # Set by the fan-out task; the sweeper re-enqueues notices whose fan-out never started (broker down).
    fanout_started_at = models.DateTimeField(null=True, blank=True)
    fanout_finished_at = models.DateTimeField(null=True, blank=True)
    # The steps before and after, per language and surface, computed once when the notice is recorded
    # (notices/step_changes.py); empty for a page without steps.
    step_changes = models.JSONField(_("changed steps"), default=dict, blank=True, editable=False)

    objects = UpdateNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("update notice")
        verbose_name_plural = _("update notices")

    def __str__(self):
        return f"{self.page} · {self.published_at:%Y-%m-%d}"

    def note_in(self, language):
        """(text, is_fallback): the note in ``language``, or the German note when that one is not written yet."""
        own = (getattr(self, f"note_{language}", "") or "").strip()
        if own:
            return own, False
        return (self.note_de or "").strip(), language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class Scope(models.TextChoices):
    ALL = "all", _("everything")
    PLATFORM = "platform", _("one platform")
    PAGE = "page", _("one guide or article")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("each update at once")
    WEEKLY = "weekly", _("a weekly digest")


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the only subscriptions that ever receive a notice."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def following(self, page_ids=(), platform_ids=()):
        return self.filter(
            Q(scope=Scope.ALL)
            | Q(scope=Scope.PAGE, page_id__in=list(page_ids))
            | Q(scope=Scope.PLATFORM, platform_id__in=list(platform_ids))
        )


class Subscription(models.Model):
    """One address following one scope, in one language. Double opt-in: nothing is sent before confirmation."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    platform = models.ForeignKey(
        "guides.Platform",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("platform"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("page"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["email"], condition=Q(scope="all"), name="unique_subscription_all"),
            models.UniqueConstraint(
                fields=["email", "platform"], condition=Q(scope="platform"), name="unique_subscription_platform"
            ),
            models.UniqueConstraint(
                fields=["email", "page"], condition=Q(scope="page"), name="unique_subscription_page"
            ),
            models.CheckConstraint(
                condition=(
                    Q(scope="all", platform__isnull=True, page__isnull=True)
                    | Q(scope="platform", platform__isnull=False, page__isnull=True)
                    | Q(scope="page", platform__isnull=True, page__isnull=False)
                ),
                name="subscription_scope_matches_target",
            ),
        ]
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return f"{self.email} · {self.get_scope_display()}"

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    def scope_label(self):
        """Words for what this subscription follows, in the active language."""
        if self.scope == Scope.PLATFORM:
            return gettext("updates to our %(platform)s guides") % {"platform": self.platform.name}
        if self.scope == Scope.PAGE:
            return gettext("updates to “%(title)s”") % {"title": self.page.specific_deferred.title}
        return gettext("all updates to our guides")


class Delivery(models.Model):
    """One update notice to one subscription; ``sent_at`` is set right after the SMTP server accepted it."""

    notice = models.ForeignKey(UpdateNotice, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["notice", "subscription"], name="unique_delivery")]
        indexes = [models.Index(fields=["notice"], condition=Q(sent_at__isnull=True), name="delivery_unsent")]

    def __str__(self):
        return f"{self.notice_id} → {self.subscription_id}"


class ReminderDelivery(models.Model):
    """A deadline reminder, sent exactly once per (deadline, days before, subscription)."""

    deadline = models.ForeignKey("guides.DeadlinePage", on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="reminders")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "days_before", "subscription"], name="unique_reminder")
        ]

    def __str__(self):
        return f"{self.deadline_id} −{self.days_before}d → {self.subscription_id}"


class DigestDelivery(models.Model):
    """The weekly digest of one subscription for the week that ends on ``week_ending`` (a Saturday)."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="digests")
    week_ending = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")
        constraints = [models.UniqueConstraint(fields=["subscription", "week_ending"], name="unique_digest")]

    def __str__(self):
        return f"{self.subscription_id} · {self.week_ending}"


class LinkPurpose(models.TextChoices):
    CONFIRM = "confirm", _("confirm")
    MANAGE = "manage", _("manage")
    UNSUBSCRIBE = "unsubscribe", _("unsubscribe")


class SubscriptionLinkQuerySet(models.QuerySet):
    def valid(self, now):
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class SubscriptionLink(models.Model):
    """A link sent by e-mail to confirm, manage or end a subscription (see notices/tokens.py).

    Only a keyed hash of the link's secret is stored; the secret itself exists in the e-mail alone."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="links")
    purpose = models.CharField(max_length=12, choices=LinkPurpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    # Empty for unsubscribe links: they work for as long as the subscription exists.
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = SubscriptionLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription link")
        verbose_name_plural = _("subscription links")

    def __str__(self):
        return f"{self.subscription_id} · {self.purpose}"
