"""Keeps personal data out of the logs: e-mail addresses, IP addresses and the secrets in subscription links are
replaced before a line is written.

Attached to every handler in settings.LOGGING and to gunicorn's loggers (config/gunicorn.py), so a subscriber's
address in an exception message, a client address in a library's warning, or a link's secret in an access log
line or a "Not Found: <path>" never reaches the log store.
"""

import logging
import re

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])")
# Full and compressed IPv6 forms (at least two groups and a "::" or eight groups); times like 12:30:45 have
# no hex letters and too few groups, so they do not match.
IPV6 = re.compile(
    r"(?<![\w:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    r"|(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?"
    r"|::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6}))(?![\w:])"
)

# The path segment after .../confirm/, .../manage/ and .../unsubscribe/ (notices/urls.py) is the link's secret,
# whatever the language prefix; it runs to the next slash, query, fragment, space or quote.
LINK_TOKEN = re.compile(r"(/(?:confirm|manage|unsubscribe)/)[^/?#\s\"']+")


def redact(text):
    text = LINK_TOKEN.sub(r"\1[token]", text)
    text = EMAIL.sub("[email]", text)
    text = IPV4.sub("[ip]", text)
    return IPV6.sub("[ip]", text)


class RedactPersonalData(logging.Filter):
    """Rewrites the record's message (with its arguments merged in) and its exception text."""

    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
