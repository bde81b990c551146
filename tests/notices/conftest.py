"""Helpers for the notices tests: subscriptions in bulk and significant changes published the Wagtail way."""

import pytest
from django.utils import timezone

from notices.models import Frequency, Scope, Subscription

LANGUAGES = ("de", "en", "es", "fr", "pt")


def subscribe(email, scope=Scope.ALL, language="de", frequency=Frequency.IMMEDIATE, confirmed=True, **target):
    return Subscription.objects.create(
        email=email,
        scope=scope,
        language=language,
        frequency=frequency,
        confirmed_at=timezone.now() if confirmed else None,
        **target,
    )


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


def publish_steps(guide, steps_by_language, notes=None, significant=True):
    """Publish new steps in some languages (the others keep theirs) the way the admin does."""
    page = guide.specific_class.objects.get(pk=guide.pk).get_latest_revision_as_object()
    page.change_is_significant = significant
    for language, text in (NOTES if notes is None else notes).items():
        setattr(page, f"change_note_{language}", text)
    for language, data in steps_by_language.items():
        setattr(page, f"steps_{language}", data)
    page.save_revision().publish()
    return guide.specific_class.objects.get(pk=guide.pk)


def live_steps(guide, language):
    """The raw stream data of a guide's published steps in ``language``."""
    page = type(guide).objects.get(pk=guide.pk)
    value = getattr(page, f"steps_{language}")
    return value.stream_block.get_prep_value(value)


def reworked_steps(data, language):
    """The build_guide steps reworked in every way a comparison tells apart: on the web, step 1 renamed with a new
    menu path, step 3 moved up and a new step at the end; on Android, the last step removed."""
    import copy

    from tests.factories import step_block

    data = copy.deepcopy(data)
    for surface in data:
        steps = surface["value"]["steps"]
        if surface["value"]["surface"] == "web":
            steps[0]["value"]["title"] = f"Open your account ({language})"
            steps[0]["value"]["ui_path"] = ["Account", f"Privacy ({language})"]
            steps.insert(1, steps.pop(2))
            steps.append(step_block(f"Confirm the objection ({language})", ui_path=["Account", "Confirm"]))
        elif surface["value"]["surface"] == "android":
            steps.pop()
    return data


def publish_step_changes(guide, languages=("de", "en"), notes=None):
    """A significant update whose steps changed in ``languages``; the other languages keep their steps."""
    return publish_steps(
        guide, {language: reworked_steps(live_steps(guide, language), language) for language in languages}, notes=notes
    )
