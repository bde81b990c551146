"""Verifications per surface and language; the guide's single "last verified on" date becomes records.

A guide used to carry one date and one free-text "verified with" for all its surfaces and languages. That claim
is carried over as one verification record per surface, in German and in every language with steps of its own,
dated at noon of that day; the free text goes into the record's note (editors see it), because readers of other
languages must not see German text. Later rules decide which of these records readers see (a translation whose
steps lag behind shows none made after the German change). Reversing writes the date back from the records.
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations, models

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def raw_blocks(value):
    if value is None:
        return []
    return list(getattr(value, "raw_data", value) or [])


def surfaces_of(blocks):
    return [block["value"]["surface"] for block in blocks
            if isinstance(block, dict) and isinstance(block.get("value"), dict) and block["value"].get("surface")]


def carry_page_verification_over(apps, schema_editor):
    GuidePage = apps.get_model("guides", "GuidePage")
    VerificationRecord = apps.get_model("editorial", "VerificationRecord")
    zone = ZoneInfo(settings.TIME_ZONE)
    records = []
    for guide in GuidePage.objects.exclude(last_verified_on=None):
        verified_at = datetime.combine(guide.last_verified_on, time(12), tzinfo=zone)
        for code, _name in settings.LANGUAGES:
            blocks = raw_blocks(getattr(guide, f"steps_{code}", None))
            if code != DEFAULT_LANGUAGE and not blocks:
                continue
            for surface in surfaces_of(blocks):
                records.append(VerificationRecord(page_id=guide.pk, verified_at=verified_at, surface=surface,
                                                  language=code, note=guide.verified_with))
    VerificationRecord.objects.bulk_create(records)


def write_dates_back(apps, schema_editor):
    GuidePage = apps.get_model("guides", "GuidePage")
    VerificationRecord = apps.get_model("editorial", "VerificationRecord")
    for guide in GuidePage.objects.all():
        latest = (VerificationRecord.objects.filter(page_id=guide.pk, language=DEFAULT_LANGUAGE)
                  .order_by("-verified_at").first())
        if latest is not None:
            day = latest.verified_at.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
            GuidePage.objects.filter(pk=guide.pk).update(
                last_verified_on=day, verified_with=(latest.note or latest.app_version)[:120])


class Migration(migrations.Migration):

    dependencies = [
        ('editorial', '0002_editorial_groups'),
        ('guides', '0002_page_search_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='pagefreshness',
            name='surface_states',
            field=models.JSONField(blank=True, default=dict, verbose_name='state of each surface'),
        ),
        migrations.AddField(
            model_name='verificationrecord',
            name='language',
            field=models.CharField(
                choices=[('de', 'German'), ('en', 'English'), ('es', 'Spanish'), ('fr', 'French'),
                         ('pt', 'Portuguese')],
                default='de', max_length=10, verbose_name='language'),
        ),
        migrations.RunPython(carry_page_verification_over, write_dates_back),
    ]
