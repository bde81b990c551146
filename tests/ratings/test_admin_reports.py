"""The editors' reports: ratings (sortable, CSV) and step reports per guide with the resolve action."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission

from ratings.models import StepReport, Vote
from ratings.summaries import publish_summary

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_ratingsummary", "view_stepreport", "change_stepreport"]
        )
    )
    client.force_login(user)
    return client


def rate(page, stars_list):
    for n, stars in enumerate(stars_list):
        Vote.objects.create(page_id=page.pk, voter=f"{page.pk}-{n}", stars=stars)
    publish_summary(page.pk)


def test_ratings_report_lists_sorts_and_exports(editor_client, site_tree):
    rate(site_tree.guide, [5, 5, 4])
    rate(site_tree.article, [1, 2])
    response = editor_client.get("/admin/reports/ratings-app/ratings/?ordering=-average")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(site_tree.guide.title) < html.index(site_tree.article.title)
    assert "<svg" in html
    ascending = editor_client.get("/admin/reports/ratings-app/ratings/?ordering=count").content.decode()
    assert ascending.index(site_tree.article.title) < ascending.index(site_tree.guide.title)
    csv = editor_client.get("/admin/reports/ratings-app/ratings/?export=csv")
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "4.67" in text and "1.50" in text
    assert len(text.strip().splitlines()) == 3


def test_reports_need_permission(client, django_user_model, site_tree):
    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/reports/ratings-app/ratings/").status_code in (302, 403)
    assert client.get(f"/admin/reports/ratings-app/step-reports/{site_tree.guide.pk}/").status_code in (302, 403)


def test_step_report_per_guide_shows_notes_counts_and_resolves(editor_client, site_tree):
    steps = [step for surface in site_tree.guide.specific.steps for step in surface.value["steps"]]
    first, second = steps[0], steps[1]
    for n, (language, note) in enumerate([("de", "Knopf fehlt"), ("en", "Button <missing>"), ("fr", "")]):
        StepReport.objects.create(
            page_id=site_tree.guide.pk,
            step_id=first.id,
            surface="web",
            language=language,
            note=note,
            reporter=f"r{n}",
            day=date(2026, 5, 1),
        )
    StepReport.objects.create(
        page_id=site_tree.guide.pk,
        step_id=second.id,
        surface="web",
        language="en",
        note="Other step",
        reporter="r9",
        day=date(2026, 5, 1),
    )
    index = editor_client.get("/admin/reports/ratings-app/step-reports/").content.decode()
    assert site_tree.guide.title in index
    url = f"/admin/reports/ratings-app/step-reports/{site_tree.guide.pk}/"
    html = editor_client.get(url).content.decode()
    assert first.value["title"] in html and "Knopf fehlt" in html
    assert "Button &lt;missing&gt;" in html
    assert "DE: 1" in html and "FR: 1" in html
    response = editor_client.post(url, {"step": first.id})
    assert response.status_code == 302
    assert StepReport.objects.open().count() == 1
    assert StepReport.objects.open().get().step_id == second.id
    editor_client.post(url, {"step": "__all__"})
    assert not StepReport.objects.open().exists()
