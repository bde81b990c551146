"""The demo's largest guide through the public read API, in every language."""

import pytest

from guides.models import GuidePage


@pytest.mark.django_db
def test_the_demo_facebook_guide_has_every_surface_in_every_language(client, demo):
    facebook = GuidePage.objects.get(slug_de__startswith="facebook")
    for lang in ("de", "en", "es", "fr", "pt"):
        response = client.get(f"/api/v2/pages/{facebook.pk}/", {"lang": lang})
        assert response.status_code == 200
        served = response.json()
        assert [surface["surface"] for surface in served["surfaces"]] == ["web", "android", "ios"]
        assert all(surface["steps"] for surface in served["surfaces"])
        assert served["meta"]["translation"]["language"] == lang
