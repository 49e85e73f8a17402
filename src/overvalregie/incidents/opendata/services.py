"""Importing a CBS police table: all or nothing, in one transaction, with one audit entry.

Re-importing a table updates its figures in place (one row per table, offence, area, period
and measure), so running the same import twice changes nothing but ``imported_at``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie.incidents.models import RegisteredCrimeFigure
from overvalregie.incidents.opendata.parsers import (
    ImportProblem,
    OpenDataImportError,
    Source,
    offence_keys,
    parse_dataset,
    provisional_periods,
    read_rows,
)
from overvalregie.incidents.opendata.tables import TABLES

BATCH_SIZE = 1000
UNIQUE_FIELDS = ["table", "offence", "area_code", "period_kind", "period_start", "measure"]
UPDATE_FIELDS = ["offence_key", "area_level", "period_code", "provisional", "value"]
UPDATE_FIELDS += ["imported_at"]


@dataclass
class ImportResult:
    table: str
    #: figures written (created + updated), of which ``missing`` are not published
    figures: int = 0
    created: int = 0
    updated: int = 0
    missing: int = 0
    #: data rows of offences other than robbery and street robbery
    skipped_rows: int = 0
    periods: list[str] = field(default_factory=list)

    def as_detail(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "figures": self.figures,
            "created": self.created,
            "updated": self.updated,
            "missing": self.missing,
            "skipped_rows": self.skipped_rows,
            "first_period": self.periods[0] if self.periods else "",
            "last_period": self.periods[-1] if self.periods else "",
        }


def import_opendata(table_id: str, files: dict[str, Source], user=None) -> ImportResult:
    """Import one CBS table from its files; raises OpenDataImportError on any problem.

    ``files`` maps ``"data"`` to the TypedDataSet, ``"offences"`` to the SoortMisdrijf code
    list and, optionally, ``"periods"`` to the Perioden code list (which marks provisional
    figures). Each may be a path or an open file, in JSON or CSV form.
    """
    from overvalregie.audit.models import AuditAction
    from overvalregie.audit.services import record

    spec = TABLES.get(table_id.strip().upper())
    if spec is None:
        reason = _("unknown table %(table)s; supported: %(tables)s") % {
            "table": table_id,
            "tables": ", ".join(TABLES),
        }
        raise OpenDataImportError([ImportProblem(table_id, None, "table", reason)])
    for role in ("data", "offences"):
        if files.get(role) is None:
            reason = _("the %(role)s file is missing") % {"role": role}
            raise OpenDataImportError([ImportProblem(table_id, None, role, reason)])

    code_rows, problems = read_rows(files["offences"], "SoortMisdrijf")
    offences, offence_problems = (
        offence_keys(code_rows, "SoortMisdrijf") if not problems else ({}, [])
    )
    problems += offence_problems
    provisional: dict[str, bool] | None = None
    if files.get("periods") is not None:
        period_rows, period_problems = read_rows(files["periods"], "Perioden")
        problems += period_problems
        provisional = provisional_periods(period_rows)
    data_rows, data_problems = read_rows(files["data"], spec.table_id)
    problems += data_problems
    if problems:
        raise OpenDataImportError(problems)
    figures, skipped, problems = parse_dataset(data_rows, spec, offences, spec.table_id)
    if provisional is not None:
        unknown = {f.period.code: f.row for f in figures if f.period.code not in provisional}
        for code, row in unknown.items():
            reason = _("period %(code)s is not in the Perioden code list") % {"code": code}
            problems.append(ImportProblem(spec.table_id, row, "Perioden", reason))
    if problems:
        raise OpenDataImportError(sorted(problems, key=lambda p: p.row or 0))

    now = timezone.now()
    objects = [
        RegisteredCrimeFigure(
            table=spec.table_id,
            offence=figure.offence,
            offence_key=figure.offence_key,
            area_level=figure.area_level,
            area_code=figure.area_code,
            period_kind=figure.period.kind,
            period_start=figure.period.start,
            period_code=figure.period.code,
            provisional=bool(provisional and provisional[figure.period.code]),
            measure=figure.measure,
            value=figure.value,
            imported_at=now,
        )
        for figure in figures
    ]
    result = ImportResult(table=spec.table_id, skipped_rows=skipped)
    result.figures = len(objects)
    result.missing = sum(figure.value is None for figure in figures)
    result.periods = sorted({figure.period.code for figure in figures})
    table_rows = RegisteredCrimeFigure.objects.filter(table=spec.table_id)
    with transaction.atomic():
        before = table_rows.count()
        RegisteredCrimeFigure.objects.bulk_create(
            objects,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=UNIQUE_FIELDS,
            update_fields=UPDATE_FIELDS,
        )
        result.created = table_rows.count() - before
        result.updated = result.figures - result.created
        record(
            user,
            AuditAction.IMPORT,
            object_type=RegisteredCrimeFigure._meta.label_lower,
            object_id=spec.table_id,
            purpose="import-opendata",
            detail=result.as_detail(),
        )
    return result
