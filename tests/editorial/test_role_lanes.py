"""Each role stays in its lane: translators translate, only publishers change snippets, and what they change
reaches readers at once. Everything goes through the admin's own URLs with the test client."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from editorial.setup import EDITORS, MODERATORS, TRANSLATORS, setup_editorial
from guides.i18n import page_urls_by_language
from guides.models import GuidePage, Platform

from .admin_forms import edit_form_data
from .conftest import make_user


@pytest.fixture
def english_translator(site_tree, django_user_model):
    # An English admin: the language whose title used to replace the German one everywhere.
    return make_user(django_user_model, "tess", TRANSLATORS, "en")


def edit_page(client, user, page, field_name):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode(), edit_form_data(response.content.decode(), type(page), field_name)


def post_edit(client, page, data):
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return GuidePage.objects.get(pk=page.pk).get_latest_revision_as_object()


# --- Translators change translations, not the German source ----------------------------------------------------


def test_translator_sees_the_german_fields_and_the_significance_box_read_only(client, site_tree, translator):
    html, data = edit_page(client, translator, site_tree.guide, "title_es")
    assert "title_de" not in data and "goal_de" not in data and "change_is_significant" not in data
    assert 'name="title_de"' in html and 'name="change_is_significant"' in html  # shown, but disabled
    assert "steps_de" not in html and "intro_de" not in html  # editors that cannot be disabled are left out
    assert 'name="platform"' not in html and 'name="deadline"' not in html  # so are choosers
    assert 'name="go_live_at"' in html and "go_live_at" not in data  # any field that is not a translation
    assert "steps_es-count" in data and "title_es" in data


def test_translators_tampered_post_changes_the_translation_and_nothing_of_the_source(client, site_tree, translator):
    guide = site_tree.guide
    _html, data = edit_page(client, translator, guide, "title_es")
    steps_de_before = guide.steps_de.get_prep_value()
    data.update(
        {
            "title_es": "Oponerse al entrenamiento de IA",
            # What a browser would not send: the disabled fields, and a German step.
            "title_de": "Gekapert",
            "goal_de": "Gekapertes Ziel",
            "change_is_significant": "on",
            "change_note_de": "Gekaperte Notiz",
            "steps_de-count": "1",
            "steps_de-0-type": "web",
            "platform": Platform.objects.create(name="Elsewhere", slug="elsewhere").pk,
            "go_live_at": "2030-01-01 10:00",
        }
    )
    draft = post_edit(client, guide, data)
    assert draft.title_es == "Oponerse al entrenamiento de IA"
    assert (draft.title_de, draft.goal_de) == (guide.title_de, guide.goal_de)
    assert not draft.change_note_de
    assert draft.change_is_significant is False
    assert draft.steps_de.get_prep_value() == steps_de_before
    assert (draft.platform_id, draft.go_live_at) == (guide.platform_id, None)


def test_a_translator_who_adds_a_related_guide_is_refused_with_a_message_and_nothing_is_saved(
    client, site_tree, translator
):
    article = site_tree.article
    revisions_before = article.revisions.count()
    _html, data = edit_page(client, translator, article, "title_es")
    data.update(
        {
            "title_es": "Por qué oponerse",
            "related_guides-TOTAL_FORMS": "1",
            "related_guides-0-guide": str(site_tree.guide.pk),
            "related_guides-0-id": "",
            "related_guides-0-ORDER": "1",
            "related_guides-0-DELETE": "",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)
    assert response.status_code == 200
    assert "Quien traduce solo cambia las traducciones" in response.content.decode()  # the translator's admin: es
    assert article.revisions.count() == revisions_before
    assert not article.related_guides.exists()

    # The same form without the list change is saved.
    del data["related_guides-0-guide"]
    data["related_guides-TOTAL_FORMS"] = "0"
    assert client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data).status_code == 302
    assert article.revisions.count() == revisions_before + 1


def test_an_editor_still_changes_the_german_source_and_the_significance_box(client, site_tree, editor):
    _html, data = edit_page(client, editor, site_tree.guide, "title_de")
    data.update(
        {
            "title_de": "Der KI-Nutzung widersprechen",
            "change_is_significant": "on",
            "change_note_de": "Das Menü heißt jetzt anders.",
        }
    )
    draft = post_edit(client, site_tree.guide, data)
    assert draft.title_de == "Der KI-Nutzung widersprechen"
    assert draft.change_is_significant is True


def test_after_a_translator_saves_the_admin_shows_the_german_title(
    client, site_tree, english_translator, moderator, mailoutbox
):
    guide = site_tree.guide
    _html, data = edit_page(client, english_translator, guide, "title_en")
    data.update({"title_en": "Object to AI training, updated", "action-submit": "Submit for review"})
    post_edit(client, guide, data)

    page = Page.objects.get(pk=guide.pk)
    assert page.draft_title == guide.title_de
    assert page.get_latest_revision().object_str == guide.title_de
    # The moderator's listing (an English admin) and the e-mail asking for review name the German title.
    client.force_login(moderator)
    listing = client.get(reverse("wagtailadmin_explore", args=[site_tree.guide_index.pk])).content.decode()
    assert guide.title_de in listing and "Object to AI training, updated" not in listing
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Object to AI training, updated" not in dashboard
    review_mails = [mail for mail in mailoutbox if moderator.email in mail.to]
    assert review_mails and all(guide.title_de in mail.subject + mail.body for mail in review_mails)
    assert not any("Object to AI training, updated" in mail.subject + mail.body for mail in mailoutbox)


# --- Snippets are changed by the roles that may publish ----------------------------------------------------------


def platform_edit_url(platform):
    return reverse("wagtailsnippets_guides_platform:edit", args=[platform.pk])


def platform_form(platform, **changes):
    return {
        "name": platform.name,
        "slug": platform.slug,
        "icon": platform.icon,
        "privacy_center_url": platform.privacy_center_url,
        **{f"description_{code}": "" for code in ("de", "en", "es", "fr", "pt")},
        **changes,
    }


@pytest.mark.parametrize("user_fixture", ["translator", "editor"])
def test_translators_and_editors_cannot_change_a_platform(request, client, site_tree, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    platform = site_tree.platform
    assert client.get(platform_edit_url(platform)).status_code in (302, 403)
    client.post(platform_edit_url(platform), platform_form(platform, privacy_center_url="https://evil.example/"))
    assert Platform.objects.get(pk=platform.pk).privacy_center_url == "https://www.facebook.com/privacy/center/"
    assert client.get(reverse("wagtailsnippets_guides_platform:list")).status_code == 200  # they may still look


def test_setup_withdraws_snippet_changes_granted_earlier(site_tree):
    from django.contrib.auth.models import Group, Permission

    change = Permission.objects.get(codename="change_platform")
    Group.objects.get(name=TRANSLATORS).permissions.add(change)
    setup_editorial()
    assert not Group.objects.filter(name__in=[TRANSLATORS, EDITORS], permissions=change).exists()
    assert Group.objects.filter(name=MODERATORS, permissions=change).exists()


def test_a_snippet_change_purges_the_pages_that_show_it_in_every_language(
    client, site_tree, moderator, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from page_cache import purge
    from page_cache.keys import platform_key

    settings.VARNISH_URLS = ["http://varnish.invalid"]
    purged = []
    monkeypatch.setattr(purge, "softpurge", lambda keys: purged.append(set(keys)))
    urls = [
        *page_urls_by_language(site_tree.guide).values(),
        *page_urls_by_language(site_tree.guide_index).values(),
        *page_urls_by_language(site_tree.home).values(),
    ]
    for url in urls:  # every page that shows the platform names it in the keys Varnish stores it under
        assert platform_key(site_tree.platform.pk) in Client().get(url)["xkey"].split(), url

    client.force_login(moderator)
    platform = site_tree.platform
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            platform_edit_url(platform),
            platform_form(
                platform, name="Facebook (Meta)", privacy_center_url="https://www.facebook.com/privacy/centre/"
            ),
        )
    assert response.status_code == 302
    assert purged == [{platform_key(platform.pk)}]

    for url in urls:
        assert "Facebook (Meta)" in Client().get(url).content.decode(), url
    guide_page = Client().get(page_urls_by_language(site_tree.guide)["fr"]).content.decode()
    assert 'href="https://www.facebook.com/privacy/centre/"' in guide_page
