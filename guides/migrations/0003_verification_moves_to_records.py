"""A guide's verification lives in the editorial app's records now (per surface and language); the editorial
migration that carries the two fields' values over into those records runs first."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("guides", "0002_page_search_text"),
        ("editorial", "0003_verification_per_surface_and_language"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="guidepage",
            name="last_verified_on",
        ),
        migrations.RemoveField(
            model_name="guidepage",
            name="verified_with",
        ),
    ]
