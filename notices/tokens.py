"""Signed links in e-mails: confirm, manage and unsubscribe. One salt per purpose, so a link made for one
purpose never works for another."""

from django.core import signing

CONFIRM_MAX_AGE = 7 * 24 * 3600
CONFIRM_SALT = "notices.confirm"
MANAGE_SALT = "notices.manage"
UNSUBSCRIBE_SALT = "notices.unsubscribe"


class InvalidToken(Exception):
    """The link was altered, made for another purpose, or has expired."""


def make_token(subscription, salt):
    # The address is part of the signed value, so a link stays tied to the address it was sent to.
    return signing.TimestampSigner(salt=salt).sign_object({"id": subscription.pk, "email": subscription.email})


def read_token(token, salt, max_age=None):
    """Return (subscription id, e-mail) or raise InvalidToken."""
    try:
        value = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
        return int(value["id"]), str(value["email"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidToken(str(error)) from error


def confirm_token(subscription):
    return make_token(subscription, CONFIRM_SALT)


def manage_token(subscription):
    return make_token(subscription, MANAGE_SALT)


def unsubscribe_token(subscription):
    return make_token(subscription, UNSUBSCRIBE_SALT)
