"""Two deadlines: the real one of the case (passed) and an example that always lies ahead, so the countdown shows."""

import calendar
import zoneinfo
from datetime import datetime

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")

# --- The objection deadline of May 2025 ----------------------------------------------------------------------

META_OBJECTION_KEY = "deadline-meta-ai-objection"
META_OBJECTION_DUE_AT = datetime(2025, 5, 26, 23, 59, 59, tzinfo=BERLIN)

META_OBJECTION = {
    "de": {
        "title": "Widerspruch gegen Metas KI-Training",
        "slug": "widerspruch-meta-ki-training",
        "summary": "Wer nicht wollte, dass Meta seine öffentlichen Inhalte für KI nutzt, musste bis zum 26. Mai "
        "2025 widersprechen.",
        "about": "<p>Ab dem 27. Mai 2025 wollte Meta öffentliche Inhalte erwachsener Nutzerinnen und Nutzer in der "
        "EU verwenden, um seine KI-Modelle zu trainieren. Über ein Formular auf Facebook und Instagram "
        "ließ sich dem widersprechen.</p>",
        "before_text": "<p>Noch ist Zeit: Ein Widerspruch bis zum Ende des 26. Mai hält auch alles heraus, was "
        "Sie bisher veröffentlicht haben. Folgen Sie der Anleitung für Ihre Plattform.</p>",
        "after_text": "<p>Widersprechen können Sie weiterhin, doch das gilt jetzt nur noch für "
        "Inhalte, die Sie ab jetzt veröffentlichen – was schon im Training war, bleibt dort.</p>",
    },
    "en": {
        "title": "Objecting to Meta’s AI training",
        "slug": "objection-meta-ai-training",
        "summary": "Anyone who did not want Meta to use their public content for AI had to object by 26 May 2025.",
        "about": "<p>From 27 May 2025 Meta planned to train its AI models on public content of adult users in the "
        "EU. A form on Facebook and Instagram let people object.</p>",
        "before_text": "<p>There is still time: an objection filed before the end of 26 May also keeps out "
        "everything you have posted so far. Follow the guide for your platform.</p>",
        "after_text": "<p>You can still object, but it now only covers what you post "
        "from here on – content already used for training stays in it.</p>",
    },
    "es": {
        "title": "Oposición al entrenamiento de IA de Meta",
        "slug": "oposicion-entrenamiento-ia-meta",
        "summary": "Quien no quería que Meta usara su contenido público para la IA debía oponerse hasta el 26 de "
        "mayo de 2025 inclusive.",
        "about": "<p>A partir del 27 de mayo de 2025, Meta quería entrenar sus modelos de IA con el contenido "
        "público de usuarios adultos de la UE. Un formulario en Facebook e Instagram permitía "
        "oponerse.</p>",
        "before_text": "<p>Aún hay tiempo: una oposición presentada antes de que termine el 26 de mayo deja fuera "
        "también todo lo que ha publicado hasta ahora. Siga la guía de su plataforma.</p>",
        "after_text": "<p>Todavía puede oponerse, pero solo afectará a lo que publique a "
        "partir de ahora: lo que ya se usó para entrenar se queda ahí.</p>",
    },
    "fr": {
        "title": "S’opposer à l’entraînement de l’IA de Meta",
        "slug": "opposition-entrainement-ia-meta",
        "summary": "Pour que Meta n’utilise pas vos contenus publics pour son IA, il fallait s’y opposer "
        "jusqu’au 26 mai 2025 inclus.",
        "about": "<p>À partir du 27 mai 2025, Meta prévoyait d’entraîner ses modèles d’IA avec les contenus "
        "publics des utilisateurs adultes de l’UE. Un formulaire sur Facebook et Instagram permettait de "
        "s’y opposer.</p>",
        "before_text": "<p>Il est encore temps : une opposition envoyée avant la fin du 26 mai protège aussi tout "
        "ce que vous avez publié jusqu’ici. Suivez le guide de votre plateforme.</p>",
        "after_text": "<p>Vous pouvez toujours vous opposer, mais cela ne vaut plus que "
        "pour ce que vous publierez désormais : ce qui a déjà servi à l’entraînement y reste.</p>",
    },
    "pt": {
        "title": "Oposição ao treino de IA da Meta",
        "slug": "oposicao-treino-ia-meta",
        "summary": "Quem não queria que a Meta usasse os seus conteúdos públicos para IA tinha de se opor até 26 de "
        "maio de 2025.",
        "about": "<p>A partir de 27 de maio de 2025, a Meta pretendia treinar os seus modelos de IA com conteúdos "
        "públicos de utilizadores adultos da UE. Um formulário no Facebook e no Instagram permitia "
        "opor-se.</p>",
        "before_text": "<p>Ainda vai a tempo: uma oposição feita antes do fim do dia 26 de maio deixa de fora "
        "também tudo o que publicou até agora. Siga o guia da sua plataforma.</p>",
        "after_text": "<p>Ainda se pode opor, mas isso só abrange o que publicar daqui em "
        "diante: o que já foi usado no treino fica lá.</p>",
    },
}

# --- An example deadline that moves with the calendar ---------------------------------------------------------

EXAMPLE_KEY = "deadline-example-connected-apps"


def example_due_at(today):
    """The end of the month after next (23:59:59 Berlin time): always a month or more ahead of ``today``."""
    month_index = today.month + 1  # zero-based month of "the month after next"
    year, month = today.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime(year, month, last_day, 23, 59, 59, tzinfo=BERLIN)


