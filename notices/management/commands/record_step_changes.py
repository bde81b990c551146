from django.core.management.base import BaseCommand, CommandError

from notices.models import UpdateNotice
from notices.recording import record_changed_steps


class Command(BaseCommand):
    help = (
        "Compare the steps before and after for update notices that have no comparison yet: those recorded before "
        "the comparison existed, or when an old revision would not load. Notices that have one are left as they are."
    )

    def handle(self, *args, **options):
        compared = nothing_to_compare = 0
        failed = []
        pending = UpdateNotice.objects.filter(step_changes={}, revision__isnull=False).select_related("revision")
        for notice in pending.order_by("pk").iterator():
            # As at publication: a notice whose old revision no longer loads is logged and does not stop the others.
            changes = record_changed_steps(notice)
            if changes is None:
                failed.append(notice.pk)
                self.stderr.write(f"Update notice {notice.pk}: the steps could not be compared (see the log).")
            elif changes:
                compared += 1
            else:
                nothing_to_compare += 1
        self.stdout.write(
            f"{compared} update notices now show which steps changed; {nothing_to_compare} have no steps to "
            "compare (an article, or a guide's first publication)."
        )
        if failed:
            raise CommandError(f"{len(failed)} update notices could not be compared: {failed}")
