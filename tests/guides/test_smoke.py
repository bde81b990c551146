import pytest

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en", "es", "fr", "pt"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_renders_in_every_language(client, site_tree, language):
    for page in (site_tree.home, site_tree.guide_index, site_tree.article_index, site_tree.deadline_index,
                 site_tree.guide, site_tree.article, site_tree.deadline):
        from django.utils import translation

        with translation.override(language):
            url = page.url
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{language}">' in response.content.decode()
