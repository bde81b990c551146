"""Guide: object to AI training on Instagram, in a web browser (steps as of May 2025).

In May 2025 the form was easiest to reach on instagram.com, so the guide has the one surface "web".
"""

from datetime import date

from .blocks import Step
from .deadlines import META_OBJECTION_KEY

KEY = "guide-instagram-ai-objection"
PLATFORM = "instagram"
DEADLINE = META_OBJECTION_KEY
LAST_VERIFIED_ON = date(2025, 5, 21)
# What the steps were checked with, per surface (shown to readers next to the date).
APP_VERSIONS = {"web": "instagram.com, Firefox 138"}

TEXTS = {
    "de": {
        "title": "Instagram: dem KI-Training widersprechen",
        "slug": "instagram-ki-training-widersprechen",
        "goal": "Verhindern, dass Meta Ihre öffentlichen Instagram-Beiträge für seine KI nutzt",
        "intro": "<p>Öffentliche Beiträge, Reels und Stories von Instagram fließen in Metas KI-Training ein, wenn "
        "Sie nicht widersprechen. Am einfachsten geht das im Browser. Halten Sie Ihr E-Mail-Postfach "
        "bereit: Meta schickt eine Bestätigung.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Bei Instagram anmelden",
                    "<p>Öffnen Sie instagram.com im Browser und melden Sie sich an.</p>",
                    tip="Haben Sie mehrere Konten, widersprechen Sie für jedes einzeln.",
                ),
                Step(
                    "open-privacy-center",
                    "Datenschutzcenter öffnen",
                    "<p>Öffnen Sie <b>Einstellungen</b>, dann <b>Privatsphäre</b> und dort das "
                    "<b>Datenschutzcenter</b>.</p>",
                    ("Einstellungen", "Privatsphäre", "Datenschutzcenter"),
                ),
                Step(
                    "choose-objection",
                    "Widerspruch gegen KI-Training wählen",
                    "<p>Wählen Sie die Option, der Nutzung Ihrer Informationen für KI bei Meta zu widersprechen.</p>",
                ),
                Step(
                    "fill-in-form",
                    "Formular ausfüllen",
                    "<p>Tragen Sie Ihre E-Mail-Adresse ein und senden Sie das Formular ab. Eine Begründung ist "
                    "freiwillig.</p>",
                ),
                Step(
                    "confirm-email",
                    "E-Mail von Meta bestätigen",
                    "<p>Öffnen Sie die Nachricht, die Meta Ihnen schickt, und bestätigen Sie den Widerspruch.</p>",
                    warning="Ohne Bestätigung ist der Widerspruch womöglich nicht wirksam. Schauen Sie auch im "
                    "Spam-Ordner nach.",
                ),
            ]
        },
    },
    "en": {
        "title": "Instagram: object to AI training",
        "slug": "instagram-object-ai-training",
        "goal": "Stop Meta from using your public Instagram posts for its AI",
        "intro": "<p>Public posts, reels and stories from Instagram go into Meta’s AI training unless you object. "
        "It is easiest in a browser. Keep your inbox at hand: Meta sends a confirmation.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Log in to Instagram",
                    "<p>Open instagram.com in your browser and log in.</p>",
                    tip="If you have several accounts, object for each one separately.",
                ),
                Step(
                    "open-privacy-center",
                    "Open the Privacy Center",
                    "<p>Open <b>Settings</b>, then <b>Privacy</b>, and there the <b>Privacy Center</b>.</p>",
                    ("Settings", "Privacy", "Privacy Center"),
                ),
                Step(
                    "choose-objection",
                    "Choose to object to AI training",
                    "<p>Pick the option to object to your information being used for AI at Meta.</p>",
                ),
                Step(
                    "fill-in-form",
                    "Fill in the form",
                    "<p>Enter your e-mail address and send the form. Giving a reason is optional.</p>",
                ),
                Step(
                    "confirm-email",
                    "Confirm Meta’s e-mail",
                    "<p>Open the message Meta sends you and confirm the objection.</p>",
                    warning="Without the confirmation the objection may not take effect. Check your spam folder too.",
                ),
            ]
        },
    },
    "es": {
        "title": "Instagram: oponerse al entrenamiento de IA",
        "slug": "instagram-oponerse-entrenamiento-ia",
        "goal": "Impedir que Meta use sus publicaciones públicas de Instagram para su IA",
        "intro": "<p>Las publicaciones, reels e historias públicas de Instagram entran en el entrenamiento de la IA "
        "de Meta si no se opone. Lo más sencillo es hacerlo en el navegador. Tenga a mano su correo: "
        "Meta envía una confirmación.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Iniciar sesión en Instagram",
                    "<p>Abra instagram.com en el navegador e inicie sesión.</p>",
                    tip="Si tiene varias cuentas, opóngase en cada una por separado.",
                ),
                Step(
                    "open-privacy-center",
                    "Abrir el Centro de privacidad",
                    "<p>Abra <b>Configuración</b>, luego <b>Privacidad</b> y allí el <b>Centro de privacidad</b>.</p>",
                    ("Configuración", "Privacidad", "Centro de privacidad"),
                ),
                Step(
                    "choose-objection",
                    "Elegir la oposición al entrenamiento de IA",
                    "<p>Seleccione la opción para oponerse a que Meta use su información para la IA.</p>",
                ),
                Step(
                    "fill-in-form",
                    "Rellenar el formulario",
                    "<p>Escriba su dirección de correo y envíe el formulario. Indicar un motivo es opcional.</p>",
                ),
                Step(
                    "confirm-email",
                    "Confirmar el correo de Meta",
                    "<p>Abra el mensaje que le envía Meta y confirme la oposición.</p>",
                    warning="Sin la confirmación, es posible que la oposición no tenga efecto. Mire también en la "
                    "carpeta de spam.",
                ),
            ]
        },
    },
    "fr": {
        "title": "Instagram : s’opposer à l’entraînement de l’IA",
        "slug": "instagram-opposition-entrainement-ia",
        "goal": "Empêcher Meta d’utiliser vos publications Instagram publiques pour son IA",
        "intro": "<p>Les publications, reels et stories publics d’Instagram servent à entraîner l’IA de Meta si "
        "vous ne vous y opposez pas. Le plus simple est de passer par le navigateur. Gardez votre "
        "messagerie à portée de main : Meta envoie une confirmation.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Se connecter à Instagram",
                    "<p>Ouvrez instagram.com dans le navigateur et connectez-vous.</p>",
                    tip="Si vous avez plusieurs comptes, opposez-vous pour chacun d’eux.",
                ),
                Step(
                    "open-privacy-center",
                    "Ouvrir le Centre de confidentialité",
                    "<p>Ouvrez <b>Paramètres</b>, puis <b>Confidentialité</b>, et là le <b>Centre de "
                    "confidentialité</b>.</p>",
                    ("Paramètres", "Confidentialité", "Centre de confidentialité"),
                ),
                Step(
                    "choose-objection",
                    "Choisir l’opposition à l’entraînement de l’IA",
                    "<p>Sélectionnez l’option pour vous opposer à l’utilisation de vos informations pour l’IA chez "
                    "Meta.</p>",
                ),
                Step(
                    "fill-in-form",
                    "Remplir le formulaire",
                    "<p>Indiquez votre adresse e-mail et envoyez le formulaire. Donner une raison est facultatif.</p>",
                ),
                Step(
                    "confirm-email",
                    "Confirmer l’e-mail de Meta",
                    "<p>Ouvrez le message que Meta vous envoie et confirmez l’opposition.</p>",
                    warning="Sans confirmation, l’opposition risque de ne pas être prise en compte. Regardez aussi "
                    "dans les courriers indésirables.",
                ),
            ]
        },
    },
    "pt": {
        "title": "Instagram: opor-se ao treino de IA",
        "slug": "instagram-opor-se-treino-ia",
        "goal": "Impedir que a Meta use as suas publicações públicas do Instagram para a sua IA",
        "intro": "<p>Publicações, reels e stories públicos do Instagram entram no treino de IA da Meta se não se "
        "opuser. O mais simples é fazê-lo no navegador. Tenha o seu e-mail à mão: a Meta envia uma "
        "confirmação.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Iniciar sessão no Instagram",
                    "<p>Abra instagram.com no navegador e inicie sessão.</p>",
                    tip="Se tiver várias contas, oponha-se em cada uma separadamente.",
                ),
                Step(
                    "open-privacy-center",
                    "Abrir o Centro de Privacidade",
                    "<p>Abra <b>Definições</b>, depois <b>Privacidade</b> e aí o <b>Centro de Privacidade</b>.</p>",
                    ("Definições", "Privacidade", "Centro de Privacidade"),
                ),
                Step(
                    "choose-objection",
                    "Escolher a oposição ao treino de IA",
                    "<p>Selecione a opção para se opor a que a Meta use as suas informações para IA.</p>",
                ),
                Step(
                    "fill-in-form",
                    "Preencher o formulário",
                    "<p>Escreva o seu endereço de e-mail e envie o formulário. Indicar um motivo é opcional.</p>",
                ),
                Step(
                    "confirm-email",
                    "Confirmar o e-mail da Meta",
                    "<p>Abra a mensagem que a Meta lhe envia e confirme a oposição.</p>",
                    warning="Sem a confirmação, a oposição pode não ter efeito. Veja também na pasta de spam.",
                ),
            ]
        },
    },
}
