"""Recording that a guide's steps were checked against the real app.

A verification changes what readers see ("last verified on …"), so it reaches the page the normal way: a new
revision of the live content, published by the verifying user, who must be allowed to publish the guide (a
moderator). It is refused while the guide has a draft or a review in progress, because publishing a revision now
would either drop that draft or publish it without review; the draft's author sets the date in the draft instead.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation

from guides.blocks import SURFACE_LABELS

from . import freshness
from .cache import purge_pages
from .models import VerificationRecord


class VerificationBlocked(Exception):
    """The guide has unpublished changes or is in review; verifying now would bypass them."""


def can_verify(guide, user):
    return guide.permissions_for_user(user).can_publish()


def verified_with_text(surface, app_version):
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        label = str(SURFACE_LABELS.get(surface, surface))
    return f"{label} {app_version}".strip()[:120]


def verify_guide(guide, user, surface, app_version="", note=""):
    """Record the verification, publish the guide with the new date and clear its flag. Returns the record."""
    if not can_verify(guide, user):
        raise PermissionDenied
    guide = type(guide).objects.get(pk=guide.pk)  # the live content, as stored on the page row
    if guide.has_unpublished_changes or guide.workflow_in_progress:
        raise VerificationBlocked
    now = timezone.now()
    with transaction.atomic():
        record = VerificationRecord.objects.create(
            page=guide, verified_by=user, verified_at=now, surface=surface, app_version=app_version, note=note,
        )
        guide.last_verified_on = timezone.localdate(now)
        guide.verified_with = verified_with_text(surface, app_version)
        # Not a change readers must hear about: followers are not notified of a verification.
        guide.change_is_significant = False
        revision = guide.save_revision(user=user, log_action=True)
        revision.publish(user=user)
    changed = freshness.evaluate_guides([guide])
    purge_pages(changed)
    return record
