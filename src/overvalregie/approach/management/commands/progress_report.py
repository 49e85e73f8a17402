"""``overvalregie progress-report``: the triangle's progress report without the browser."""

import json
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from overvalregie.approach import progress_report as reports
from overvalregie.approach.models import Approach
from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record
from overvalregie.command_line import municipality_named, write_file


class Command(BaseCommand):
    help = (
        "Write the progress report of a municipality's current approach (the active one started "
        "most recently, or --approach) as PDF and/or JSON, for the triangle meeting."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipality", required=True, help="CBS code, e.g. GM0363.")
        parser.add_argument(
            "--approach", help="The id (UUID) of one of the municipality's approaches."
        )
        parser.add_argument("--pdf", dest="pdf_file", help="Write the report as PDF here.")
        parser.add_argument("--json", dest="json_file", help="Write the report as JSON here.")

    def handle(self, *args, municipality, approach, pdf_file, json_file, **options):
        if not pdf_file and not json_file:
            raise CommandError("give --pdf FILE, --json FILE or both")
        area = municipality_named(municipality)
        approaches = Approach.objects.filter(municipality=area).select_related(
            "municipality__police_unit", "police_unit"
        )
        if approach:
            try:
                wanted = uuid.UUID(approach.strip())
            except ValueError:
                raise CommandError(f"{approach!r} is not an approach id (a UUID)") from None
            chosen = approaches.filter(pk=wanted).first()
            if chosen is None:
                raise CommandError(f"{area.name} ({area.code}) has no approach with id {wanted}")
        else:
            chosen = approaches.active().order_by("-started", "-created").first()
            if chosen is None:
                raise CommandError(
                    f"{area.name} ({area.code}) has no approach under way; "
                    "pick an ended one with --approach ID"
                )
        report = reports.build(chosen)
        if json_file:
            text = json.dumps(reports.as_json(report), indent=1, ensure_ascii=False)
            write_file(json_file, text.encode("utf-8"))
            _record_export(chosen, "json")
        if pdf_file:
            write_file(pdf_file, reports.as_pdf(report))
            _record_export(chosen, "pdf")
        self.stdout.write(
            _("%(name)s (%(municipality)s): %(goals)d goals, %(overdue)d overdue actions.")
            % {
                "name": chosen.name,
                "municipality": area.name,
                "goals": len(report["goals"]),
                "overdue": len(report["actions"]["overdue"]),
            }
        )


def _record_export(approach: Approach, file_format: str) -> None:
    """The export goes into the audit trail, as the report's PDF download in the browser does."""
    record(None, AuditAction.EXPORT, approach, detail={"format": file_format, "report": "progress"})
