"""Guide: object to AI training on Facebook, on the web and in the Android and iOS apps (steps as of May 2025).

Step keys ("log-in", "open-privacy-center", …) are the same in every language and on every surface; the block ids
derived from them are what step reports and translations line up on. Menu labels are the app's own words in each
language, as far as we know them.
"""

from datetime import date

from .blocks import Step
from .deadlines import META_OBJECTION_KEY

KEY = "guide-facebook-ai-objection"
PLATFORM = "facebook"
DEADLINE = META_OBJECTION_KEY
LAST_VERIFIED_ON = date(2025, 5, 20)
# What the steps were checked with, per surface (shown to readers next to the date).
APP_VERSIONS = {"web": "facebook.com, Firefox 138", "android": "Facebook 512.0", "ios": "Facebook 512.0"}


def _german():
    privacy_center = ("Einstellungen und Privatsphäre", "Datenschutzcenter")
    rights = "Rechte in Bezug auf Datenschutz ausüben"
    shared = [
        Step(
            "exercise-rights",
            "Datenschutzrechte aufrufen",
            f"<p>Wählen Sie im Datenschutzcenter <b>{rights}</b>.</p>",
            (rights,),
            tip="Sie finden den Eintrag nicht? Suchen Sie im Datenschutzcenter nach „KI“.",
        ),
        Step(
            "choose-objection",
            "Widerspruch gegen KI-Training wählen",
            "<p>Wählen Sie die Option, der Nutzung Ihrer Informationen für KI bei Meta zu widersprechen. "
            "Es öffnet sich ein Formular.</p>",
        ),
        Step(
            "submit-form",
            "E-Mail-Adresse eintragen und absenden",
            "<p>Tragen Sie die E-Mail-Adresse Ihres Kontos ein. Eine Begründung ist nicht nötig. "
            "Senden Sie das Formular ab.</p>",
            tip="Heben Sie die Bestätigung von Meta auf – als Nachweis, dass Sie rechtzeitig widersprochen haben.",
        ),
    ]
    return {
        "title": "Facebook: dem KI-Training widersprechen",
        "slug": "facebook-ki-training-widersprechen",
        "goal": "Verhindern, dass Meta Ihre öffentlichen Facebook-Inhalte für seine KI nutzt",
        "intro": "<p>Meta trainiert seine KI mit öffentlichen Inhalten von Facebook. Mit dem Widerspruchsformular "
        "halten Sie Ihre Beiträge, Fotos und Profilangaben heraus. Sie brauchen ein paar Minuten und "
        "Zugang zu Ihrem E-Mail-Postfach.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Bei Facebook anmelden",
                    "<p>Öffnen Sie facebook.com im Browser und melden Sie sich mit dem Konto an, das Sie schützen "
                    "möchten.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Datenschutzcenter öffnen",
                    "<p>Klicken Sie oben rechts auf Ihr Profilbild, dann auf <b>Einstellungen und "
                    "Privatsphäre</b> und auf <b>Datenschutzcenter</b>.</p>",
                    privacy_center,
                ),
                *shared,
            ],
            "android": [
                Step(
                    "log-in",
                    "Facebook-App öffnen",
                    "<p>Öffnen Sie die App und prüfen Sie, ob Sie mit dem richtigen Konto angemeldet sind.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Datenschutzcenter öffnen",
                    "<p>Tippen Sie oben rechts auf das Menü (drei Striche), dann auf <b>Einstellungen und "
                    "Privatsphäre</b> und auf <b>Datenschutzcenter</b>.</p>",
                    ("Menü", *privacy_center),
                ),
                *shared,
            ],
            "ios": [
                Step(
                    "log-in",
                    "Facebook-App öffnen",
                    "<p>Öffnen Sie die App und prüfen Sie, ob Sie mit dem richtigen Konto angemeldet sind.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Datenschutzcenter öffnen",
                    "<p>Tippen Sie unten rechts auf <b>Menü</b>, dann auf <b>Einstellungen und Privatsphäre</b> "
                    "und auf <b>Datenschutzcenter</b>.</p>",
                    ("Menü", *privacy_center),
                    warning="Ältere App-Versionen zeigen das Datenschutzcenter nicht. Aktualisieren Sie die App "
                    "zuerst oder nutzen Sie den Browser.",
                ),
                *shared,
            ],
        },
    }


