"""Reading CBS open-data files without touching the database.

Two published forms are read, told apart by their first character:

- OData v3 JSON: ``{"odata.metadata": ..., "value": [{...}, ...]}`` (or a bare list), as
  given by ``.../ODataApi/odata/<table>/TypedDataSet?$format=json`` and by the code lists
  (``SoortMisdrijf``, ``Perioden``, with ``Key`` and ``Title``);
- CSV: semicolon-separated, every value quoted, a header line with the same column names.

Keys are padded with spaces in both forms and are stripped. An empty cell (``null``, ``""``,
``"."``; ``"x"`` for secret) is a figure not published and stays missing, never zero.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from overvalregie.incidents.models import CrimeMeasure, OpenDataOffence, PeriodKind
from overvalregie.incidents.opendata.tables import (
    AREA_CODE,
    AREA_COLUMNS,
    AREA_PREFIXES,
    MEASURE_PATTERNS,
    OFFENCE_COLUMNS,
    PERIOD_COLUMNS,
    TableSpec,
)

Source = str | Path | IO

#: Cell texts that mean "no figure published".
MISSING = {"", ".", "x", "?"}
PERIOD = re.compile(r"(?P<year>\d{4})(?P<kind>MM|KW|JJ)(?P<number>\d{2})")
#: Leading classification number of an offence title: "1.2.2 Overval" -> "Overval".
TITLE_NUMBER = re.compile(r"^\s*[\d.]+\s+")


@dataclass(frozen=True)
class ImportProblem:
    """One problem: the 1-based data row in its file (None: the whole file)."""

    file: str
    row: int | None
    field: str
    reason: str

    def __str__(self) -> str:
        if self.row is None:
            return _("%(file)s: %(reason)s") % {"file": self.file, "reason": self.reason}
        return _("%(file)s, row %(row)d, %(field)s: %(reason)s") % {
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "reason": self.reason,
        }


class OpenDataImportError(Exception):
    """The files have problems; nothing was written."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class Period:
    code: str
    kind: PeriodKind
    start: datetime.date


@dataclass(frozen=True)
class ParsedFigure:
    row: int
    offence: OpenDataOffence
    offence_key: str
    area_level: str
    area_code: str
    period: Period
    measure: CrimeMeasure
    value: float | None


# --- files ------------------------------------------------------------------------------------


def _read_text(source: Source) -> str:
    if isinstance(source, str | Path):
        return Path(source).read_text(encoding="utf-8-sig")
    text = source.read()
    return text.decode("utf-8-sig") if isinstance(text, bytes) else text.lstrip("\ufeff")


def read_rows(source: Source, name: str) -> tuple[list[dict[str, Any]], list[ImportProblem]]:
    """The rows of a JSON (OData v3) or CSV file, as dicts; or the problem reading it."""
    try:
        text = _read_text(source)
    except (OSError, UnicodeDecodeError) as error:
        return [], [ImportProblem(name, None, "file", _("cannot read: %s") % error)]
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            return [], [ImportProblem(name, None, "file", _("not valid JSON: %s") % error)]
        rows = data.get("value") if isinstance(data, dict) else data
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            reason = _("expected an OData result with a 'value' list of rows")
            return [], [ImportProblem(name, None, "file", reason)]
        return rows, []
    try:
        rows = list(csv.DictReader(io.StringIO(stripped), delimiter=";"))
    except csv.Error as error:
        return [], [ImportProblem(name, None, "file", _("not valid CSV: %s") % error)]
    if any(None in row for row in rows):  # more cells than the header has columns
        reason = _("a row has more cells than the header; is the file separated by ';'?")
        return [], [ImportProblem(name, None, "file", reason)]
    return rows, []


def _key(value: Any) -> str:
    return str(value if value is not None else "").strip()


def normalise_title(title: str) -> str:
    """ "1.2.2 Overval " -> "overval"."""
    return TITLE_NUMBER.sub("", title).strip().lower()


def offence_keys(rows: list[dict], name: str) -> tuple[dict[str, OpenDataOffence | None], list]:
    """Every key of the offence code list -> the offence we import, or None (skip its rows)."""
    wanted = {choice.value: choice for choice in OpenDataOffence}
    keys: dict[str, OpenDataOffence | None] = {}
    problems: list[ImportProblem] = []
    seen: dict[OpenDataOffence, str] = {}
    for number, row in enumerate(rows, start=1):
        key, title = _key(row.get("Key")), _key(row.get("Title"))
        if not key or not title:
            reason = _("a code list row needs a Key and a Title")
            problems.append(ImportProblem(name, number, "Key", reason))
            continue
        offence = wanted.get(normalise_title(title))
        if offence is not None and offence in seen:
            reason = _("both %(first)s and %(second)s are titled %(title)s") % {
                "first": seen[offence],
                "second": key,
                "title": title,
            }
            problems.append(ImportProblem(name, number, "Title", reason))
        if offence is not None:
            seen[offence] = key
        keys[key] = offence
    if not problems and not seen:
        reason = _("no offence titled 'Overval' or 'Straatroof'; is this the SoortMisdrijf list?")
        problems.append(ImportProblem(name, None, "Title", reason))
    return keys, problems


