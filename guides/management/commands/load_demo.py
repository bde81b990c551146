"""`manage.py load_demo`: the demo site in five languages, built from the texts in guides/demo/."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from guides.demo.loader import DemoLoader


class Command(BaseCommand):
    help = (
        "Create or update the demo content (home page, indexes, platforms, topics, the AI-training article, "
        "guides and deadlines) in all languages, and in demo mode the demo accounts. Running it again changes "
        "nothing that is already as the demo defines it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="Load the content only. Needed outside demo mode, where accounts with public passwords are refused.",
        )

    def handle(self, *args, no_accounts=False, **options):
        with_accounts = not no_accounts
        if with_accounts and not settings.DEMO_MODE:
            raise CommandError(
                "Demo accounts have publicly known passwords, so they are only created when DEMO_MODE is true. "
                "Set DEMO_MODE=true, or run `manage.py load_demo --no-accounts` to load the content alone."
            )
        self.stdout.write("Loading demo content…")
        try:
            summary = DemoLoader(write=self.stdout.write).load(with_accounts=with_accounts)
        except ValidationError as error:
            raise CommandError(f"The demo content does not validate: {error}") from error
        counts = ", ".join(f"{count} {outcome}" for outcome, count in sorted(summary.counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo content ready in {summary.seconds:.1f} s: {counts}."))
