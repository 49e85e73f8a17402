"""``overvalregie import-incidents FILE [--dry-run]``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from overvalregie.incidents.importers import ImportRejected, apply_import, plan_import


class Command(BaseCommand):
    help = (
        "Import robberies from a CSV, XLSX or GeoJSON file (layout: docs/import-format.md). "
        "All or nothing: every problem is reported and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV, XLSX or GeoJSON file with one robbery per row.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and show what would change, without writing anything.",
        )

    def _reject(self, errors) -> None:
        for error in errors:
            self.stderr.write(str(error))
        raise CommandError(
            _(
                "Nothing was imported: the file has %(count)d problem(s). "
                "Fix them and run the import again."
            )
            % {"count": len(errors)},
            returncode=1,
        )

    def handle(self, *args, file: str, dry_run: bool, **options):
        try:
            if dry_run:
                plan = plan_import(file, file)
                if plan.errors:
                    self._reject(plan.errors)
                created, updated, unchanged = plan.to_add, plan.to_change, plan.unchanged
                message = _(
                    "Dry run, nothing written: %(created)d to add, %(updated)d to change, "
                    "%(unchanged)d unchanged."
                )
            else:
                result = apply_import(file, file)
                created, updated, unchanged = result.created, result.updated, result.unchanged
                message = _(
                    "Imported: %(created)d created, %(updated)d updated, %(unchanged)d unchanged."
                )
        except ImportRejected as rejected:
            self._reject(rejected.errors)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s") % {"file": file, "reason": error.strerror}
            ) from None
        self.stdout.write(
            message % {"created": created, "updated": updated, "unchanged": unchanged}
        )
