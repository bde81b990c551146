"""Signing in to the admin is throttled per username and per address (django-axes), says so in the admin's
language, and an administrator can unlock a username."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def sign_in(client, username, password, address="203.0.113.7", language="de"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language
    )


def signed_in(response):
    return response.status_code == 302 and "/admin/" in response["Location"]


def test_after_many_wrong_passwords_the_right_one_is_refused_with_a_clear_message(client, editor, settings):
    statuses = {sign_in(client, "erika", f"guess-{n}").status_code for n in range(130)}
    assert statuses == {200, 429}  # the first wrong passwords get the form again, the rest the lockout page

    response = sign_in(client, "erika", "pw-for-tests")
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="de"' in page or 'lang="de"' in page
    assert "Anmeldung pausiert" in page
    assert f"Nach {settings.AXES_FAILURE_LIMIT} falschen Passwörtern" in page
    assert "_auth_user_id" not in client.session

    english = sign_in(Client(), "erika", "pw-for-tests", address="198.51.100.9", language="en")
    assert english.status_code == 429
    assert "Sign-in paused" in english.content.decode()


def test_one_address_trying_many_usernames_is_locked_out_and_others_are_not(client, editor, moderator, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"nobody-{n}", "wrong", address="203.0.113.50")
    assert sign_in(Client(), "mona", "pw-for-tests", address="203.0.113.50").status_code == 429
    assert signed_in(sign_in(Client(), "mona", "pw-for-tests", address="203.0.113.51"))


def test_one_username_is_locked_out_from_every_address(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "erika", "wrong", address=f"198.51.100.{n + 1}")
    assert sign_in(Client(), "erika", "pw-for-tests", address="192.0.2.200").status_code == 429


def test_a_successful_sign_in_leaves_no_record_and_resets_the_count(client, editor, settings):
    from axes.models import AccessAttempt, AccessLog

    for _n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "erika", "wrong")
    assert signed_in(sign_in(client, "erika", "pw-for-tests"))
    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_an_administrator_sees_and_unlocks_a_locked_username(client, editor, django_user_model, settings):
    for _n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "erika", "wrong")
    assert sign_in(Client(), "erika", "pw-for-tests", address="192.0.2.1").status_code == 429

    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    admin_client = Client()
    admin_client.force_login(admin)
    page = admin_client.get("/admin/editorial/sign-in-lockouts/")
    assert page.status_code == 200
    assert "<li>erika</li>" in page.content.decode()

    missing = admin_client.post("/admin/editorial/sign-in-lockouts/", {"username": "nobody"})
    assert missing.status_code == 200
    assert "Es gibt kein Konto mit diesem Benutzernamen." in missing.content.decode()  # the admin speaks German

    unlocked = admin_client.post("/admin/editorial/sign-in-lockouts/", {"username": "erika"}, follow=True)
    assert "erika kann sich wieder anmelden." in unlocked.content.decode()
    assert "<li>erika</li>" not in unlocked.content.decode()
    assert signed_in(sign_in(Client(), "erika", "pw-for-tests", address="192.0.2.1"))


def test_only_administrators_reach_the_unlock_form(client, editor):
    client.force_login(editor)
    response = client.get("/admin/editorial/sign-in-lockouts/")
    assert response.status_code in (302, 403)
    assert client.post("/admin/editorial/sign-in-lockouts/", {"username": "erika"}).status_code in (302, 403)