def _english():
    privacy_center = ("Settings & privacy", "Privacy Center")
    rights = "Exercise your privacy rights"
    shared = [
        Step(
            "exercise-rights",
            "Go to your privacy rights",
            f"<p>In the Privacy Center, choose <b>{rights}</b>.</p>",
            (rights,),
            tip="Cannot find it? Search the Privacy Center for “AI”.",
        ),
        Step(
            "choose-objection",
            "Choose to object to AI training",
            "<p>Pick the option to object to your information being used for AI at Meta. A form opens.</p>",
        ),
        Step(
            "submit-form",
            "Enter your e-mail address and submit",
            "<p>Enter the e-mail address of your account. You do not need to give a reason. Send the form.</p>",
            tip="Keep Meta’s confirmation as proof that you objected in time.",
        ),
    ]
    return {
        "title": "Facebook: object to AI training",
        "slug": "facebook-object-ai-training",
        "goal": "Stop Meta from using your public Facebook content for its AI",
        "intro": "<p>Meta trains its AI on public content from Facebook. The objection form keeps your posts, "
        "photos and profile details out of it. You need a few minutes and access to your e-mail.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Log in to Facebook",
                    "<p>Open facebook.com in your browser and log in to the account you want to protect.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Open the Privacy Center",
                    "<p>Click your profile picture at the top right, then <b>Settings &amp; privacy</b>, then "
                    "<b>Privacy Center</b>.</p>",
                    privacy_center,
                ),
                *shared,
            ],
            "android": [
                Step(
                    "log-in",
                    "Open the Facebook app",
                    "<p>Open the app and check that you are logged in to the right account.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Open the Privacy Center",
                    "<p>Tap the menu (three lines) at the top right, then <b>Settings &amp; privacy</b>, then "
                    "<b>Privacy Center</b>.</p>",
                    ("Menu", *privacy_center),
                ),
                *shared,
            ],
            "ios": [
                Step(
                    "log-in",
                    "Open the Facebook app",
                    "<p>Open the app and check that you are logged in to the right account.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Open the Privacy Center",
                    "<p>Tap <b>Menu</b> at the bottom right, then <b>Settings &amp; privacy</b>, then "
                    "<b>Privacy Center</b>.</p>",
                    ("Menu", *privacy_center),
                    warning="Older versions of the app do not show the Privacy Center. Update the app first or "
                    "use a browser.",
                ),
                *shared,
            ],
        },
    }


