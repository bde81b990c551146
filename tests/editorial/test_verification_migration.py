"""The migration that moved a guide's single verification date into per-surface, per-language records keeps it."""

from datetime import date

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from editorial.models import VerificationRecord

BEFORE = [("editorial", "0002_editorial_groups"), ("guides", "0002_page_search_text")]


def test_the_page_fields_are_carried_over_into_records_and_back(site_tree):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the tree's rows must not hold up the table changes
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldGuidePage = old_apps.get_model("guides", "GuidePage")
    # Going back wrote the newest German verification into the old fields.
    assert OldGuidePage.objects.get(pk=site_tree.guide.pk).last_verified_on == date(2025, 5, 20)
    OldGuidePage.objects.filter(pk=site_tree.guide.pk).update(
        last_verified_on=date(2026, 3, 1), verified_with="Android-App 512.0"
    )
    old_apps.get_model("editorial", "VerificationRecord").objects.all().delete()

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    records = VerificationRecord.objects.filter(page_id=site_tree.guide.pk)
    assert {(record.language, record.surface) for record in records} == {
        (code, surface) for code in ("de", "en", "es", "fr", "pt") for surface in ("web", "android")
    }
    assert {record.verified_at.date() for record in records} == {date(2026, 3, 1)}
    # The free text was German: it stays with the records for editors, and no reader sees it.
    assert {(record.note, record.app_version) for record in records} == {("Android-App 512.0", "")}
