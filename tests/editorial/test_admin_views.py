"""Revision compare of a changed step, the dashboard panels with their counts, and the verify button."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.admin.compare import comparison_class_registry

from editorial.compare import StepAwareStreamFieldComparison, StepComparison
from editorial.models import PageFreshness, VerificationRecord
from guides.models import GuidePage


def test_a_changed_step_compares_title_path_and_instruction_side_by_side(site_tree, moderator, client):
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    before_revision = guide.live_revision
    raw = guide.steps_de.raw_data
    step = raw[0]["value"]["steps"][1]["value"]
    step.update(
        title="Open the Privacy Centre",
        ui_path=["Settings & privacy", "Privacy Center"],
        instruction="<p>Tap the new menu.</p>",
    )
    guide.steps_de = raw
    after_revision = guide.save_revision(user=moderator)

    field = GuidePage._meta.get_field("steps_de")
    assert comparison_class_registry.get(field) is StepAwareStreamFieldComparison
    html = StepAwareStreamFieldComparison(field, before_revision.as_object(), after_revision.as_object()).htmldiff()
    assert html.count("listing editorial-step-compare") == 6  # one table per step of both surfaces
    assert html.count("editorial-step-compare__changed") == 3  # title, menu path and instruction of one step
    assert "Settings › Item 2" in html and "Settings &amp; privacy › Privacy Center" in html
    assert "Do this." in html and "Tap the new menu." in html

    client.force_login(moderator)
    response = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[guide.pk, before_revision.pk, after_revision.pk])
    )
    assert response.status_code == 200
    assert "Open the Privacy Centre" in response.content.decode()


def test_step_comparison_of_an_added_step_has_no_before(site_tree):
    guide = site_tree.guide
    step = guide.steps_de[0].value["steps"][0]
    comparison = StepComparison(step.block, False, True, None, step.value)
    rows = comparison.rows()
    assert [row["before"] for row in rows] == ["", "", ""]
    assert rows[0]["after"] == step.value["title"]


def test_dashboard_shows_the_five_panels_with_their_counts(client, site_tree, editor):
    PageFreshness.objects.update_or_create(
        page_id=site_tree.guide.pk, defaults={"needs_verification": True, "reasons": ["not_verified"]}
    )
    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    guide.goal_de = "Neues Ziel"
    guide.save_revision().publish()
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    with translation.override("de"):  # the editor's admin language
        expected = [
            ("editorial-next-deadlines", f"{gettext('Next deadlines')} (1)"),
            ("editorial-guides-to-verify", f"{gettext('Guides that need verification')} (1)"),
            ("editorial-outdated-translations", f"{gettext('Outdated translations')} (4)"),
            ("editorial-new-step-reports", f"{gettext('New step reports')} (0)"),
            ("editorial-lowest-rated", f"{gettext('Lowest-rated pages')} (0)"),
        ]
    assert "Next deadlines" not in html, "the dashboard is not in the editor's language"
    for panel_id, heading in expected:
        assert panel_id in html
        assert heading in html
    assert reverse("editorial_verify_guide", args=[guide.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[site_tree.deadline.pk]) in html
    assert reverse("editorial_outdated_translations") in html


def test_dashboard_panels_are_hidden_from_admins_outside_the_editorial_groups(client, site_tree, django_user_model):
    from django.contrib.auth.models import Permission

    outsider = django_user_model.objects.create_user(username="otto", password="pw-for-tests")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert "editorial-next-deadlines" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_verify_button_in_the_page_header_for_those_who_record_verifications(
    client, site_tree, editor, moderator, translator
):
    url = reverse("editorial_verify_guide", args=[site_tree.guide.pk])
    edit = reverse("wagtailadmin_pages:edit", args=[site_tree.guide.pk])
    for user in (moderator, editor):
        client.force_login(user)
        assert url in client.get(edit).content.decode()
    client.force_login(translator)
    assert url not in client.get(edit).content.decode()


def test_guides_to_verify_report(client, site_tree, moderator):
    PageFreshness.objects.update_or_create(
        page_id=site_tree.guide.pk, defaults={"needs_verification": True, "reasons": ["broken_links"]}
    )
    VerificationRecord.objects.filter(page_id=site_tree.guide.pk).update(
        verified_at=datetime(2026, 2, 1, 12, tzinfo=timezone.get_default_timezone())
    )
    client.force_login(moderator)
    response = client.get(reverse("editorial_guides_to_verify"))
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [row.page_id for row in rows] == [site_tree.guide.pk]
    assert rows[0].can_verify


def test_step_report_and_rating_panels_list_rows_lowest_first(client, site_tree, moderator):
    from decimal import Decimal

    from django.apps import apps
    from django.utils import timezone

    RatingSummary = apps.get_model("ratings", "RatingSummary")
    StepReport = apps.get_model("ratings", "StepReport")
    RatingSummary.objects.update_or_create(
        page_id=site_tree.article.pk, defaults={"count": 2, "total": 9, "average": Decimal("4.50")}
    )
    RatingSummary.objects.update_or_create(
        page_id=site_tree.guide.pk, defaults={"count": 3, "total": 6, "average": Decimal("2.00")}
    )
    step_id = site_tree.guide.steps_de[0].value["steps"][0].id
    StepReport.objects.create(
        page=site_tree.guide,
        step_id=step_id,
        surface="web",
        language="de",
        reporter="reader-1",
        day=timezone.localdate(),
    )
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "New step reports (1)" in html
    assert "Lowest-rated pages (2)" in html
    lowest = html[html.index("Lowest-rated pages (2)") :]
    guide_row = lowest.index(reverse("wagtailadmin_pages:edit", args=[site_tree.guide.pk]) + '"')
    article_row = lowest.index(reverse("wagtailadmin_pages:edit", args=[site_tree.article.pk]) + '"')
    assert guide_row < article_row
