"""The rating widget's sentences and numbers, in the active language.

The template and the JSON answer to the site's script both use these, so a reader sees the same words and
number formats ("1 Stimme", "4,0", "1.234") before and after voting.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext


def count_text(count):
    """A whole number with the language's thousands separator (1.234 in German, 1,234 in English)."""
    return number_format(count, force_grouping=True)


def tally_text(count, average):
    if not count:
        return gettext("No votes yet.")
    return ngettext(
        "Total: %(count)s vote · Average: %(average)s",
        "Total: %(count)s votes · Average: %(average)s",
        count,
    ) % {"count": count_text(count), "average": number_format(average, 1)}


def thanks_text(stars):
    """The thanks when the tally beside it already counts the vote (the script's answer)."""
    return ngettext(
        "Thank you! You gave %(stars)s star out of 5.",
        "Thank you! You gave %(stars)s stars out of 5.",
        stars,
    ) % {"stars": stars}


def thanks_pending_text(stars):
    """The thanks on the page a plain form vote lands on: a page everyone who votes alike shares, whose tally is
    the published one and counts the vote only once the summary is published."""
    return ngettext(
        "Thank you! You gave %(stars)s star out of 5. The total includes your vote in a moment.",
        "Thank you! You gave %(stars)s stars out of 5. The total includes your vote in a moment.",
        stars,
    ) % {"stars": stars}


def remembered_text(stars):
    """What a returning reader is told about the vote their browser remembers."""
    return ngettext(
        "You gave this page %(stars)s star out of 5. Choose again to change your vote.",
        "You gave this page %(stars)s stars out of 5. Choose again to change your vote.",
        stars,
    ) % {"stars": stars}
