"""An admin form too large for the server is refused with a clear answer in the editor's language, and nothing
of it is stored (editorial/oversize_posts.py)."""

import pytest
from django.urls import reverse

from guides.models import GuidePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_editor(client, editor):
    client.force_login(editor)
    return client


def edit_url(guide):
    return reverse("wagtailadmin_pages:edit", args=[guide.pk])


def oversize_form(settings, guide):
    """What a browser would send for a page with more fields than the server accepts: a changed title too."""
    fields = {f"steps_de-0-value-steps-{n}-value-note": "" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)}
    return {"title_de": "A title that must not be stored", **fields}


def test_too_many_fields_get_a_page_in_the_admin_language_and_nothing_is_stored(signed_in_editor, settings, site_tree):
    guide = site_tree.guide
    revisions = guide.revisions.count()
    response = signed_in_editor.post(
        edit_url(guide), oversize_form(settings, guide), HTTP_ACCEPT="text/html,application/xhtml+xml"
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert '<html lang="de"' in page  # the editor's admin language, German
    assert "Nichts wurde gespeichert" in page
    assert "15.000 Felder" in page
    assert f'href="{edit_url(guide)}"' in page  # back to the last saved version
    assert guide.revisions.count() == revisions
    assert GuidePage.objects.get(pk=guide.pk).title_de != "A title that must not be stored"


def test_autosave_hears_why_in_the_shape_wagtail_shows(client, settings, site_tree, moderator):
    client.force_login(moderator)  # an English admin
    response = client.post(
        edit_url(site_tree.guide), oversize_form(settings, site_tree.guide), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 413
    answer = response.json()
    assert answer["success"] is False
    assert answer["error_code"] == "validation_error"  # one of the codes whose message Wagtail's autosave shows
    assert answer["error_message"].startswith("Not saved: this page is too large")


def test_too_much_text_gets_the_same_clear_page(signed_in_editor, settings, site_tree):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    guide = site_tree.guide
    revisions = guide.revisions.count()
    response = signed_in_editor.post(
        edit_url(guide), {"intro_de": "<p>" + "Lang. " * 20_000 + "</p>"}, HTTP_ACCEPT="text/html"
    )
    assert response.status_code == 413
    assert "MB Text" in response.content.decode()
    assert guide.revisions.count() == revisions


def test_admin_forms_within_the_limits_pass_untouched(client, editor):
    response = client.post(reverse("wagtailadmin_login"), {"username": "erika", "password": "pw-for-tests"})
    assert response.status_code == 302  # signed in by Wagtail's own view
