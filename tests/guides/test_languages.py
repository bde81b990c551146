"""Languages: redirects from /, the switcher, hreflang alternates and the notice on German fallbacks."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import build_guide

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "es", "fr", "pt"]


def url_in(page, language):
    with translation.override(language):
        return page.url


def full_url_in(page, language):
    with translation.override(language):
        return page.get_full_url()


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("pt-BR", "/pt/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("ja,zh;q=0.5", "/de/"),  # no language of ours: the default
        ("", "/de/"),
    ],
)
def test_root_redirects_by_accept_language(client, site_tree, accept_language, target):
    response = client.get("/", headers={"Accept-Language": accept_language} if accept_language else {})
    assert response.status_code == 302
    assert response["Location"] == target


def switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', nav)}


@pytest.mark.parametrize("page_name", ["home", "guide_index", "guide", "article", "deadline"])
def test_switcher_leads_to_the_same_page_in_every_language(client, site_tree, page_name):
    page = getattr(site_tree, page_name)
    html = client.get(url_in(page, "en")).content.decode()
    links = switcher_links(html)
    assert links == {code: url_in(page, code) for code in LANGUAGES}
    for code, url in links.items():
        response = client.get(url)
        assert response.status_code == 200
        assert f'<html lang="{code}">' in response.content.decode()


def test_switcher_on_search_keeps_the_query(client, site_tree):
    links = switcher_links(client.get("/en/search/?q=object").content.decode())
    assert links["fr"] == "/fr/recherche/?q=object"


def test_hreflang_alternates_for_every_language_and_x_default(client, site_tree):
    html = client.get(url_in(site_tree.guide, "es")).content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([a-zA-Z-]+)" href="([^"]+)">', html))
    expected = {code: full_url_in(site_tree.guide, code) for code in LANGUAGES}
    expected["x-default"] = expected["de"]
    assert alternates == expected
    assert f'<link rel="canonical" href="{expected["es"]}">' in html


def test_translated_slugs(site_tree):
    assert url_in(site_tree.guide, "de").startswith("/de/anleitungen/")
    assert url_in(site_tree.guide, "es").startswith("/es/guias/")


def test_missing_translation_falls_back_to_german_with_a_notice(client, site_tree):
    guide = build_guide(
        site_tree.guide_index, site_tree.platform, title="Only German", languages=("de",), slug="only-german"
    )
    german = client.get(url_in(guide, "de")).content.decode()
    english = client.get(url_in(guide, "en")).content.decode()
    assert "Goal (de)" in english and "Only German (de)" in english
    assert "shown in German" in english
    assert "shown in German" not in german
    # A page with every text translated has no notice.
    assert "shown in German" not in client.get(url_in(site_tree.guide, "en")).content.decode()


def test_one_missing_field_is_enough_for_the_notice(client, site_tree):
    guide = site_tree.guide
    guide.goal_fr = ""
    guide.save_revision().publish()
    french = client.get(url_in(guide, "fr")).content.decode()
    assert "notice--fallback" in french
    with translation.override("fr"):  # the notice speaks the reader's language
        assert gettext("Parts of this page have not been translated yet and are shown in German.") in french
    assert "notice--fallback" not in client.get(url_in(guide, "pt")).content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_not_found_page_in_the_readers_language(client, site_tree, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f'href="/{language}/"' in html


def test_server_error_page_in_the_readers_language(client, site_tree, monkeypatch):
    from guides.models import GuidePage

    def broken(*args, **kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(GuidePage, "get_context", broken)
    client.raise_request_exception = False
    response = client.get(url_in(site_tree.guide, "fr"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html and 'href="/fr/"' in html


# --- German shown for want of a translation is marked as German (WCAG 3.1.2) ------------------------------------


def german_elements(html):
    """The start tags that carry lang="de", outside the language switcher (whose links name their language)."""
    html = re.sub(r'<nav class="language-switcher".*?</nav>', "", html, flags=re.S)
    return [tag for tag in re.findall(r'<[a-z0-9]+[^>]* lang="de"[^>]*>', html) if not tag.startswith("<html")]


@pytest.fixture
def german_only_guide(site_tree):
    return build_guide(
        site_tree.guide_index, site_tree.platform, title="Nur Deutsch", languages=("de",), slug="nur-deutsch"
    )


def test_german_fallback_texts_on_a_page_carry_lang_de(client, german_only_guide):
    english = client.get(url_in(german_only_guide, "en")).content.decode()
    tags = german_elements(english)
    assert any(tag.startswith("<h1") for tag in tags)
    assert any(tag.startswith("<ol") and "step-list" in tag for tag in tags)
    assert any("guide__intro" in tag for tag in tags)
    assert re.search(r'<span lang="de">Goal \(de\)</span>', english)
    assert re.search(r'aria-current="page" lang="de">Nur Deutsch \(de\)</a>', english)  # breadcrumbs
    # The same page in German, and a translated page in English, mark nothing.
    assert german_elements(client.get(url_in(german_only_guide, "de")).content.decode()) == []


def test_titles_in_lists_and_search_results_carry_lang_de(client, site_tree, german_only_guide):
    index = client.get(url_in(site_tree.guide_index, "fr")).content.decode()
    assert re.search(r'<a href="[^"]+" lang="de">Nur Deutsch \(de\)</a>', index)
    assert not re.search(r'lang="de">Object to AI training', index)
    results = client.get("/fr/recherche/", {"q": "Deutsch"}).content.decode()
    assert re.search(r'<a href="[^"]+" lang="de">Nur Deutsch \(de\)</a>', results)


def search_excerpt_tags(client, language, query):
    """{result title: the start tag of its excerpt} on the search page."""
    html = client.get(f"/{language}/search/" if language == "en" else "/fr/recherche/", {"q": query}).content.decode()
    found = re.findall(r'<a href="[^"]+"[^>]*>([^<]+)</a></h2>.*?(<p class="search-result__excerpt"[^>]*>)', html, re.S)
    return dict(found)


def test_search_excerpts_shown_in_german_carry_lang_de(client, german_only_guide):
    german_only_guide.goal_en = "Keep your posts out of the zebrafish model"
    german_only_guide.save_revision().publish()  # the goal now has English; introduction and steps are German
    title = "Nur Deutsch (de)"
    # A sentence from the German steps, from the English goal, and the opening lines when the title alone matched.
    assert search_excerpt_tags(client, "en", "Step")[title] == '<p class="search-result__excerpt" lang="de">'
    assert search_excerpt_tags(client, "en", "zebrafish")[title] == '<p class="search-result__excerpt">'
    assert search_excerpt_tags(client, "en", "Deutsch")[title] == '<p class="search-result__excerpt">'
    assert search_excerpt_tags(client, "fr", "Deutsch")[title] == '<p class="search-result__excerpt" lang="de">'


def test_a_fully_translated_page_marks_nothing_as_german(client, site_tree):
    for name in ("home", "guide", "article", "deadline"):
        assert german_elements(client.get(url_in(getattr(site_tree, name), "pt")).content.decode()) == [], name


@pytest.fixture
def german_note(german_only_guide):
    from django.utils import timezone

    from notices.models import UpdateNotice

    return UpdateNotice.objects.create(
        page=german_only_guide.page_ptr, published_at=timezone.now(), note_de="Das Menü heißt jetzt Konto."
    )


def test_update_log_and_feed_mark_german_notes(client, german_note):
    log = client.get("/en/notices/").content.decode()
    assert '<p lang="de">Das Menü heißt jetzt Konto.</p>' in log
    assert re.search(r'<a href="[^"]+" lang="de">Nur Deutsch \(de\)</a>', log)
    assert '<p lang="de">' not in client.get("/de/hinweise/").content.decode()

    feed = client.get("/es/avisos/feed/").content.decode()
    assert '<summary type="html" xml:lang="de">Das Menü heißt jetzt Konto.</summary>' in feed
    german_note.note_es = "El menú se llama ahora Cuenta."
    german_note.save()
    assert 'xml:lang="de"' not in client.get("/es/avisos/feed/").content.decode()


def test_emails_mark_german_titles_and_notes(german_note, site_tree):
    from django.utils import timezone

    from notices.emails import notice_email
    from notices.models import Subscription

    subscription = Subscription.objects.create(
        email="reader@example.org", language="en", scope="all", confirmed_at=timezone.now()
    )
    message = notice_email(german_note, subscription)
    html = message.alternatives[0][0]
    assert '<html lang="en">' in html
    assert '“<span lang="de">Nur Deutsch (de)</span>” has changed' in html
    assert '<p lang="de">Das Menü heißt jetzt Konto.</p>' in html


# --- The switcher keeps the reader's choices; translated path segments ---------------------------------------


def test_switcher_keeps_the_surface_tab_and_list_filters(client, site_tree):
    links = switcher_links(client.get(url_in(site_tree.guide, "en"), {"surface": "android"}).content.decode())
    assert links == {code: f"{url_in(site_tree.guide, code)}?surface=android" for code in LANGUAGES}
    links = switcher_links(
        client.get(url_in(site_tree.article_index, "es"), {"topic": "ai", "utm_source": "x"}).content.decode()
    )
    assert links["pt"] == f"{url_in(site_tree.article_index, 'pt')}?topic=ai"  # only the reader's own choices


@pytest.mark.parametrize(
    ("language", "search", "notices"),
    [
        ("de", "/de/suche/", "/de/hinweise/"),
        ("en", "/en/search/", "/en/notices/"),
        ("es", "/es/buscar/", "/es/avisos/"),
        ("fr", "/fr/recherche/", "/fr/avis/"),
        ("pt", "/pt/pesquisa/", "/pt/avisos/"),
    ],
)
def test_search_and_notices_have_translated_paths(client, site_tree, language, search, notices):
    from django.urls import reverse

    with translation.override(language):
        assert reverse("search") == search
        assert reverse("notices:update_log") == notices
    assert client.get(search, {"q": "object"}).status_code == 200
    assert client.get(notices).status_code == 200
    links = switcher_links(client.get(search, {"q": "object"}).content.decode())
    assert links == {
        code: f"{path}?q=object"
        for code, path in zip(
            LANGUAGES, ["/de/suche/", "/en/search/", "/es/buscar/", "/fr/recherche/", "/pt/pesquisa/"], strict=True
        )
    }


def test_old_english_paths_redirect_permanently(client, site_tree):
    response = client.get("/fr/search/", {"q": "objet"})
    assert response.status_code == 301 and response["Location"] == "/fr/recherche/?q=objet"
    response = client.get(f"/de/notices/feed/page/{site_tree.guide.pk}/")
    assert response.status_code == 301 and response["Location"] == f"/de/hinweise/feed/page/{site_tree.guide.pk}/"
    assert client.head("/pt/notices/").status_code == 301
    assert client.get("/en/notices/").status_code == 200  # English kept its words


def test_one_click_unsubscribe_from_an_old_email_still_works(client, site_tree):
    from django.utils import timezone

    from notices import tokens
    from notices.models import Subscription

    subscription = Subscription.objects.create(
        email="leitor@example.org", language="pt", scope="all", confirmed_at=timezone.now()
    )
    # RFC 8058: the mail provider POSTs to the address in the List-Unsubscribe header of an e-mail sent before.
    response = client.post(
        f"/pt/notices/unsubscribe/{tokens.unsubscribe_token(subscription)}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    # A form post sent there still has its origin checked.
    assert client.post("/pt/notices/subscribe/", {"email": "a@example.org", "scope": "all"}).status_code != 200


# --- Dates ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "december", "may", "moment"),
    [
        ("de", "2. Dezember 2026", "20. Mai 2025", "26. Mai 2025, 23:59"),
        ("en", "2 December 2026", "20 May 2025", "26 May 2025, 23:59"),
        ("es", "2 de diciembre de 2026", "20 de mayo de 2025", "26 de mayo de 2025, 23:59"),
        ("fr", "2 décembre 2026", "20 mai 2025", "26 mai 2025, 23:59"),
        ("pt", "2 de dezembro de 2026", "20 de maio de 2025", "26 de maio de 2025, 23:59"),
    ],
)
def test_dates_follow_one_format_per_language(language, december, may, moment):
    from datetime import date, datetime

    from django.utils.formats import date_format

    with translation.override(language):
        assert date_format(date(2026, 12, 2), "DATE_FORMAT") == december
        assert date_format(date(2025, 5, 20), "DATE_FORMAT") == may
        assert date_format(datetime(2025, 5, 26, 23, 59), "DATETIME_FORMAT") == moment
        months = [date_format(date(2025, month, 1), "DATE_FORMAT") for month in range(1, 13)]
    if language in ("es", "fr", "pt"):  # these languages write month names in lower case
        assert all(text == text.lower() for text in months), months


def test_pages_show_dates_in_the_languages_format(client, site_tree):
    assert "10 de maio de 2025" in client.get(url_in(site_tree.article, "pt")).content.decode()
    assert "10 May 2025" in client.get(url_in(site_tree.article, "en")).content.decode()


def test_reminders_mark_a_german_deadline_title_and_summary(site_tree):
    from django.utils import timezone

    from notices.emails import reminder_email
    from notices.models import Subscription

    deadline = site_tree.deadline
    deadline.title_fr = deadline.summary_fr = ""
    subscription = Subscription.objects.create(
        email="lectrice@example.org", language="fr", scope="all", confirmed_at=timezone.now()
    )
    html = reminder_email(subscription, deadline).alternatives[0][0]
    assert '<span lang="de">Objection deadline (de)</span></h1>' in html
    assert '<p lang="de">Object in time (de)</p>' in html
