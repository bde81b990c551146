"""Signing in: Django's model backend, except that the demo accounts work only in demo mode.

The demo accounts' passwords are printed by ``make run`` and written in this package, so a site started without
DEMO_MODE must not let them in, even when its database still holds them from an earlier demo run. A log-in with a
demo account's published username and password is refused, and so is any request of a demo account (known by
its reserved ``.invalid`` e-mail address) that is still signed in from before.
"""

import logging

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .accounts import ACCOUNTS

logger = logging.getLogger(__name__)

DEMO_CREDENTIALS = {(account.username, account.password) for account in ACCOUNTS}
DEMO_ADDRESSES = {(account.username, account.email) for account in ACCOUNTS}


def is_demo_account(user):
    return (user.get_username(), user.email) in DEMO_ADDRESSES


class DemoAwareModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.DEMO_MODE and (username, password) in DEMO_CREDENTIALS:
            logger.warning("Refused the demo account %s: DEMO_MODE is off", username)
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user):
        # Also asked for every signed-in request (get_user), so an old demo session ends with demo mode.
        if not settings.DEMO_MODE and is_demo_account(user):
            return False
        return super().user_can_authenticate(user)
