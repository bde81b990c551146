"""Guide: WhatsApp, where there is no objection form, and how to keep Meta AI out of your chats.

The steps are the same in the Android and the iOS app, so both surfaces are built from one list per language.
"""

from datetime import date

from .blocks import Step

KEY = "guide-whatsapp-meta-ai"
PLATFORM = "whatsapp"
DEADLINE = None  # no form, so no deadline
LAST_VERIFIED_ON = date(2025, 5, 21)
# What the steps were checked with, per surface (shown to readers next to the date).
APP_VERSIONS = {"android": "WhatsApp 2.25.14", "ios": "WhatsApp 25.14"}
SURFACES = ("android", "ios")

TEXTS = {
    "de": {
        "title": "WhatsApp: Warum es kein Formular gibt",
        "slug": "whatsapp-kein-formular",
        "goal": "Ihre WhatsApp-Chats von Meta AI fernhalten",
        "intro": "<p>Für WhatsApp gibt es kein Widerspruchsformular, und Sie brauchen auch keins: Private Chats "
        "sind Ende-zu-Ende-verschlüsselt und nicht Teil des KI-Trainings. Betroffen ist nur, was Sie "
        "selbst an Meta AI schreiben. Wer Meta AI nicht nutzt, muss nichts tun.</p>",
        "steps": [
            Step(
                "recognise-meta-ai",
                "Meta AI erkennen",
                "<p>Meta AI erscheint als bunter Ring auf dem Chat-Bildschirm und als Chat mit dem Namen "
                "<b>Meta AI</b>.</p>",
            ),
            Step(
                "avoid-meta-ai",
                "Meta AI aus Ihren Chats heraushalten",
                "<p>Beginnen Sie keinen Chat mit Meta AI und erwähnen Sie <i>@Meta AI</i> nicht in "
                "Gruppen. Was Sie dort schreiben, geht an Meta.</p>",
                tip="Teilen Sie mit Meta AI nichts, was Sie nicht auch öffentlich posten würden.",
            ),
            Step(
                "delete-ai-chat",
                "Alte Chats mit Meta AI löschen",
                "<p>Öffnen Sie den Chat mit Meta AI, tippen Sie auf den Namen oben und wählen Sie <b>Chat "
                "löschen</b>.</p>",
                ("Meta AI", "Chat löschen"),
            ),
        ],
    },
    "en": {
        "title": "WhatsApp: why there is no form",
        "slug": "whatsapp-no-form",
        "goal": "Keep your WhatsApp chats away from Meta AI",
        "intro": "<p>There is no objection form for WhatsApp, and you do not need one: private chats are "
        "end-to-end encrypted and not part of the AI training. Only what you write to Meta AI yourself "
        "is concerned. If you do not use Meta AI, there is nothing to do.</p>",
        "steps": [
            Step(
                "recognise-meta-ai",
                "Recognise Meta AI",
                "<p>Meta AI shows up as a colourful ring on the chats screen and as a chat called <b>Meta AI</b>.</p>",
            ),
            Step(
                "avoid-meta-ai",
                "Keep Meta AI out of your chats",
                "<p>Do not start a chat with Meta AI and do not mention <i>@Meta AI</i> in groups. What you "
                "write there goes to Meta.</p>",
                tip="Share nothing with Meta AI that you would not also post in public.",
            ),
            Step(
                "delete-ai-chat",
                "Delete old chats with Meta AI",
                "<p>Open the chat with Meta AI, tap the name at the top and choose <b>Delete chat</b>.</p>",
                ("Meta AI", "Delete chat"),
            ),
        ],
    },
    "es": {
        "title": "WhatsApp: por qué no hay formulario",
        "slug": "whatsapp-sin-formulario",
        "goal": "Mantener sus chats de WhatsApp lejos de Meta AI",
        "intro": "<p>Para WhatsApp no hay formulario de oposición, y tampoco lo necesita: los chats privados "
        "están cifrados de extremo a extremo y no forman parte del entrenamiento de IA. Solo afecta a lo "
        "que usted mismo escribe a Meta AI. Si no usa Meta AI, no tiene que hacer nada.</p>",
        "steps": [
            Step(
                "recognise-meta-ai",
                "Reconocer Meta AI",
                "<p>Meta AI aparece como un anillo de colores en la pantalla de chats y como un chat llamado "
                "<b>Meta AI</b>.</p>",
            ),
            Step(
                "avoid-meta-ai",
                "Dejar Meta AI fuera de sus chats",
                "<p>No inicie chats con Meta AI ni mencione <i>@Meta AI</i> en los grupos. Lo que escribe ahí "
                "llega a Meta.</p>",
                tip="No comparta con Meta AI nada que no publicaría también en abierto.",
            ),
            Step(
                "delete-ai-chat",
                "Borrar chats antiguos con Meta AI",
                "<p>Abra el chat con Meta AI, toque el nombre arriba y elija <b>Eliminar chat</b>.</p>",
                ("Meta AI", "Eliminar chat"),
            ),
        ],
    },
    "fr": {
        "title": "WhatsApp : pourquoi il n’y a pas de formulaire",
        "slug": "whatsapp-pas-de-formulaire",
        "goal": "Tenir vos discussions WhatsApp à l’écart de Meta AI",
        "intro": "<p>Il n’existe pas de formulaire d’opposition pour WhatsApp, et vous n’en avez pas besoin : les "
        "discussions privées sont chiffrées de bout en bout et ne servent pas à l’entraînement de l’IA. "
        "Seul ce que vous écrivez vous-même à Meta AI est concerné. Si vous n’utilisez pas Meta AI, vous "
        "n’avez rien à faire.</p>",
        "steps": [
            Step(
                "recognise-meta-ai",
                "Reconnaître Meta AI",
                "<p>Meta AI apparaît sous la forme d’un anneau coloré sur l’écran des discussions et d’une "
                "discussion nommée <b>Meta AI</b>.</p>",
            ),
            Step(
                "avoid-meta-ai",
                "Tenir Meta AI hors de vos discussions",
                "<p>N’ouvrez pas de discussion avec Meta AI et ne mentionnez pas <i>@Meta AI</i> dans les "
                "groupes. Ce que vous y écrivez part chez Meta.</p>",
                tip="Ne confiez à Meta AI rien que vous ne publieriez pas aussi en public.",
            ),
            Step(
                "delete-ai-chat",
                "Supprimer les anciennes discussions avec Meta AI",
                "<p>Ouvrez la discussion avec Meta AI, touchez le nom en haut et choisissez <b>Supprimer la "
                "discussion</b>.</p>",
                ("Meta AI", "Supprimer la discussion"),
            ),
        ],
    },
    "pt": {
        "title": "WhatsApp: porque não há formulário",
        "slug": "whatsapp-sem-formulario",
        "goal": "Manter as suas conversas do WhatsApp longe da Meta AI",
        "intro": "<p>Não há formulário de oposição para o WhatsApp, nem precisa de um: as conversas privadas são "
        "encriptadas de ponta a ponta e não fazem parte do treino de IA. Só está em causa o que escreve "
        "à Meta AI. Se não usa a Meta AI, não tem nada a fazer.</p>",
        "steps": [
            Step(
                "recognise-meta-ai",
                "Reconhecer a Meta AI",
                "<p>A Meta AI aparece como um anel colorido no ecrã das conversas e como uma conversa chamada "
                "<b>Meta AI</b>.</p>",
            ),
            Step(
                "avoid-meta-ai",
                "Deixar a Meta AI fora das suas conversas",
                "<p>Não inicie conversas com a Meta AI nem mencione <i>@Meta AI</i> nos grupos. O que lá "
                "escreve vai para a Meta.</p>",
                tip="Não partilhe com a Meta AI nada que não publicaria também em público.",
            ),
            Step(
                "delete-ai-chat",
                "Apagar conversas antigas com a Meta AI",
                "<p>Abra a conversa com a Meta AI, toque no nome no topo e escolha <b>Apagar conversa</b>.</p>",
                ("Meta AI", "Apagar conversa"),
            ),
        ],
    },
}
