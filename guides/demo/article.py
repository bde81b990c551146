"""The explainer article: what Meta's AI training meant for readers and why they should object.

Every language has the same blocks in the same order with the same keys, so a block has the same id in every
language and translators can compare them side by side.
"""

from datetime import date

from . import facebook_guide, instagram_guide, whatsapp_guide
from .blocks import Callout, DeadlineAction, FurtherInformation, GuideLink, Heading, Link, Paragraph, Quote
from .deadlines import META_OBJECTION_KEY

KEY = "article-meta-ai-training"
AUTHOR_NAME = "Miriam"
DATE = date(2025, 5, 14)
TOPICS = ("ai-training", "privacy-settings", "your-rights")
PLATFORMS = ("facebook", "instagram", "whatsapp")
RELATED_GUIDES = (facebook_guide.KEY, instagram_guide.KEY, whatsapp_guide.KEY)
DEADLINE = META_OBJECTION_KEY

URL_FACEBOOK_PRIVACY = "https://www.facebook.com/privacy/center/"
URL_INSTAGRAM_PRIVACY = "https://privacycenter.instagram.com/"
URL_CONSUMER_CENTRE = "https://www.verbraucherzentrale.nrw/"
URL_EDPB = "https://www.edpb.europa.eu/"

TEXTS = {
    "de": {
        "title": "Meta will mit Ihren Beiträgen seine KI trainieren – so widersprechen Sie",
        "slug": "meta-ki-training-widersprechen",
        "lead": "Ab dem 27. Mai 2025 nutzt Meta öffentliche Inhalte von Facebook und Instagram, um seine KI zu "
        "trainieren. Wer das nicht will, muss bis zum 26. Mai widersprechen. Das dauert nur wenige "
        "Minuten.",
        "body": [
            Heading("what-it-means", "Was der Widerspruch bedeutet"),
            Paragraph(
                "what-it-means-text",
                "<p>Meta fragt nicht um Erlaubnis, sondern beruft sich auf ein „berechtigtes Interesse“. "
                "Sie können aber Nein sagen: Ein Widerspruch über Metas Formular sorgt dafür, dass Ihre "
                "Inhalte nicht ins Training gehen. Kommt er rechtzeitig, gilt er auch für alles, was Sie "
                "bisher gepostet haben.</p>",
            ),
            Heading("which-content", "Welche Inhalte betroffen sind"),
            Paragraph(
                "which-content-list",
                "<ul><li>öffentliche Beiträge und Kommentare, auch in Gruppen</li>"
                "<li>öffentliche Fotos, Videos und Stories</li>"
                "<li>Profilangaben wie Name, Profilbild und Biografie</li>"
                "<li>Likes und andere Reaktionen auf öffentliche Inhalte</li>"
                "<li>Nachrichten an Metas KI-Funktionen in Gruppen oder Feeds</li></ul>",
            ),
            Callout(
                "not-concerned",
                "note",
                "Nicht betroffen",
                "<p>Private WhatsApp-Chats und Direktnachrichten auf Instagram fließen nicht ins Training ein.</p>",
            ),
            Heading("reasons", "Vier Gründe zu widersprechen"),
            Paragraph(
                "reasons-list",
                "<ol><li><b>Es gibt kein Zurück:</b> Was einmal in ein Modell eingeflossen ist, lässt sich "
                "nicht wieder herausholen.</li>"
                "<li><b>Die Rechtslage ist unsicher:</b> Die Verbraucherzentrale Nordrhein-Westfalen hat "
                "Meta deswegen abgemahnt.</li>"
                "<li><b>Es fehlt an Transparenz:</b> Meta sagt nicht genau, welche Inhalte wie verwendet "
                "werden.</li>"
                "<li><b>Betrug wird leichter:</b> Modelle, die Meinungen und Stil echter Menschen "
                "nachahmen, helfen Betrügern, glaubwürdige Nachrichten in fremdem Namen zu "
                "schreiben.</li></ol>",
            ),
            Quote(
                "reader-quote",
                "Ich dachte, meine alten Urlaubsfotos sehen nur Freunde. Dann habe ich gemerkt, dass sie seit "
                "Jahren öffentlich waren.",
                "Eine Leserin in einer Nachricht an die Redaktion",
            ),
            Heading("how-to", "So widersprechen Sie"),
            Paragraph("how-to-text", "<p>Wir haben die Schritte für jede Plattform aufgeschrieben:</p>"),
            GuideLink("link-facebook", facebook_guide.KEY, "Anleitung für Facebook (Browser, Android, iOS)"),
            GuideLink("link-instagram", instagram_guide.KEY, "Anleitung für Instagram (Browser)"),
            GuideLink("link-whatsapp", whatsapp_guide.KEY, "WhatsApp: warum es kein Formular gibt"),
            Heading("do-nothing", "Was passiert, wenn Sie nichts tun"),
            Paragraph(
                "do-nothing-text",
                "<p>Dann nutzt Meta Ihre öffentlichen Inhalte ab dem 27. Mai für das Training – auch "
                "die aus den vergangenen Jahren.</p>",
            ),
            Callout(
                "late-objection",
                "warning",
                "Später ist nur halb so gut",
                "<p>Ein Widerspruch nach dem 26. Mai schützt nur noch Inhalte, die Sie danach "
                "veröffentlichen. Was schon im Training war, bleibt dort.</p>",
            ),
            Heading("how-serious", "Wie ernst ist das?"),
            Paragraph(
                "how-serious-text",
                "<p>Panik ist nicht nötig, Gleichgültigkeit aber auch nicht. Niemand liest Ihre privaten "
                "Nachrichten mit. Doch Ihre öffentlichen Spuren aus vielen Jahren werden Rohstoff für ein "
                "Produkt, über das Sie keine Kontrolle haben.</p>",
            ),
            DeadlineAction(
                "act-now",
                "Jetzt handeln",
                "<p>Fünf Minuten reichen. Widersprechen Sie für jedes Konto einzeln und erzählen Sie "
                "Familie und Freunden davon, bevor die Frist abläuft.</p>",
                "Was Sie jetzt noch tun können",
                "<p>Die Frist ist vorbei, ein Widerspruch lohnt sich trotzdem: Er schützt alles, was Sie "
                "von nun an veröffentlichen. Widersprechen Sie für jedes Konto einzeln und prüfen Sie, "
                "welche alten Beiträge noch öffentlich sein müssen.</p>",
            ),
            FurtherInformation(
                "further-information",
                "Weitere Informationen",
                (
                    Link(
                        "facebook-privacy",
                        "Datenschutzcenter von Facebook",
                        URL_FACEBOOK_PRIVACY,
                        "hier liegt das Widerspruchsformular",
                    ),
                    Link("instagram-privacy", "Datenschutzcenter von Instagram", URL_INSTAGRAM_PRIVACY),
                    Link("consumer-centre", "Verbraucherzentrale NRW", URL_CONSUMER_CENTRE, "zur Abmahnung gegen Meta"),
                    Link(
                        "edpb",
                        "Europäischer Datenschutzausschuss",
                        URL_EDPB,
                        "Hintergrund zu KI und Datenschutz in der EU",
                    ),
                ),
            ),
        ],
    },
    "en": {
        "title": "Meta wants to train its AI on your posts – here is how to object",
        "slug": "meta-ai-training-object",
        "lead": "From 27 May 2025 Meta uses public content from Facebook and Instagram to train its AI. If you do "
        "not want that, you have to object by 26 May. It only takes a few minutes.",
        "body": [
            Heading("what-it-means", "What objecting means"),
            Paragraph(
                "what-it-means-text",
                "<p>Meta does not ask for permission; it relies on a “legitimate interest”. But you can "
                "say no: an objection through Meta’s form keeps your content out of the training. If it "
                "arrives in time, it also covers everything you have posted so far.</p>",
            ),
            Heading("which-content", "Which content is concerned"),
            Paragraph(
                "which-content-list",
                "<ul><li>public posts and comments, in groups too</li>"
                "<li>public photos, videos and stories</li>"
                "<li>profile details such as name, profile picture and bio</li>"
                "<li>likes and other reactions to public content</li>"
                "<li>messages to Meta’s AI features in groups or feeds</li></ul>",
            ),
            Callout(
                "not-concerned",
                "note",
                "Not concerned",
                "<p>Private WhatsApp chats and Instagram direct messages do not go into the training.</p>",
            ),
            Heading("reasons", "Four reasons to object"),
            Paragraph(
                "reasons-list",
                "<ol><li><b>There is no way back:</b> once something is trained into a model, it cannot "
                "be taken out again.</li>"
                "<li><b>The legal basis is in doubt:</b> the consumer protection centre of North "
                "Rhine-Westphalia has sent Meta a formal warning over it.</li>"
                "<li><b>Transparency is missing:</b> Meta does not say exactly which content is used, or "
                "how.</li>"
                "<li><b>Scams get easier:</b> models that imitate real people’s opinions and style help "
                "fraudsters write convincing messages in someone else’s name.</li></ol>",
            ),
            Quote(
                "reader-quote",
                "I thought only my friends could see my old holiday photos. Then I noticed they had been "
                "public for years.",
                "A reader, in a message to our editors",
            ),
            Heading("how-to", "How to object"),
            Paragraph("how-to-text", "<p>We have written down the steps for each platform:</p>"),
            GuideLink("link-facebook", facebook_guide.KEY, "Guide for Facebook (browser, Android, iOS)"),
            GuideLink("link-instagram", instagram_guide.KEY, "Guide for Instagram (browser)"),
            GuideLink("link-whatsapp", whatsapp_guide.KEY, "WhatsApp: why there is no form"),
            Heading("do-nothing", "What happens if you do nothing"),
            Paragraph(
                "do-nothing-text",
                "<p>Then Meta uses your public content for training from 27 May – including what you "
                "posted in past years.</p>",
            ),
            Callout(
                "late-objection",
                "warning",
                "Later is only half as good",
                "<p>An objection after 26 May only protects what you post afterwards. Whatever was "
                "already in the training stays there.</p>",
            ),
            Heading("how-serious", "How serious is it?"),
            Paragraph(
                "how-serious-text",
                "<p>There is no need to panic, but no reason to shrug either. Nobody is reading your "
                "private messages. Yet years of your public traces become raw material for a product you "
                "have no control over.</p>",
            ),
            DeadlineAction(
                "act-now",
                "Act now",
                "<p>Five minutes are enough. Object for each account separately, and tell your family "
                "and friends before the deadline runs out.</p>",
                "What you can still do",
                "<p>The deadline has passed, but objecting is still worth it: it protects everything you "
                "post from now on. Object for each account separately, and check which old posts still "
                "need to be public.</p>",
            ),
            FurtherInformation(
                "further-information",
                "Further information",
                (
                    Link(
                        "facebook-privacy",
                        "Facebook Privacy Center",
                        URL_FACEBOOK_PRIVACY,
                        "where the objection form is",
                    ),
                    Link("instagram-privacy", "Instagram Privacy Center", URL_INSTAGRAM_PRIVACY),
                    Link(
                        "consumer-centre",
                        "Consumer protection centre of North Rhine-Westphalia",
                        URL_CONSUMER_CENTRE,
                        "on its formal warning to Meta (in German)",
                    ),
                    Link(
                        "edpb",
                        "European Data Protection Board",
                        URL_EDPB,
                        "background on AI and data protection in the EU",
                    ),
                ),
            ),
        ],
    },
    "es": {
        "title": "Meta quiere entrenar su IA con sus publicaciones: así puede oponerse",
        "slug": "meta-entrenamiento-ia-oponerse",
        "lead": "A partir del 27 de mayo de 2025, Meta usa el contenido público de Facebook e Instagram para "
        "entrenar su IA. Si no quiere, debe oponerse hasta el 26 de mayo inclusive. Solo lleva unos minutos.",
        "body": [
            Heading("what-it-means", "Qué significa oponerse"),
            Paragraph(
                "what-it-means-text",
                "<p>Meta no pide permiso: alega un «interés legítimo». Pero usted puede decir que no: una "
                "oposición a través del formulario de Meta deja su contenido fuera del entrenamiento. Si "
                "llega a tiempo, cubre también todo lo que ha publicado hasta ahora.</p>",
            ),
            Heading("which-content", "Qué contenido está afectado"),
            Paragraph(
                "which-content-list",
                "<ul><li>publicaciones y comentarios públicos, también en grupos</li>"
                "<li>fotos, vídeos e historias públicas</li>"
                "<li>datos de perfil como el nombre, la foto de perfil y la biografía</li>"
                "<li>los «me gusta» y otras reacciones a contenido público</li>"
                "<li>mensajes a las funciones de IA de Meta en grupos o en el feed</li></ul>",
            ),
            Callout(
                "not-concerned",
                "note",
                "No afectado",
                "<p>Los chats privados de WhatsApp y los mensajes directos de Instagram no entran en el "
                "entrenamiento.</p>",
            ),
            Heading("reasons", "Cuatro razones para oponerse"),
            Paragraph(
                "reasons-list",
                "<ol><li><b>No hay vuelta atrás:</b> lo que entra en un modelo no se puede volver a "
                "sacar.</li>"
                "<li><b>La base legal es dudosa:</b> la central de consumidores de Renania del "
                "Norte-Westfalia ha enviado a Meta un requerimiento formal por ello.</li>"
                "<li><b>Falta transparencia:</b> Meta no dice con exactitud qué contenido usa ni cómo.</li>"
                "<li><b>Las estafas son más fáciles:</b> los modelos que imitan las opiniones y el estilo "
                "de personas reales ayudan a los estafadores a escribir mensajes creíbles en nombre de "
                "otros.</li></ol>",
            ),
            Quote(
                "reader-quote",
                "Creía que solo mis amigos veían mis fotos de vacaciones antiguas. Luego vi que llevaban años "
                "siendo públicas.",
                "Una lectora, en un mensaje a la redacción",
            ),
            Heading("how-to", "Cómo oponerse"),
            Paragraph("how-to-text", "<p>Hemos descrito los pasos para cada plataforma:</p>"),
            GuideLink("link-facebook", facebook_guide.KEY, "Guía para Facebook (navegador, Android, iOS)"),
            GuideLink("link-instagram", instagram_guide.KEY, "Guía para Instagram (navegador)"),
            GuideLink("link-whatsapp", whatsapp_guide.KEY, "WhatsApp: por qué no hay formulario"),
            Heading("do-nothing", "Qué pasa si no hace nada"),
            Paragraph(
                "do-nothing-text",
                "<p>Meta usará su contenido público para el entrenamiento a partir del 27 de mayo, "
                "incluido el de años anteriores.</p>",
            ),
            Callout(
                "late-objection",
                "warning",
                "Después solo sirve a medias",
                "<p>Una oposición posterior al 26 de mayo solo protege lo que publique a partir de "
                "entonces. Lo que ya estaba en el entrenamiento se queda ahí.</p>",
            ),
            Heading("how-serious", "¿Es grave?"),
            Paragraph(
                "how-serious-text",
                "<p>No hay motivo para el pánico, pero tampoco para la indiferencia. Nadie lee sus "
                "mensajes privados. Sin embargo, años de huellas públicas se convierten en materia prima "
                "de un producto sobre el que usted no tiene control.</p>",
            ),
            DeadlineAction(
                "act-now",
                "Actúe ahora",
                "<p>Bastan cinco minutos. Opóngase en cada cuenta por separado y avise a su familia y "
                "amistades antes de que venza el plazo.</p>",
                "Lo que aún puede hacer",
                "<p>El plazo ha vencido, pero oponerse sigue valiendo la pena: protege todo lo que "
                "publique a partir de ahora. Opóngase en cada cuenta por separado y revise qué "
                "publicaciones antiguas necesitan seguir siendo públicas.</p>",
            ),
            FurtherInformation(
                "further-information",
                "Más información",
                (
                    Link(
                        "facebook-privacy",
                        "Centro de privacidad de Facebook",
                        URL_FACEBOOK_PRIVACY,
                        "donde está el formulario de oposición",
                    ),
                    Link("instagram-privacy", "Centro de privacidad de Instagram", URL_INSTAGRAM_PRIVACY),
                    Link(
                        "consumer-centre",
                        "Central de consumidores de Renania del Norte-Westfalia",
                        URL_CONSUMER_CENTRE,
                        "sobre su requerimiento a Meta (en alemán)",
                    ),
                    Link(
                        "edpb",
                        "Comité Europeo de Protección de Datos",
                        URL_EDPB,
                        "contexto sobre IA y protección de datos en la UE",
                    ),
                ),
            ),
        ],
    },
    "fr": {
        "title": "Meta veut entraîner son IA avec vos publications : voici comment vous y opposer",
        "slug": "meta-entrainement-ia-opposition",
        "lead": "À partir du 27 mai 2025, Meta utilise les contenus publics de Facebook et d’Instagram pour "
        "entraîner son IA. Si vous ne le voulez pas, vous devez vous y opposer jusqu’au 26 mai inclus. "
        "Cela ne prend que quelques minutes.",
        "body": [
            Heading("what-it-means", "Ce que signifie s’opposer"),
            Paragraph(
                "what-it-means-text",
                "<p>Meta ne demande pas l’autorisation : il invoque un « intérêt légitime ». Mais vous "
                "pouvez refuser : une opposition via le formulaire de Meta tient vos contenus à l’écart "
                "de l’entraînement. Envoyée à temps, elle couvre aussi tout ce que vous avez publié "
                "jusqu’ici.</p>",
            ),
            Heading("which-content", "Quels contenus sont concernés"),
            Paragraph(
                "which-content-list",
                "<ul><li>les publications et commentaires publics, y compris dans les groupes</li>"
                "<li>les photos, vidéos et stories publiques</li>"
                "<li>les informations de profil : nom, photo de profil et biographie</li>"
                "<li>les mentions J’aime et autres réactions aux contenus publics</li>"
                "<li>les messages adressés aux fonctions d’IA de Meta dans les groupes ou le fil</li></ul>",
            ),
            Callout(
                "not-concerned",
                "note",
                "Non concerné",
                "<p>Les discussions privées WhatsApp et les messages privés Instagram ne servent pas à "
                "l’entraînement.</p>",
            ),
            Heading("reasons", "Quatre raisons de s’opposer"),
            Paragraph(
                "reasons-list",
                "<ol><li><b>Pas de retour en arrière :</b> ce qui est entré dans un modèle ne peut plus en "
                "être retiré.</li>"
                "<li><b>La base juridique est incertaine :</b> le centre de protection des consommateurs "
                "de Rhénanie-du-Nord-Westphalie a adressé à Meta une mise en demeure à ce sujet.</li>"
                "<li><b>La transparence manque :</b> Meta ne précise pas quels contenus sont utilisés, ni "
                "comment.</li>"
                "<li><b>Les arnaques deviennent plus faciles :</b> des modèles qui imitent les opinions et "
                "le style de vraies personnes aident les escrocs à rédiger des messages crédibles au nom "
                "d’autrui.</li></ol>",
            ),
            Quote(
                "reader-quote",
                "Je pensais que seuls mes amis voyaient mes vieilles photos de vacances. Puis j’ai vu qu’elles "
                "étaient publiques depuis des années.",
                "Une lectrice, dans un message à la rédaction",
            ),
            Heading("how-to", "Comment s’opposer"),
            Paragraph("how-to-text", "<p>Nous avons décrit les étapes pour chaque plateforme :</p>"),
            GuideLink("link-facebook", facebook_guide.KEY, "Guide pour Facebook (navigateur, Android, iOS)"),
            GuideLink("link-instagram", instagram_guide.KEY, "Guide pour Instagram (navigateur)"),
            GuideLink("link-whatsapp", whatsapp_guide.KEY, "WhatsApp : pourquoi il n’y a pas de formulaire"),
            Heading("do-nothing", "Ce qui se passe si vous ne faites rien"),
            Paragraph(
                "do-nothing-text",
                "<p>Meta utilisera vos contenus publics pour l’entraînement à partir du 27 mai, y compris "
                "ceux des années passées.</p>",
            ),
            Callout(
                "late-objection",
                "warning",
                "Plus tard, c’est à moitié efficace",
                "<p>Une opposition après le 26 mai ne protège que ce que vous publiez ensuite. Ce qui a "
                "déjà servi à l’entraînement y reste.</p>",
            ),
            Heading("how-serious", "Est-ce grave ?"),
            Paragraph(
                "how-serious-text",
                "<p>Inutile de paniquer, mais pas de raison de hausser les épaules non plus. Personne ne "
                "lit vos messages privés. Pourtant, des années de traces publiques deviennent la matière "
                "première d’un produit sur lequel vous n’avez aucun contrôle.</p>",
            ),
            DeadlineAction(
                "act-now",
                "Agissez maintenant",
                "<p>Cinq minutes suffisent. Opposez-vous pour chaque compte séparément et parlez-en à "
                "vos proches avant la fin de l’échéance.</p>",
                "Ce que vous pouvez encore faire",
                "<p>L’échéance est passée, mais s’opposer reste utile : cela protège tout ce que vous "
                "publierez désormais. Opposez-vous pour chaque compte séparément et vérifiez quelles "
                "anciennes publications doivent vraiment rester publiques.</p>",
            ),
            FurtherInformation(
                "further-information",
                "Pour aller plus loin",
                (
                    Link(
                        "facebook-privacy",
                        "Centre de confidentialité de Facebook",
                        URL_FACEBOOK_PRIVACY,
                        "où se trouve le formulaire d’opposition",
                    ),
                    Link("instagram-privacy", "Centre de confidentialité d’Instagram", URL_INSTAGRAM_PRIVACY),
                    Link(
                        "consumer-centre",
                        "Centre de protection des consommateurs de Rhénanie-du-Nord-Westphalie",
                        URL_CONSUMER_CENTRE,
                        "sur sa mise en demeure de Meta (en allemand)",
                    ),
                    Link(
                        "edpb",
                        "Comité européen de la protection des données",
                        URL_EDPB,
                        "contexte sur l’IA et la protection des données dans l’UE",
                    ),
                ),
            ),
        ],
    },
    "pt": {
        "title": "A Meta quer treinar a sua IA com as suas publicações: saiba como se opor",
        "slug": "meta-treino-ia-opor-se",
        "lead": "A partir de 27 de maio de 2025, a Meta usa conteúdos públicos do Facebook e do Instagram para "
        "treinar a sua IA. Se não quiser, tem de se opor até 26 de maio. Leva apenas alguns minutos.",
        "body": [
            Heading("what-it-means", "O que significa opor-se"),
            Paragraph(
                "what-it-means-text",
                "<p>A Meta não pede autorização: invoca um «interesse legítimo». Mas pode dizer que não: "
                "uma oposição através do formulário da Meta deixa os seus conteúdos fora do treino. Se "
                "chegar a tempo, abrange também tudo o que publicou até agora.</p>",
            ),
            Heading("which-content", "Que conteúdos estão abrangidos"),
            Paragraph(
                "which-content-list",
                "<ul><li>publicações e comentários públicos, também em grupos</li>"
                "<li>fotos, vídeos e stories públicos</li>"
                "<li>dados de perfil como nome, foto de perfil e biografia</li>"
                "<li>gostos e outras reações a conteúdos públicos</li>"
                "<li>mensagens para as funções de IA da Meta em grupos ou no feed</li></ul>",
            ),
            Callout(
                "not-concerned",
                "note",
                "Não abrangido",
                "<p>As conversas privadas do WhatsApp e as mensagens diretas do Instagram não entram no treino.</p>",
            ),
            Heading("reasons", "Quatro razões para se opor"),
            Paragraph(
                "reasons-list",
                "<ol><li><b>Não há volta atrás:</b> o que entra num modelo já não pode ser retirado.</li>"
                "<li><b>A base legal é duvidosa:</b> o centro de defesa do consumidor da Renânia do "
                "Norte-Vestefália enviou à Meta uma advertência formal por causa disso.</li>"
                "<li><b>Falta transparência:</b> a Meta não diz exatamente que conteúdos usa, nem "
                "como.</li>"
                "<li><b>As burlas ficam mais fáceis:</b> modelos que imitam as opiniões e o estilo de "
                "pessoas reais ajudam burlões a escrever mensagens credíveis em nome de outros.</li></ol>",
            ),
            Quote(
                "reader-quote",
                "Pensava que só os meus amigos viam as minhas fotos antigas de férias. Depois percebi que eram "
                "públicas há anos.",
                "Uma leitora, numa mensagem à redação",
            ),
            Heading("how-to", "Como se opor"),
            Paragraph("how-to-text", "<p>Descrevemos os passos para cada plataforma:</p>"),
            GuideLink("link-facebook", facebook_guide.KEY, "Guia para o Facebook (navegador, Android, iOS)"),
            GuideLink("link-instagram", instagram_guide.KEY, "Guia para o Instagram (navegador)"),
            GuideLink("link-whatsapp", whatsapp_guide.KEY, "WhatsApp: porque não há formulário"),
            Heading("do-nothing", "O que acontece se não fizer nada"),
            Paragraph(
                "do-nothing-text",
                "<p>A Meta usará os seus conteúdos públicos no treino a partir de 27 de maio, incluindo os "
                "de anos anteriores.</p>",
            ),
            Callout(
                "late-objection",
                "warning",
                "Mais tarde só resolve metade",
                "<p>Uma oposição depois de 26 de maio só protege o que publicar a seguir. O que já estava "
                "no treino fica lá.</p>",
            ),
            Heading("how-serious", "Quão grave é?"),
            Paragraph(
                "how-serious-text",
                "<p>Não é caso para pânico, mas também não para indiferença. Ninguém lê as suas mensagens "
                "privadas. Ainda assim, anos de rastos públicos tornam-se matéria-prima de um produto que "
                "não controla.</p>",
            ),
            DeadlineAction(
                "act-now",
                "Aja agora",
                "<p>Cinco minutos chegam. Oponha-se em cada conta separadamente e avise a família e os "
                "amigos antes de o prazo terminar.</p>",
                "O que ainda pode fazer",
                "<p>O prazo terminou, mas opor-se continua a valer a pena: protege tudo o que publicar "
                "daqui em diante. Oponha-se em cada conta separadamente e veja que publicações antigas "
                "ainda precisam de ser públicas.</p>",
            ),
            FurtherInformation(
                "further-information",
                "Mais informações",
                (
                    Link(
                        "facebook-privacy",
                        "Centro de Privacidade do Facebook",
                        URL_FACEBOOK_PRIVACY,
                        "onde está o formulário de oposição",
                    ),
                    Link("instagram-privacy", "Centro de Privacidade do Instagram", URL_INSTAGRAM_PRIVACY),
                    Link(
                        "consumer-centre",
                        "Centro de defesa do consumidor da Renânia do Norte-Vestefália",
                        URL_CONSUMER_CENTRE,
                        "sobre a advertência à Meta (em alemão)",
                    ),
                    Link(
                        "edpb",
                        "Comité Europeu para a Proteção de Dados",
                        URL_EDPB,
                        "contexto sobre IA e proteção de dados na UE",
                    ),
                ),
            ),
        ],
    },
}
