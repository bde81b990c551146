"""Varnish purges for Wagtail's frontend cache, with a time limit.

Wagtail's own HTTPBackend opens each PURGE without a timeout, so a Varnish host that accepts the connection and
then says nothing would hold a publish (or the worker publishing a rating summary) until gunicorn or Celery kills
it. The content is already committed by then; only the purge is late. This backend sends the same PURGE request
with a limit on connecting and on waiting for the answer, and logs a purge it could not make: the cached copy then
expires on its own after PAGE_CACHE_SECONDS.
"""

import http.client
import logging
from urllib.parse import urlsplit

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger("wagtail.frontendcache")

DEFAULT_TIMEOUT_SECONDS = 2.0


class VarnishBackend(BaseBackend):
    """Params: LOCATION (Varnish's address, e.g. http://varnish:80) and TIMEOUT (seconds, default 2)."""

    def __init__(self, params):
        params = dict(params)
        location = urlsplit(params.pop("LOCATION"))
        if location.scheme not in ("http", "https") or not location.hostname:
            raise ValueError(f"VARNISH_URL must be an http(s) address, not {location.geturl()!r}")
        self.timeout = float(params.pop("TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
        super().__init__(params)
        secure = location.scheme == "https"
        self.connection_class = http.client.HTTPSConnection if secure else http.client.HTTPConnection
        self.varnish_host = location.hostname
        self.varnish_port = location.port

    def purge(self, url):
        target = urlsplit(url)
        path = target.path or "/"
        if target.query:
            path = f"{path}?{target.query}"
        # Varnish keys pages by the reader's Host: send the page's host, not Varnish's own address.
        host = target.hostname + (f":{target.port}" if target.port else "")
        connection = self.connection_class(self.varnish_host, self.varnish_port, timeout=self.timeout)
        try:
            connection.request("PURGE", path, headers={"Host": host, "User-Agent": "guides-frontend-cache"})
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as error:
            logger.error("Could not purge %s from Varnish: %s", url, error)
            return
        finally:
            connection.close()
        if response.status >= 400:
            logger.error("Could not purge %s from Varnish: %s %s", url, response.status, response.reason)
