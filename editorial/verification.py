"""Recording that the steps of one surface in one language were checked against the real app.

A verification is a record, not page content: it publishes nothing, so it needs no review and never competes
with a draft. Who may record one: whoever may record verifications (editors and moderators) and may edit the
guide. The guide's freshness is evaluated again at once and the page dropped from the caches, so readers see
the new date above exactly the steps that were checked.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import freshness
from .cache import purge_pages
from .models import TranslationStatus, VerificationRecord


class VerificationRefused(Exception):
    """What was to be verified does not exist or cannot be vouched for; the message says why."""


def can_verify(guide, user):
    return user.has_perm("editorial.add_verificationrecord") and guide.permissions_for_user(user).can_edit()


def check_verifiable(guide, surface, language):
    """Raise VerificationRefused unless the live guide shows its own, current steps for ``surface`` in ``language``."""
    blocks = freshness.surface_blocks(guide).get(language)
    if blocks is None:
        raise VerificationRefused(
            _(
                "This guide has no steps of its own in that language; its readers see the "
                "German steps. Verify those instead."
            )
        )
    if surface not in {code for code, _block in blocks}:
        raise VerificationRefused(_("This guide has no steps for that surface in that language."))
    if TranslationStatus.objects.outdated().filter(page_id=guide.pk, language=language, field="steps").exists():
        raise VerificationRefused(
            _(
                "These steps are a translation that does not include the latest change to "
                "the German steps yet. Update the translation first."
            )
        )


def verify_guide(guide, user, surface, language, app_version="", note=""):
    """Record the verification and re-evaluate the guide's freshness. Returns the record."""
    if not can_verify(guide, user):
        raise PermissionDenied
    guide = type(guide).objects.get(pk=guide.pk)  # the live content, as stored on the page row
    check_verifiable(guide, surface, language)
    with transaction.atomic():
        record = VerificationRecord.objects.create(
            page=guide,
            verified_by=user,
            verified_at=timezone.now(),
            surface=surface,
            language=language,
            app_version=app_version,
            note=note,
        )
        changed = freshness.evaluate_guides([guide])
    purge_pages(changed)
    return record
