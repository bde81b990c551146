"""Storing a step report: one per reader, step and day, and at most RATINGS_REPORTS_PER_ADDRESS new ones per
address, page and day, however the reports race (ratings/places.py, the same rule as for votes)."""

from django.conf import settings

from .models import StepReport
from .places import AddressQuotaReached, free_place, insert_new


def store_report(report):
    """Add the report, or give the reader's report on the step today its new note (an empty note keeps the old).

    Raises AddressQuotaReached, and stores nothing, when the report would be a new one beyond the address's
    quota. A new report takes the lowest free place of its address on the page today; the unique places settle two
    reports sent at the same moment (the one refused looks again, and finds the quota used or another place).
    """
    same_report = StepReport.objects.filter(
        page_id=report.page_id, step_id=report.step_id, reporter=report.reporter, day=report.day
    )
    address_reports = StepReport.objects.filter(
        page_id=report.page_id, daily_address=report.daily_address, day=report.day
    )
    for _attempt in range(settings.RATINGS_REPORTS_PER_ADDRESS + 1):
        if same_report.exists():
            if report.note:
                same_report.update(note=report.note)
            return
        taken = list(address_reports.values_list("address_slot", flat=True))
        report.address_slot = free_place(taken, settings.RATINGS_REPORTS_PER_ADDRESS)
        if report.address_slot is None:
            raise AddressQuotaReached
        # Refused when another report took the place, or the same reader's other request added this report.
        if insert_new(report):
            return
    raise AddressQuotaReached
