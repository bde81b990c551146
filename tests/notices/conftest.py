"""Helpers for the notices tests: subscriptions in bulk and significant changes published the Wagtail way."""

import pytest
from django.utils import timezone

from notices.models import Frequency, Scope, Subscription

LANGUAGES = ("de", "en", "es", "fr", "pt")


def subscribe(email, scope=Scope.ALL, language="de", frequency=Frequency.IMMEDIATE, confirmed=True, **target):
    return Subscription.objects.create(email=email, scope=scope, language=language, frequency=frequency,
                                       confirmed_at=timezone.now() if confirmed else None, **target)


def publish_change(page, significant=True, notes=None, user=None):
    """Edit a page's latest revision and publish it with Wagtail's publish action (PublishPageRevisionAction)."""
    page = page.specific_class.objects.get(pk=page.pk).get_latest_revision_as_object()
    page.change_is_significant = significant
    for language, text in (notes or {}).items():
        setattr(page, f"change_note_{language}", text)
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    return page.specific_class.objects.get(pk=page.pk)


NOTES = {
    "de": "Das Menü ist umgezogen: jetzt unter Konto.",
    "en": "The menu moved: it is now under Account.",
    "fr": "Le menu a changé de place : il est sous Compte.",
}


@pytest.fixture
def notes():
    return dict(NOTES)


