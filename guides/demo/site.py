"""The home page and the three index pages (articles, guides, deadlines)."""

HOME = {
    "de": {
        "title": "Datenschutz-Anleitungen",
        "slug": "startseite",
        "intro": "<p>Schritt-für-Schritt-Anleitungen, mit denen Sie bestimmen, was Plattformen mit Ihren Daten tun "
        "dürfen, und die Fristen, die dabei zählen. Wir prüfen die Anleitungen, sobald sich Menüs ändern.</p>",
    },
    "en": {
        "title": "Privacy guides",
        "slug": "home-page",
        "intro": "<p>Step-by-step guides that put you in charge of what platforms may do with your data, and the "
        "deadlines that matter. We re-check the steps whenever the menus change.</p>",
    },
    "es": {
        "title": "Guías de privacidad",
        "slug": "inicio",
        "intro": "<p>Guías paso a paso para decidir qué pueden hacer las plataformas con sus datos, y los plazos que "
        "importan. Revisamos los pasos cada vez que cambian los menús.</p>",
    },
    "fr": {
        "title": "Guides de confidentialité",
        "slug": "accueil",
        "intro": "<p>Des guides pas à pas pour décider de ce que les plateformes peuvent faire de vos données, et "
        "les échéances à ne pas manquer. Nous revérifions les étapes dès que les menus changent.</p>",
    },
    "pt": {
        "title": "Guias de privacidade",
        "slug": "pagina-inicial",
        "intro": "<p>Guias passo a passo para decidir o que as plataformas podem fazer com os seus dados, e os prazos "
        "que contam. Voltamos a verificar os passos sempre que os menus mudam.</p>",
    },
}

ARTICLE_INDEX = {
    "de": {
        "title": "Artikel",
        "slug": "artikel",
        "intro": "<p>Hintergründe: worum es geht und warum es sich lohnt zu handeln.</p>",
    },
    "en": {
        "title": "Articles",
        "slug": "articles",
        "intro": "<p>Background reading: what is at stake and why it is worth acting.</p>",
    },
    "es": {
        "title": "Artículos",
        "slug": "articulos",
        "intro": "<p>Contexto: qué está en juego y por qué merece la pena actuar.</p>",
    },
    "fr": {
        "title": "Articles",
        "slug": "articles",
        "intro": "<p>Pour comprendre : ce qui est en jeu et pourquoi il vaut la peine d’agir.</p>",
    },
    "pt": {
        "title": "Artigos",
        "slug": "artigos",
        "intro": "<p>Contexto: o que está em causa e porque vale a pena agir.</p>",
    },
}

GUIDE_INDEX = {
    "de": {
        "title": "Anleitungen",
        "slug": "anleitungen",
        "intro": "<p>Die Schritte für jede Plattform, geprüft und mit Datum versehen.</p>",
    },
    "en": {"title": "Guides", "slug": "guides", "intro": "<p>The steps for each platform, checked and dated.</p>"},
    "es": {
        "title": "Guías",
        "slug": "guias",
        "intro": "<p>Los pasos para cada plataforma, comprobados y con fecha.</p>",
    },
    "fr": {
        "title": "Guides",
        "slug": "guides",
        "intro": "<p>Les étapes pour chaque plateforme, vérifiées et datées.</p>",
    },
    "pt": {"title": "Guias", "slug": "guias", "intro": "<p>Os passos para cada plataforma, verificados e datados.</p>"},
}

DEADLINE_INDEX = {
    "de": {"title": "Fristen", "slug": "fristen", "intro": "<p>Bis wann Sie handeln müssen, damit es noch wirkt.</p>"},
    "en": {"title": "Deadlines", "slug": "deadlines", "intro": "<p>By when you need to act for it to still count.</p>"},
    "es": {"title": "Plazos", "slug": "plazos", "intro": "<p>Hasta cuándo debe actuar para que todavía cuente.</p>"},
    "fr": {
        "title": "Échéances",
        "slug": "echeances",
        "intro": "<p>Jusqu’à quand agir pour que cela compte encore.</p>",
    },
    "pt": {"title": "Prazos", "slug": "prazos", "intro": "<p>Até quando tem de agir para que ainda conte.</p>"},
}
