"""The update-notice report in the Wagtail admin."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from notices.models import Delivery

from .conftest import NOTES, publish_change, subscribe

pytestmark = pytest.mark.django_db


def test_report_lists_notices_with_their_sending_state(client, site_tree):
    publish_change(site_tree.guide, notes=NOTES)
    from notices.models import UpdateNotice

    notice = UpdateNotice.objects.get()
    Delivery.objects.create(notice=notice, subscription=subscribe("a@example.org"))
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(admin)
    response = client.get(reverse("notices_admin:update_notices"))
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTES["de"] in html
    with translation.override(settings.LANGUAGE_CODE):  # the admin's language when the user has chosen none
        assert gettext("waiting for the broker (the sweeper retries)") in html


def test_report_needs_permission(client, site_tree):
    user = get_user_model().objects.create_user("plain", "plain@example.org", "pw")
    client.force_login(user)
    assert client.get(reverse("notices_admin:update_notices")).status_code in (302, 403)