def provisional_periods(rows: list[dict]) -> dict[str, bool]:
    """Period key -> whether CBS marks it provisional (Status other than "Definitief")."""
    return {
        _key(row.get("Key")): _key(row.get("Status")).lower() not in ("", "definitief")
        for row in rows
    }


def parse_period(code: str) -> Period | None:
    """``2021MM03`` -> March 2021; ``2021KW02`` -> 2nd quarter; ``2021JJ00`` -> 2021."""
    match = PERIOD.fullmatch(code)
    if not match:
        return None
    year, kind, number = int(match["year"]), match["kind"], int(match["number"])
    if kind == "MM" and 1 <= number <= 12:
        return Period(code, PeriodKind.MONTH, datetime.date(year, number, 1))
    if kind == "KW" and 1 <= number <= 4:
        return Period(code, PeriodKind.QUARTER, datetime.date(year, 3 * number - 2, 1))
    if kind == "JJ" and number == 0:
        return Period(code, PeriodKind.YEAR, datetime.date(year, 1, 1))
    return None


def parse_value(raw: Any) -> tuple[float | None, bool]:
    """(value, ok): None for a figure not published; ok False for a value that is no number."""
    if raw is None:
        return None, True
    if isinstance(raw, bool):
        return None, False
    if isinstance(raw, int | float):
        number = float(raw)
    else:
        text = str(raw).strip()
        if text in MISSING:
            return None, True
        try:
            number = float(text)
        except ValueError:
            return None, False
    if not math.isfinite(number) or number < 0:
        return None, False
    return number, True


# --- the data set -----------------------------------------------------------------------------


def _find_column(columns: Iterable[str], candidates: tuple[str, ...]) -> str | None:
    present = set(columns)
    return next((name for name in candidates if name in present), None)


def _columns(columns: list[str], spec: TableSpec, name: str):
    """The offence, area and period columns and the measure columns; or the problems."""
    problems: list[ImportProblem] = []
    roles = {}
    for role, candidates in (
        ("offence", OFFENCE_COLUMNS),
        ("area", AREA_COLUMNS),
        ("period", PERIOD_COLUMNS),
    ):
        roles[role] = _find_column(columns, candidates)
        if roles[role] is None:
            reason = _("no %(role)s column (one of %(names)s)") % {
                "role": role,
                "names": ", ".join(candidates),
            }
            problems.append(ImportProblem(name, None, "columns", reason))
    measures: dict[str, CrimeMeasure] = {}
    for measure in spec.measures:
        found = [column for column in columns if MEASURE_PATTERNS[measure].fullmatch(column)]
        if len(found) > 1:
            reason = _("several columns hold %(measure)s: %(columns)s") % {
                "measure": measure.label,
                "columns": ", ".join(found),
            }
            problems.append(ImportProblem(name, None, "columns", reason))
        elif found:
            measures[found[0]] = measure
    if not measures:
        reason = _("none of the measure columns of table %(table)s found") % {
            "table": spec.table_id
        }
        problems.append(ImportProblem(name, None, "columns", reason))
    return roles, measures, problems


def parse_dataset(
    rows: list[dict],
    spec: TableSpec,
    offences: dict[str, OpenDataOffence | None],
    name: str,
) -> tuple[list[ParsedFigure], int, list[ImportProblem]]:
    """The figures of our offences, how many rows of other offences were skipped, problems."""
    if not rows:
        return [], 0, [ImportProblem(name, None, "file", _("the file holds no rows"))]
    roles, measures, problems = _columns(list(rows[0]), spec, name)
    if problems:
        return [], 0, problems
    figures: list[ParsedFigure] = []
    skipped = 0
    seen: dict[tuple, int] = {}
    for number, row in enumerate(rows, start=1):

        def problem(field: str, reason: str, number: int = number) -> None:
            problems.append(ImportProblem(name, number, field, reason))

        offence_key = _key(row.get(roles["offence"]))
        if offence_key not in offences:
            problem(
                roles["offence"],
                _("offence %(key)s is not in the code list") % {"key": offence_key},
            )
            continue
        offence = offences[offence_key]
        if offence is None:
            skipped += 1
            continue
        area_code = _key(row.get(roles["area"]))
        match = AREA_CODE.fullmatch(area_code)
        level = AREA_PREFIXES.get(match["prefix"]) if match else None
        if level is None:
            problem(roles["area"], _("%(code)s is no known region code") % {"code": area_code})
        period_code = _key(row.get(roles["period"]))
        period = parse_period(period_code)
        if period is None:
            reason = _("period %(code)s is not a month (2021MM03), quarter or year (2021JJ00)")
            problem(roles["period"], reason % {"code": period_code})
        if level is None or period is None:
            continue
        where = (offence, area_code, period.kind, period.start)
        if where in seen:
            reason = _("the same offence, area and period as row %(row)d") % {"row": seen[where]}
            problem(roles["period"], reason)
            continue
        seen[where] = number
        for column, measure in measures.items():
            value, ok = parse_value(row.get(column))
            if not ok:
                reason = _("%(value)s is not a number") % {
                    "value": str(row.get(column)).strip()[:40]
                }
                problem(column, reason)
                continue
            figures.append(
                ParsedFigure(number, offence, offence_key, level, area_code, period, measure, value)
            )
    return figures, skipped, problems
