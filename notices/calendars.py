"""Calendar files (ICS) for deadlines: one per deadline and one with every upcoming deadline, per language.

UIDs are derived from the deadline's page id and our host, so re-importing a file updates the event instead of
adding a second one; each event carries alarms seven days and one day before. Texts carry their language
(RFC 5545's LANGUAGE parameter): the reader's, or German where the deadline has no text in theirs, as the pages
mark it.
"""

from datetime import timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from guides.i18n import shown_language

from .emails import page_url

ALARM_DAYS = (7, 1)


def deadline_ics_url(deadline):
    return reverse("notices:deadline_ics", args=[deadline.pk])


def deadline_uid(deadline):
    host = urlparse(settings.SITE_URL).hostname or "localhost"
    return f"deadline-{deadline.pk}@{host}"


def deadline_event(deadline, language, stamp):
    event = Event()
    event.add("uid", deadline_uid(deadline))
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.due_at)
    event.add("dtend", deadline.due_at)
    event.add("summary", deadline.title, parameters={"LANGUAGE": shown_language(deadline, "title", language)})
    event.add(
        "description",
        f"{deadline.summary}\n\n{page_url(deadline, language)}",
        parameters={"LANGUAGE": shown_language(deadline, "summary", language)},
    )
    event.add("url", page_url(deadline, language))
    event.add("last-modified", deadline.last_published_at or stamp)
    for days in ALARM_DAYS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add(
            "description",
            _("%(title)s: %(days)s days left") % {"title": deadline.title, "days": days}
            if days > 1
            else _("%(title)s: due tomorrow") % {"title": deadline.title},
            parameters={"LANGUAGE": language},  # a sentence in the reader's language around the title
        )
        alarm.add("trigger", timedelta(days=-days))
        event.add_component(alarm)
    return event


def build_calendar(deadlines, language, name):
    calendar = Calendar()
    calendar.add("prodid", "-//Privacy guides//Deadlines//" + language.upper())
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().replace(microsecond=0)
    for deadline in deadlines:
        calendar.add_component(deadline_event(deadline, language, stamp))
    return calendar.to_ical()
