from django.core.management.base import BaseCommand

from page_cache import vcl


class Command(BaseCommand):
    help = "Rewrites config/varnish/page_cache.vcl from the page cache's declarations (page_cache/query.py)."

    def handle(self, *args, **options):
        path = vcl.write()
        self.stdout.write(f"Wrote {path}")