def _spanish():
    privacy_center = ("Configuración y privacidad", "Centro de privacidad")
    rights = "Ejercer tus derechos de privacidad"
    shared = [
        Step(
            "exercise-rights",
            "Abrir sus derechos de privacidad",
            f"<p>En el Centro de privacidad, elija <b>{rights}</b>.</p>",
            (rights,),
            tip="¿No lo encuentra? Busque «IA» en el Centro de privacidad.",
        ),
        Step(
            "choose-objection",
            "Elegir la oposición al entrenamiento de IA",
            "<p>Seleccione la opción para oponerse a que Meta use su información para la IA. Se abre un "
            "formulario.</p>",
        ),
        Step(
            "submit-form",
            "Indicar su correo electrónico y enviar",
            "<p>Escriba la dirección de correo de su cuenta. No hace falta dar ningún motivo. Envíe el formulario.</p>",
            tip="Guarde la confirmación de Meta como prueba de que se opuso a tiempo.",
        ),
    ]
    return {
        "title": "Facebook: oponerse al entrenamiento de IA",
        "slug": "facebook-oponerse-entrenamiento-ia",
        "goal": "Impedir que Meta use su contenido público de Facebook para su IA",
        "intro": "<p>Meta entrena su IA con contenido público de Facebook. Con el formulario de oposición deja "
        "fuera sus publicaciones, fotos y datos de perfil. Necesita unos minutos y acceso a su correo.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Iniciar sesión en Facebook",
                    "<p>Abra facebook.com en el navegador e inicie sesión con la cuenta que quiere proteger.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Abrir el Centro de privacidad",
                    "<p>Haga clic en su foto de perfil, arriba a la derecha, luego en <b>Configuración y "
                    "privacidad</b> y en <b>Centro de privacidad</b>.</p>",
                    privacy_center,
                ),
                *shared,
            ],
            "android": [
                Step(
                    "log-in",
                    "Abrir la aplicación de Facebook",
                    "<p>Abra la aplicación y compruebe que ha iniciado sesión con la cuenta correcta.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Abrir el Centro de privacidad",
                    "<p>Toque el menú (tres rayas) arriba a la derecha, luego <b>Configuración y privacidad</b> y "
                    "<b>Centro de privacidad</b>.</p>",
                    ("Menú", *privacy_center),
                ),
                *shared,
            ],
            "ios": [
                Step(
                    "log-in",
                    "Abrir la aplicación de Facebook",
                    "<p>Abra la aplicación y compruebe que ha iniciado sesión con la cuenta correcta.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Abrir el Centro de privacidad",
                    "<p>Toque <b>Menú</b> abajo a la derecha, luego <b>Configuración y privacidad</b> y "
                    "<b>Centro de privacidad</b>.</p>",
                    ("Menú", *privacy_center),
                    warning="Las versiones antiguas de la aplicación no muestran el Centro de privacidad. "
                    "Actualícela primero o use el navegador.",
                ),
                *shared,
            ],
        },
    }


def _french():
    privacy_center = ("Paramètres et confidentialité", "Centre de confidentialité")
    rights = "Exercer vos droits en matière de confidentialité"
    shared = [
        Step(
            "exercise-rights",
            "Ouvrir vos droits de confidentialité",
            f"<p>Dans le Centre de confidentialité, choisissez <b>{rights}</b>.</p>",
            (rights,),
            tip="Introuvable ? Cherchez « IA » dans le Centre de confidentialité.",
        ),
        Step(
            "choose-objection",
            "Choisir l’opposition à l’entraînement de l’IA",
            "<p>Sélectionnez l’option pour vous opposer à l’utilisation de vos informations pour l’IA chez Meta. "
            "Un formulaire s’ouvre.</p>",
        ),
        Step(
            "submit-form",
            "Saisir votre adresse e-mail et envoyer",
            "<p>Indiquez l’adresse e-mail de votre compte. Aucune justification n’est nécessaire. Envoyez le "
            "formulaire.</p>",
            tip="Conservez la confirmation de Meta : elle prouve que vous vous êtes opposé à temps.",
        ),
    ]
    return {
        "title": "Facebook : s’opposer à l’entraînement de l’IA",
        "slug": "facebook-opposition-entrainement-ia",
        "goal": "Empêcher Meta d’utiliser vos contenus Facebook publics pour son IA",
        "intro": "<p>Meta entraîne son IA avec les contenus publics de Facebook. Le formulaire d’opposition en "
        "exclut vos publications, photos et informations de profil. Comptez quelques minutes et un accès "
        "à votre messagerie.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Se connecter à Facebook",
                    "<p>Ouvrez facebook.com dans le navigateur et connectez-vous au compte à protéger.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Ouvrir le Centre de confidentialité",
                    "<p>Cliquez sur votre photo de profil en haut à droite, puis sur <b>Paramètres et "
                    "confidentialité</b> et sur <b>Centre de confidentialité</b>.</p>",
                    privacy_center,
                ),
                *shared,
            ],
            "android": [
                Step(
                    "log-in",
                    "Ouvrir l’application Facebook",
                    "<p>Ouvrez l’application et vérifiez que vous êtes connecté au bon compte.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Ouvrir le Centre de confidentialité",
                    "<p>Touchez le menu (trois traits) en haut à droite, puis <b>Paramètres et "
                    "confidentialité</b> et <b>Centre de confidentialité</b>.</p>",
                    ("Menu", *privacy_center),
                ),
                *shared,
            ],
            "ios": [
                Step(
                    "log-in",
                    "Ouvrir l’application Facebook",
                    "<p>Ouvrez l’application et vérifiez que vous êtes connecté au bon compte.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Ouvrir le Centre de confidentialité",
                    "<p>Touchez <b>Menu</b> en bas à droite, puis <b>Paramètres et confidentialité</b> et "
                    "<b>Centre de confidentialité</b>.</p>",
                    ("Menu", *privacy_center),
                    warning="Les anciennes versions de l’application n’affichent pas le Centre de "
                    "confidentialité. Mettez-la d’abord à jour ou passez par le navigateur.",
                ),
                *shared,
            ],
        },
    }


