"""The reader's address behind the proxies the operator trusts (TRUSTED_PROXIES), and from nowhere else.

Behind Varnish (and perhaps a load balancer in front of it) REMOTE_ADDR is the address of the last proxy, so every
reader would share one rate limit and one vote key. Each proxy appends the address it received the request from to
X-Forwarded-For, so the reader is the rightmost entry that is not itself a trusted proxy. What stands left of it was
written by the client and is never believed; a request that does not come from a trusted proxy keeps its own
REMOTE_ADDR whatever headers it sends.

The middleware replaces REMOTE_ADDR once, first, so that everything after it (django-ratelimit's "ip" key,
django-axes, the vote keys) sees the same address. It is a dozen lines written out here because the rule must
start from the connection itself (REMOTE_ADDR) and walk the header only through proxies the operator named.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def _parse(address):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def client_address(meta, trusted=None):
    """The address of the client as the trusted proxies saw it (a string, as REMOTE_ADDR holds it)."""
    networks = _networks(tuple(settings.TRUSTED_PROXIES if trusted is None else trusted))
    remote = meta.get("REMOTE_ADDR", "")
    hop = _parse(remote)
    if hop is None or not any(hop in network for network in networks):
        return remote
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(entry)
        if address is None:
            break  # not written by a proxy of ours: the last trusted hop is all we know
        hop = address
        if not any(address in network for network in networks):
            return str(address)
    return str(hop)


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META["REMOTE_ADDR"] = client_address(request.META)
        return self.get_response(request)


def request_client_address(request):
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address, also where axes looks before the middleware ran."""
    return client_address(request.META)
