"""Platforms and topics. Names of platforms are brands and stay the same in every language."""

PLATFORMS = [
    {
        "slug": "facebook",
        "name": "Facebook",
        "icon": "people",
        "privacy_center_url": "https://www.facebook.com/privacy/center/",
        "description": {
            "de": "Das soziale Netzwerk von Meta. Öffentliche Beiträge, Fotos und Profilangaben können in Metas "
            "KI-Training einfließen.",
            "en": "Meta’s social network. Public posts, photos and profile details can end up in Meta’s AI training.",
            "es": "La red social de Meta. Las publicaciones, fotos y datos de perfil públicos pueden acabar en el "
            "entrenamiento de la IA de Meta.",
            "fr": "Le réseau social de Meta. Les publications, photos et informations de profil publiques peuvent "
            "servir à entraîner l’IA de Meta.",
            "pt": "A rede social da Meta. Publicações, fotos e dados de perfil públicos podem acabar no treino da "
            "IA da Meta.",
        },
    },
    {
        "slug": "instagram",
        "name": "Instagram",
        "icon": "camera",
        "privacy_center_url": "https://privacycenter.instagram.com/",
        "description": {
            "de": "Metas Plattform für Fotos und Videos. Öffentliche Beiträge, Reels und Stories sind vom "
            "KI-Training betroffen, Direktnachrichten nicht.",
            "en": "Meta’s photo and video platform. Public posts, reels and stories are affected by the AI "
            "training; direct messages are not.",
            "es": "La plataforma de fotos y vídeos de Meta. Las publicaciones, reels e historias públicas se ven "
            "afectadas por el entrenamiento de IA; los mensajes directos, no.",
            "fr": "La plateforme photo et vidéo de Meta. Les publications, reels et stories publics sont "
            "concernés par l’entraînement de l’IA ; les messages privés ne le sont pas.",
            "pt": "A plataforma de fotos e vídeos da Meta. Publicações, reels e stories públicos são abrangidos "
            "pelo treino de IA; as mensagens diretas não.",
        },
    },
    {
        "slug": "whatsapp",
        "name": "WhatsApp",
        "icon": "chat",
        "privacy_center_url": "https://www.whatsapp.com/privacy",
        "description": {
            "de": "Metas Messenger. Private Chats sind nicht betroffen – nur was Sie an Meta AI schreiben.",
            "en": "Meta’s messenger. Private chats are not affected – only what you write to Meta AI.",
            "es": "La aplicación de mensajería de Meta. Los chats privados no están afectados, solo lo que escribe "
            "a Meta AI.",
            "fr": "La messagerie de Meta. Les discussions privées ne sont pas concernées, seulement ce que vous "
            "écrivez à Meta AI.",
            "pt": "O serviço de mensagens da Meta. As conversas privadas não são abrangidas, apenas o que escreve "
            "à Meta AI.",
        },
    },
]

TOPICS = [
    {
        "slug": "ai-training",
        "name": {
            "de": "KI-Training",
            "en": "AI training",
            "es": "Entrenamiento de IA",
            "fr": "Entraînement de l’IA",
            "pt": "Treino de IA",
        },
    },
    {
        "slug": "privacy-settings",
        "name": {
            "de": "Privatsphäre-Einstellungen",
            "en": "Privacy settings",
            "es": "Ajustes de privacidad",
            "fr": "Paramètres de confidentialité",
            "pt": "Definições de privacidade",
        },
    },
    {
        "slug": "your-rights",
        "name": {
            "de": "Ihre Rechte",
            "en": "Your rights",
            "es": "Sus derechos",
            "fr": "Vos droits",
            "pt": "Os seus direitos",
        },
    },
]
