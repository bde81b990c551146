from django.core.management.base import BaseCommand

from editorial.setup import setup_editorial


class Command(BaseCommand):
    help = (
        "Give the Editors, Moderators and Translators groups their permissions and attach the review "
        "workflow to the article, guide and deadline index pages. Safe to run again."
    )

    def handle(self, *args, **options):
        result = setup_editorial()
        self.stdout.write(f"home page found: {result['home']}; index pages under review: {result['workflow_pages']}")
