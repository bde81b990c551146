from django.core.management.base import BaseCommand

from guides.search import rebuild_search_texts


class Command(BaseCommand):
    help = "Rebuild the per-language texts of the reader search from the live articles and guides."

    def handle(self, *args, **options):
        count = rebuild_search_texts()
        self.stdout.write(f"Search texts rebuilt for {count} pages in every language.")
