"""``overvalregie import-geography FILE --level gemeente [--year 2024]``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from overvalregie.geography.importers import (
    LEVELS,
    GeographyImportError,
    import_geography_file,
)


class Command(BaseCommand):
    help = (
        "Import CBS/PDOK boundaries (police units, municipalities, districts or "
        "neighbourhoods) from a GeoJSON FeatureCollection in WGS84. All or nothing: any "
        "problem is reported and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="GeoJSON file with properties statcode and statnaam.")
        parser.add_argument(
            "--level",
            required=True,
            choices=list(LEVELS),
            help="Which areas the file holds.",
        )
        parser.add_argument(
            "--year",
            type=int,
            help="Boundary year; defaults to the year in each feature's jrstatcode.",
        )

    def handle(self, *args, file: str, level: str, year: int | None, **options):
        try:
            result = import_geography_file(file, level, year=year)
        except GeographyImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _(
                    "Nothing was imported: the file has %(count)d problem(s). "
                    "Fix them and run the import again."
                )
                % {"count": len(error.problems)},
                returncode=1,
            ) from None
        self.stdout.write(
            _(
                "Imported %(level)s %(years)s: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged."
            )
            % {
                "level": level,
                "years": ", ".join(str(y) for y in result.years),
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
        if result.repaired:
            self.stdout.write(
                _("%(count)d invalid geometries in the file were repaired before importing.")
                % {"count": result.repaired}
            )
        if result.linked:
            self.stdout.write(
                _("%(count)d municipalities were linked to their police unit.")
                % {"count": result.linked}
            )
        if result.unlinked:
            self.stdout.write(
                _("Not inside any police unit: %(codes)s.") % {"codes": ", ".join(result.unlinked)}
            )
