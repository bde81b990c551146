"""Links in e-mails: confirm, manage and unsubscribe.

A link carries a random secret and nothing else, so neither the address nor the subscription can be read from
it. The database keeps only a keyed hash of the secret (HMAC-SHA256 with a key derived from SECRET_KEY): a copy
of the database alone opens no subscription. Each secret is issued for one purpose, and a link made for one
purpose never works for another.

Links sent before the opaque ones carried a signed, base64-readable (subscription id, address) pair. Those are
still read by the unsubscribe view only, so the one-click unsubscribe of every old mail keeps working; for
confirming and managing they are refused (the confirm ones were past their seven days anyway, and a manage link
can be asked for again by e-mail).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import LinkPurpose, Subscription, SubscriptionLink

CONFIRM_LIFETIME = timedelta(days=7)
MANAGE_LIFETIME = timedelta(days=30)
# None: an unsubscribe link works for as long as its subscription exists (RFC 8058 asks that old mails keep
# working), and goes with the subscription when retention deletes it.
LIFETIMES = {LinkPurpose.CONFIRM: CONFIRM_LIFETIME, LinkPurpose.MANAGE: MANAGE_LIFETIME, LinkPurpose.UNSUBSCRIBE: None}
HASH_SALT = "notices.links"
# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours and is not hashed at all.
MAX_TOKEN_LENGTH = 64
LEGACY_UNSUBSCRIBE_SALT = "notices.unsubscribe"


def token_hash(token, secret=None):
    return salted_hmac(HASH_SALT, token, secret=secret, algorithm="sha256").hexdigest()


def token_hashes(token):
    """The hash under SECRET_KEY and under each fallback key, so links survive a rotation of the key."""
    return [token_hash(token, secret) for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]]


def issue_many(subscription, purposes):
    """A new secret for each of ``purposes``, stored (as hashes) in one query: a message's footer needs two."""
    now = timezone.now()
    issued = [(purpose, secrets.token_urlsafe(32)) for purpose in purposes]
    SubscriptionLink.objects.bulk_create(
        [
            SubscriptionLink(
                subscription=subscription,
                purpose=purpose,
                token_hash=token_hash(token),
                created_at=now,
                expires_at=now + LIFETIMES[purpose] if LIFETIMES[purpose] else None,
            )
            for purpose, token in issued
        ]
    )
    return [token for _purpose, token in issued]


def issue(subscription, purpose):
    """A new secret for ``purpose``; only its hash is stored."""
    return issue_many(subscription, [purpose])[0]


def confirm_token(subscription):
    return issue(subscription, LinkPurpose.CONFIRM)


def manage_token(subscription):
    return issue(subscription, LinkPurpose.MANAGE)


def unsubscribe_token(subscription):
    return issue(subscription, LinkPurpose.UNSUBSCRIBE)


def subscription_for(token, purpose):
    """The subscription a link of ``purpose`` was issued for, or None when the link is unknown, made for another
    purpose, expired, or its subscription is gone."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    link = (
        SubscriptionLink.objects.valid(timezone.now())
        .filter(purpose=purpose, token_hash__in=token_hashes(token))
        .select_related("subscription__platform", "subscription__page")
        .first()
    )
    return link.subscription if link else None


def is_legacy(token):
    # Signed values are "payload:timestamp:signature"; token_urlsafe never writes a colon.
    return ":" in token


def legacy_unsubscribe_subscription(token):
    """The subscription of an unsubscribe link in the old signed format, or None.

    The signature must hold and the address must still be the subscription's, as the old links required."""
    try:
        value = signing.TimestampSigner(salt=LEGACY_UNSUBSCRIBE_SALT).unsign_object(token)
        subscription_id, email = int(value["id"]), str(value["email"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return Subscription.objects.select_related("platform", "page").filter(pk=subscription_id, email=email).first()