EXAMPLE = {
    "de": {
        "title": "Beispielfrist: verbundene Apps aufräumen",
        "slug": "beispielfrist-verbundene-apps",
        "summary": "Ein Beispiel aus den Demo-Inhalten: Prüfen Sie bis zum Monatsende, welche Apps noch Zugriff "
        "auf Ihre Konten haben.",
        "about": "<p><strong>Dies ist eine Beispielfrist der Demo.</strong> Ihr Datum liegt immer am Ende des "
        "übernächsten Monats, damit der Countdown etwas zu zählen hat.</p><p>Viele Menschen haben vor "
        "Jahren Spielen, Quiz-Apps oder Diensten erlaubt, auf ihr Profil zuzugreifen – und das nie "
        "zurückgenommen. Ein fester Termin hilft, solche Zugänge regelmäßig zu prüfen.</p>",
        "before_text": "<ul><li>Öffnen Sie in jedem Konto die Liste der verbundenen Apps und Websites.</li>"
        "<li>Entfernen Sie alles, was Sie nicht mehr nutzen.</li>"
        "<li>Notieren Sie sich einen Termin für die nächste Prüfung.</li></ul>",
        "after_text": "<p>Das Beispieldatum ist vorbei. Beim nächsten Laden der Demo rückt es wieder nach vorn.</p>",
    },
    "en": {
        "title": "Example deadline: clean up connected apps",
        "slug": "example-deadline-connected-apps",
        "summary": "An example from the demo content: check by the end of the month which apps can still reach "
        "your accounts.",
        "about": "<p><strong>This is an example deadline of the demo.</strong> Its date is always the end of the "
        "month after next, so the countdown has something to count.</p><p>Many people let games, quiz "
        "apps or services into their profile years ago and never took that back. A fixed date helps to "
        "review such access regularly.</p>",
        "before_text": "<ul><li>Open the list of connected apps and websites in each account.</li>"
        "<li>Remove everything you no longer use.</li>"
        "<li>Put a date for the next check in your calendar.</li></ul>",
        "after_text": "<p>The example date has passed. The next time the demo is loaded, it moves ahead again.</p>",
    },
    "es": {
        "title": "Plazo de ejemplo: revisar las aplicaciones conectadas",
        "slug": "plazo-ejemplo-aplicaciones-conectadas",
        "summary": "Un ejemplo del contenido de demostración: compruebe antes de fin de mes qué aplicaciones "
        "siguen accediendo a sus cuentas.",
        "about": "<p><strong>Este es un plazo de ejemplo de la demostración.</strong> Su fecha es siempre el final "
        "del mes siguiente al próximo, para que la cuenta atrás tenga algo que contar.</p><p>Mucha gente "
        "dio acceso a su perfil a juegos, tests o servicios hace años y nunca lo retiró. Una fecha fija "
        "ayuda a revisar esos accesos con regularidad.</p>",
        "before_text": "<ul><li>Abra en cada cuenta la lista de aplicaciones y sitios web conectados.</li>"
        "<li>Elimine todo lo que ya no use.</li>"
        "<li>Anote en su calendario la fecha de la próxima revisión.</li></ul>",
        "after_text": "<p>La fecha de ejemplo ha pasado. La próxima vez que se cargue la demostración, volverá "
        "a adelantarse.</p>",
    },
    "fr": {
        "title": "Échéance d’exemple : faire le tri dans les applications connectées",
        "slug": "echeance-exemple-applications-connectees",
        "summary": "Un exemple du contenu de démonstration : vérifiez d’ici la fin du mois quelles applications "
        "accèdent encore à vos comptes.",
        "about": "<p><strong>Ceci est une échéance d’exemple de la démonstration.</strong> Sa date tombe toujours "
        "à la fin du mois suivant le prochain, pour que le compte à rebours ait quelque chose à "
        "compter.</p><p>Beaucoup de gens ont ouvert leur profil à des jeux, des quiz ou des services il y "
        "a des années sans jamais revenir en arrière. Une date fixe aide à revoir ces accès "
        "régulièrement.</p>",
        "before_text": "<ul><li>Ouvrez dans chaque compte la liste des applications et sites connectés.</li>"
        "<li>Supprimez tout ce que vous n’utilisez plus.</li>"
        "<li>Notez dans votre agenda la date de la prochaine vérification.</li></ul>",
        "after_text": "<p>La date d’exemple est passée. Au prochain chargement de la démonstration, elle sera "
        "repoussée.</p>",
    },
    "pt": {
        "title": "Prazo de exemplo: arrumar as aplicações ligadas",
        "slug": "prazo-exemplo-aplicacoes-ligadas",
        "summary": "Um exemplo do conteúdo de demonstração: verifique até ao fim do mês que aplicações ainda têm "
        "acesso às suas contas.",
        "about": "<p><strong>Este é um prazo de exemplo da demonstração.</strong> A data é sempre o fim do mês "
        "a seguir ao próximo, para que a contagem decrescente tenha algo para contar.</p><p>Muitas "
        "pessoas deram acesso ao seu perfil a jogos, testes ou serviços há anos e nunca o retiraram. Uma "
        "data fixa ajuda a rever esses acessos com regularidade.</p>",
        "before_text": "<ul><li>Abra em cada conta a lista de aplicações e sites ligados.</li>"
        "<li>Remova tudo o que já não usa.</li>"
        "<li>Marque na agenda a data da próxima verificação.</li></ul>",
        "after_text": "<p>A data de exemplo já passou. Da próxima vez que a demonstração for carregada, volta a "
        "avançar.</p>",
    },
}
