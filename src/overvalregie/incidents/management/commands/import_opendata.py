"""``overvalregie import-opendata TABLE DATA --offences FILE [--periods FILE]``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from overvalregie.incidents.opendata.parsers import OpenDataImportError
from overvalregie.incidents.opendata.services import import_opendata
from overvalregie.incidents.opendata.tables import TABLES


class Command(BaseCommand):
    help = (
        "Import robbery and street-robbery figures from a CBS police table "
        f"({', '.join(TABLES)}). Give the table's TypedDataSet and its SoortMisdrijf code "
        "list, each as OData JSON (…/TypedDataSet?$format=json) or as the ';'-separated CSV "
        "export; the form is recognised from the contents. Empty cells stay missing, never "
        "zero. All or nothing: any problem is reported and nothing is written. Running it "
        "again updates the figures in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("table", help="CBS table id, e.g. 47013NED.")
        parser.add_argument("data", help="The TypedDataSet file (JSON or CSV).")
        parser.add_argument(
            "--offences",
            required=True,
            help="The SoortMisdrijf code list (JSON or CSV with Key and Title).",
        )
        parser.add_argument(
            "--periods",
            help="Optional Perioden code list (Key, Title, Status): marks provisional figures.",
        )

    def handle(self, *args, table: str, data: str, offences: str, periods: str | None, **opts):
        files = {"data": data, "offences": offences, "periods": periods}
        try:
            result = import_opendata(table, files)
        except OpenDataImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nothing was imported: %(count)d problem(s). Fix them and run the import again.")
                % {"count": len(error.problems)},
                returncode=1,
            ) from None
        self.stdout.write(
            _(
                "Imported %(table)s: %(figures)d figures (%(created)d new, %(updated)d "
                "updated, %(missing)d not published); %(skipped)d rows of other offences skipped."
            )
            % {
                "table": result.table,
                "figures": result.figures,
                "created": result.created,
                "updated": result.updated,
                "missing": result.missing,
                "skipped": result.skipped_rows,
            }
        )
