"""Official pages the demo guides follow, as the daily check left them: Facebook's privacy centre renamed the
entry the guide's third step names, so the source is flagged with its diff on the editors' dashboard.

Nothing here is fetched while loading; the texts are what the check would have extracted before and after.
"""

from datetime import UTC, datetime

from . import facebook_guide

SOURCES = [
    {
        "guide": facebook_guide.KEY,
        "label": "Facebook-Datenschutzcenter",
        "url": "https://www.facebook.com/privacy/center/",
        "changed_at": datetime(2025, 6, 3, 5, 2, tzinfo=UTC),
        "before": "Datenschutzcenter\n"
        "Hier findest du Informationen und Einstellungen zu deinen Daten.\n"
        "Rechte in Bezug auf Datenschutz ausüben\n"
        "KI bei Meta\n"
        "Widerspruch gegen die Nutzung deiner Informationen für KI bei Meta\n"
        "Zuletzt aktualisiert: 20.05.2025",
        "after": "Datenschutzcenter\n"
        "Hier findest du Informationen und Einstellungen zu deinen Daten.\n"
        "Deine Datenschutzrechte verwalten\n"
        "KI bei Meta\n"
        "Widerspruch gegen die Nutzung deiner Informationen für KI bei Meta\n"
        "Das Formular findest du jetzt unter „Deine Datenschutzrechte verwalten“.\n"
        "Zuletzt aktualisiert: 02.06.2025",
    },
]
