"""Date formats per language (settings.FORMAT_MODULE_PATH): one way of writing a date in each language.

Django's own English formats abbreviate months the AP way ("Dec. 2, 2026" beside "May 20, 2025"); ours write
the month in full, day first, as the rest of the site's English does. Times are on the 24-hour clock in every
language, as deadlines are announced.

Portuguese writes month names in lower case, but Django's Portuguese catalog capitalises them. The names below
are translated again in locales/, whose catalogs take precedence over Django's; listing them here keeps them in
the catalogs when the messages are extracted again.
"""

from django.utils.translation import gettext_noop

MONTH_NAMES = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