def _portuguese():
    privacy_center = ("Definições e privacidade", "Centro de Privacidade")
    rights = "Exercer os seus direitos de privacidade"
    shared = [
        Step(
            "exercise-rights",
            "Abrir os seus direitos de privacidade",
            f"<p>No Centro de Privacidade, escolha <b>{rights}</b>.</p>",
            (rights,),
            tip="Não encontra? Pesquise «IA» no Centro de Privacidade.",
        ),
        Step(
            "choose-objection",
            "Escolher a oposição ao treino de IA",
            "<p>Selecione a opção para se opor a que a Meta use as suas informações para IA. Abre-se um "
            "formulário.</p>",
        ),
        Step(
            "submit-form",
            "Indicar o seu e-mail e enviar",
            "<p>Escreva o endereço de e-mail da sua conta. Não precisa de dar qualquer motivo. Envie o formulário.</p>",
            tip="Guarde a confirmação da Meta como prova de que se opôs a tempo.",
        ),
    ]
    return {
        "title": "Facebook: opor-se ao treino de IA",
        "slug": "facebook-opor-se-treino-ia",
        "goal": "Impedir que a Meta use os seus conteúdos públicos do Facebook para a sua IA",
        "intro": "<p>A Meta treina a sua IA com conteúdos públicos do Facebook. Com o formulário de oposição, "
        "deixa de fora as suas publicações, fotos e dados de perfil. Precisa de alguns minutos e de acesso "
        "ao seu e-mail.</p>",
        "steps": {
            "web": [
                Step(
                    "log-in",
                    "Iniciar sessão no Facebook",
                    "<p>Abra facebook.com no navegador e inicie sessão na conta que quer proteger.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Abrir o Centro de Privacidade",
                    "<p>Clique na sua foto de perfil, no canto superior direito, depois em <b>Definições e "
                    "privacidade</b> e em <b>Centro de Privacidade</b>.</p>",
                    privacy_center,
                ),
                *shared,
            ],
            "android": [
                Step(
                    "log-in",
                    "Abrir a aplicação do Facebook",
                    "<p>Abra a aplicação e confirme que tem sessão iniciada na conta certa.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Abrir o Centro de Privacidade",
                    "<p>Toque no menu (três traços) no canto superior direito, depois em <b>Definições e "
                    "privacidade</b> e em <b>Centro de Privacidade</b>.</p>",
                    ("Menu", *privacy_center),
                ),
                *shared,
            ],
            "ios": [
                Step(
                    "log-in",
                    "Abrir a aplicação do Facebook",
                    "<p>Abra a aplicação e confirme que tem sessão iniciada na conta certa.</p>",
                ),
                Step(
                    "open-privacy-center",
                    "Abrir o Centro de Privacidade",
                    "<p>Toque em <b>Menu</b> no canto inferior direito, depois em <b>Definições e "
                    "privacidade</b> e em <b>Centro de Privacidade</b>.</p>",
                    ("Menu", *privacy_center),
                    warning="As versões antigas da aplicação não mostram o Centro de Privacidade. Atualize-a "
                    "primeiro ou use o navegador.",
                ),
                *shared,
            ],
        },
    }


TEXTS = {"de": _german(), "en": _english(), "es": _spanish(), "fr": _french(), "pt": _portuguese()}
