"""``overvalregie safety-analysis``: the analysis and its report without the browser."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from overvalregie.command_line import municipality_named, write_file
from overvalregie.geography.models import District
from overvalregie.safety_analysis import criteria as rules
from overvalregie.safety_analysis.compute import compute
from overvalregie.safety_analysis.scope import DISTRICT, MUNICIPALITY, POLICE_UNIT, scope_of
from overvalregie.safety_analysis.services import thresholds_for


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Compute the local safety analysis of a municipality for a period and write it as "
        "JSON and/or PDF (for scheduled reports). Stores nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipality", required=True, help="CBS code, e.g. GM0363.")
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument(
            "--district", help="Only this district of the municipality (CBS code WKxxxxxx)."
        )
        parser.add_argument(
            "--police-unit",
            action="store_true",
            help="The whole police unit the municipality belongs to (the region).",
        )
        parser.add_argument("--json", dest="json_file", help="Write the figures as JSON here.")
        parser.add_argument("--pdf", dest="pdf_file", help="Write the report as PDF here.")

    def handle(
        self, *args, municipality, start, end, district, police_unit, json_file, pdf_file, **options
    ):
        area = municipality_named(municipality)
        first, last = _date(start), _date(end)
        if last < first:
            raise CommandError("--to lies before --from")
        if district and police_unit:
            raise CommandError("choose --district or --police-unit, not both")
        part = None
        level = POLICE_UNIT if police_unit else MUNICIPALITY
        if district:
            part = District.objects.filter(code=district.strip().upper(), municipality=area).first()
            if part is None:
                raise CommandError(f"{area.name} has no district with code {district!r}")
            level = DISTRICT
        try:
            scope = scope_of(area, level, part)
        except ValueError as error:
            raise CommandError(str(error)) from None
        figures = compute(scope, first, last)
        found, advice = rules.evaluate(figures, thresholds_for(area))
        result = {
            **figures,
            "criteria": [criterion.as_dict() for criterion in found],
            "recommendation": advice,
            "recommendation_label": str(rules.RECOMMENDATIONS[advice]),
        }
        if json_file:
            write_file(json_file, json.dumps(result, indent=1, default=str).encode("utf-8"))
        if pdf_file:
            from overvalregie.safety_analysis.report import report_pdf

            write_file(
                pdf_file,
                report_pdf(area, level, part, first, last, figures, result["criteria"], advice),
            )
        met = sum(criterion.met for criterion in found)
        self.stdout.write(
            _(
                "%(name)s, %(start)s to %(end)s: %(total)d robberies; "
                "%(met)d of %(all)d criteria met."
            )
            % {
                "name": scope.name,
                "start": first,
                "end": last,
                "total": figures["counts"]["total"],
                "met": met,
                "all": len(found),
            }
        )
        for criterion in found:
            mark = "x" if criterion.met else " "
            self.stdout.write(
                f"  [{mark}] {criterion.label}: {criterion.value} "
                f"({_('threshold')} {criterion.threshold})"
            )
        self.stdout.write(str(rules.RECOMMENDATIONS[advice]))
