"""How a reader is recognised without storing who they are.

Keyed hashes, never the raw values:
- the voter cookie: a random token the site sets on the first vote (first-party, HttpOnly, SameSite=Lax); the
  database keeps only HMAC(token), so a leaked table cannot be replayed as cookies;
- the daily client key: HMAC of address and user agent under a key derived from SECRET_KEY and the UTC date, so
  yesterday's keys cannot be linked to today's and nobody can test an address against them after a day;
- the daily address key: the same for the address alone, under a key of its own. It bounds what one address
  adds per page and day, however often its cookies and User-Agent change.
"""

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime

from django.conf import settings

COOKIE_NAME = "voter"
COOKIE_MAX_AGE = 365 * 24 * 3600
_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def _derived_key(purpose):
    return hmac.new(settings.SECRET_KEY.encode(), purpose.encode(), hashlib.sha256).digest()


def _hmac_hex(key, message):
    return hmac.new(key, message.encode("utf-8", "replace"), hashlib.sha256).hexdigest()


def daily_client_key(request, day=None):
    """HMAC-SHA256 of (address, user agent) under today's key (UTC); the address itself is never kept."""
    day = day or datetime.now(UTC).date()
    key = _derived_key(f"ratings.daily-client.{day.isoformat()}")
    address = request.META.get("REMOTE_ADDR", "")
    user_agent = request.headers.get("User-Agent", "")
    return _hmac_hex(key, f"{address}\n{user_agent}")


def daily_address_key(request, day=None):
    """HMAC-SHA256 of the reader's address (config/client_address.py) under today's key of its own (UTC)."""
    day = day or datetime.now(UTC).date()
    key = _derived_key(f"ratings.daily-address.{day.isoformat()}")
    return _hmac_hex(key, request.META.get("REMOTE_ADDR", ""))


def cookie_token(request):
    """The reader's voter token when it looks like one we set, else None (a forged value is simply ignored)."""
    token = request.COOKIES.get(COOKIE_NAME, "")
    return token if _TOKEN_PATTERN.match(token) else None


def new_token():
    return secrets.token_urlsafe(32)


def voter_key(token):
    return _hmac_hex(_derived_key("ratings.voter-cookie"), token)


def rate_limit_key(group, request):
    """django-ratelimit key: the daily client hash, so the cache never holds an address either."""
    return daily_client_key(request)


def set_voter_cookie(response, request, token):
    # Secure whenever the site is served over HTTPS (production, behind the proxy's forwarded-proto header).
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure() or settings.SESSION_COOKIE_SECURE,
        path="/",
    )
