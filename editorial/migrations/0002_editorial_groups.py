"""The three editorial groups, by the exact names other apps rely on.

Wagtail's own initial data already creates "Editors" and "Moderators" (with permissions on the tree root), so
the groups are fetched or created. Their permissions, the page permissions on the home page's subtree and the
review workflow are granted by ``editorial.setup.setup_editorial`` (see there for when it runs), because
permissions of models migrated later do not exist yet when this migration runs.
"""

from django.db import migrations

GROUP_NAMES = ("Editors", "Moderators", "Translators")


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUP_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Reversing keeps the groups: users and permissions may refer to them.
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
