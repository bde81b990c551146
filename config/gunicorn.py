"""gunicorn settings for the web service (docker-compose.yml, tests/ops and bench/ run it the same way).

    gunicorn config.wsgi:application -c config/gunicorn.py

GUNICORN_BIND and WEB_CONCURRENCY (gunicorn's own variable) size it for the machine it runs on.
"""

import multiprocessing
import os

import gunicorn.http.wsgi

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# One thread per worker: gunicorn's sync worker. Varnish in front buffers slow clients (request bodies too, see
# config/varnish/default.vcl) and opens backend connections as it needs them, so keep-alive threads gain nothing
# here. Measured on two cores (bench/README.md), threads made each worker's requests contend for one interpreter
# lock and share its connections unevenly, which stretched the slowest percent of votes from about 35 ms to
# 90-300 ms. GUNICORN_THREADS above 1 switches to the threaded worker, for a deployment without a buffering proxy.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak in any library cannot grow without bound. Rarely, though: a new
# worker imports Django and Wagtail again (a second or more of CPU on a 2-core machine), and at 5,000 requests a
# worker under load was replaced every few seconds, which halved the throughput of every view.
max_requests = 100_000
max_requests_jitter = 10_000
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log to stdout without the client address (%(h)s) or the query string, which may hold personal data. The
# secret in a subscription link's path is replaced by "[token]" (config.log_filters, on every handler below).
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "config.log_filters.RedactPersonalData"}},
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


# gunicorn has no switch for its "Server: gunicorn" header; leave it out, as no header may name the software.
_default_headers = gunicorn.http.wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


gunicorn.http.wsgi.Response.default_headers = _default_headers_without_server
