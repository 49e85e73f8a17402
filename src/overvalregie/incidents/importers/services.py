"""Planning and applying an import of robberies from a file.

Both walk the file once, in chunks of :data:`CHUNK_SIZE` rows: each chunk is checked, its points
are located in bulk and its keys are compared with the database in one query per source.
Memory stays flat: per row only a 64-bit key hash and the line number are kept (to find
duplicate keys across chunks), besides the problems found.

:func:`apply_import` writes inside one transaction and stops writing at the first problem,
but reads on to report every problem; any problem rolls the whole import back.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record, record_refused
from overvalregie.geography.locate import locate_many
from overvalregie.geography.spatial import to_rd, to_wgs84
from overvalregie.incidents.importers.readers import UnreadableFile, open_rows
from overvalregie.incidents.importers.rows import (
    COLUMNS,
    DERIVED,
    OPTIONAL,
    ParsedRow,
    RowError,
    coordinate_pairs,
    missing_columns,
    parse_row,
)
from overvalregie.incidents.models import Robbery
from overvalregie.incidents.signals import robberies_imported

CHUNK_SIZE = 2000
BATCH_SIZE = 500
SAMPLE_SIZE = 10
#: Metres a row's lon/lat and x/y may lie apart and still be one point (rounding in exports).
PAIR_TOLERANCE = 1.0
#: Fields every import sets from the point.
LOCATION_FIELDS = (
    "lon",
    "lat",
    "rd_x",
    "rd_y",
    "municipality_id",
    "district_id",
    "neighbourhood_id",
)

#: Called after every chunk with the number of rows read so far.
Progress = Callable[[int], None]


class ImportRejected(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors[:50]))


@dataclass
class ImportPlan:
    """What an import would do. Samples are small dicts without personal data but the key."""

    format: str = ""
    to_add: int = 0
    to_change: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    sample_to_add: list[dict[str, Any]] = field(default_factory=list)
    sample_to_change: list[dict[str, Any]] = field(default_factory=list)
    sample_unchanged: list[dict[str, Any]] = field(default_factory=list)
    #: (robbery id, changed field names) of the robberies an import changed, to audit.
    changed: list[tuple[Any, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> int:
        return self.to_add + self.to_change + self.unchanged


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def check_permission(user) -> None:
    if user is None:
        return
    from overvalregie.organisations.policy import Action, can

    if not can(user, Action.IMPORT_INCIDENTS):
        record_refused(user, Action.IMPORT_INCIDENTS, object_type="incidents.robbery")
        raise PermissionDenied


def _chunks(rows: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(rows, size)):
        yield chunk


def _sample(row: ParsedRow, changed: list[str] | None = None) -> dict[str, Any]:
    sample = {
        "line": row.line,
        "source": row.source,
        "source_id": row.source_id,
        "date": row.values["date"],
        "target_type": row.values["target_type"],
    }
    if changed is not None:
        sample["changed"] = changed
    return sample


def _scope(user) -> set | None:
    """The municipalities a user may import into; ``None``: all (the command line)."""
    if user is None:
        return None
    from overvalregie.organisations.querysets import scope_municipalities

    return set(scope_municipalities(user).values_list("id", flat=True))


def _points(rows: list[ParsedRow]):
    """``lon, lat, x, y, apart``: each row's point in both systems, as given where given and
    computed from the other pair where not; ``apart`` is how many metres a row's two given
    pairs lie apart (0 for a row with one pair)."""

    def given(name: str) -> np.ndarray:
        return np.array([getattr(row, name) for row in rows], dtype=float)  # None -> nan

    lons, lats, xs, ys = given("lon"), given("lat"), given("x"), given("y")
    from_rd = np.isnan(lons)
    if from_rd.any():
        lons[from_rd], lats[from_rd] = to_wgs84(xs[from_rd], ys[from_rd])
    computed_x, computed_y = to_rd(lons, lats)
    has_rd = ~np.isnan(xs)
    apart = np.where(has_rd & ~from_rd, np.hypot(xs - computed_x, ys - computed_y), 0.0)
    xs, ys = np.where(has_rd, xs, computed_x), np.where(has_rd, ys, computed_y)
    return np.round(lons, 7), np.round(lats, 7), np.round(xs, 2), np.round(ys, 2), apart


def _locate(rows: list[ParsedRow], scope: set | None) -> list[RowError]:
    """Fill in both coordinate pairs and the areas; problems for points outside ``scope``."""
    if not rows:
        return []
    lons, lats, xs, ys, apart = _points(rows)
    errors = []
    for row, location, lon, lat, x, y, distance in zip(
        rows, locate_many(lons, lats), lons, lats, xs, ys, apart, strict=True
    ):
        column = "x" if row.lon is None else "lon"
        if distance > PAIR_TOLERANCE:
            reason = _(
                "x and y lie %(distance)d m from lon and lat: give one pair, or make both "
                "describe the same point"
            )
            errors.append(RowError(row.line, "x", reason % {"distance": round(distance)}))
            row.values = {}
            continue
        if location.municipality is None:
            errors.append(RowError(row.line, column, _("the point lies in no known municipality")))
            row.values = {}
            continue
        if scope is not None and location.municipality.id not in scope:
            reason = _("the point lies in %(municipality)s, outside the area of your organisation")
            errors.append(
                RowError(row.line, column, reason % {"municipality": location.municipality.name})
            )
            row.values = {}
            continue
        row.values.update(
            lon=float(lon),
            lat=float(lat),
            rd_x=float(x),
            rd_y=float(y),
            municipality_id=location.municipality.id,
            district_id=location.district.id if location.district else None,
            neighbourhood_id=location.neighbourhood.id if location.neighbourhood else None,
        )
    return errors


def _existing(rows: list[ParsedRow], fields: list[str]) -> dict[tuple[str, str], dict]:
    by_source: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_source[row.source].append(row.source_id)
    found = {}
    for source, ids in by_source.items():
        for values in Robbery.objects.filter(source=source, source_id__in=ids).values(
            "id", "source", "source_id", *fields
        ):
            found[(values["source"], values["source_id"])] = values
    return found


def _duplicates(hashes: array, lines: array) -> list[RowError]:
    """A problem for every row whose (source, source_id) an earlier row already had."""
    keys = np.frombuffer(hashes, dtype=np.int64) if len(hashes) else np.empty(0, np.int64)
    if len(keys) < 2:
        return []
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    repeat = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1
    line_numbers = np.frombuffer(lines, dtype=np.int64)[order]
    is_start = np.ones(len(ordered), dtype=bool)
    is_start[1:] = ordered[1:] != ordered[:-1]
    run_start = np.maximum.accumulate(np.where(is_start, np.arange(len(ordered)), 0))
    return [
        RowError(
            int(line_numbers[position]),
            "source_id",
            _("duplicate of line %(line)d (same source and source_id)")
            % {"line": int(line_numbers[run_start[position]])},
        )
        for position in repeat
    ]


def _run(source_file, filename: str, *, write: bool, user=None, progress: Progress | None = None):
    """Walk the file once; with ``write``, create and update as long as there is no problem."""
    plan = ImportPlan()
    today = timezone.localdate()
    hashes, lines = array("q"), array("q")
    now = timezone.now()
    scope = _scope(user)
    try:
        with open_rows(source_file, filename) as (file_format, header, rows):
            plan.format = file_format
            known = {*COLUMNS, *DERIVED}
            plan.ignored_columns = [name for name in header if name and name not in known]
            plan.errors = missing_columns(header)
            if plan.errors:
                return plan
            pairs = coordinate_pairs(header)
            columns = [column for column in OPTIONAL if column in header]
            fields = ["date", "target_type", *columns, *LOCATION_FIELDS]
            done = 0
            for chunk in _chunks(rows, CHUNK_SIZE):
                done += len(chunk)
                parsed: list[ParsedRow] = []
                seen: set[tuple[str, str]] = set()
                for line, raw in chunk:
                    row, errors = parse_row(line, raw, columns, today, pairs)
                    if errors:
                        plan.errors += errors
                        continue
                    key = (row.source, row.source_id)
                    hashes.append(hash(key))
                    lines.append(line)
                    if key not in seen:  # a repeat is reported at the end
                        seen.add(key)
                        parsed.append(row)
                plan.errors += _locate(parsed, scope)
                parsed = [row for row in parsed if row.values]
                _compare(parsed, fields, plan, write, scope, now)
                if progress is not None:
                    progress(done)
    except UnreadableFile as problem:
        plan.errors.append(RowError(problem.line, "", problem.reason))
    plan.errors += _duplicates(hashes, lines)
    plan.errors.sort(key=lambda error: error.line)
    return plan


def _compare(rows, fields, plan: ImportPlan, write: bool, scope, now) -> None:
    existing = _existing(rows, fields)
    if scope is not None:
        # A key of a robbery elsewhere is not the user's to change (nor to see the changes of).
        foreign = [
            row
            for row in rows
            if (key := (row.source, row.source_id)) in existing
            and existing[key]["municipality_id"] not in scope
        ]
        if foreign:
            reason = _("this source and source id belong to a robbery outside your area")
            plan.errors += [RowError(row.line, "source_id", reason) for row in foreign]
            rows = [row for row in rows if row not in foreign]
            write = False
    write = write and not plan.errors
    to_create, changes = [], defaultdict(list)
    for row in rows:
        current = existing.get((row.source, row.source_id))
        if current is None:
            plan.to_add += 1
            if len(plan.sample_to_add) < SAMPLE_SIZE:
                plan.sample_to_add.append(_sample(row))
            if write:
                to_create.append(Robbery(source=row.source, source_id=row.source_id, **row.values))
            continue
        changed = sorted(name for name in fields if current[name] != row.values[name])
        if not changed:
            plan.unchanged += 1
            if len(plan.sample_unchanged) < SAMPLE_SIZE:
                plan.sample_unchanged.append(_sample(row))
            continue
        plan.to_change += 1
        if len(plan.sample_to_change) < SAMPLE_SIZE:
            plan.sample_to_change.append(_sample(row, changed))
        if write:
            robbery = Robbery(id=current["id"], modified=now, **row.values)
            changes[tuple(changed)].append(robbery)
    if not write:
        return
    Robbery.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    for changed, robberies in changes.items():
        Robbery.objects.bulk_update(robberies, [*changed, "modified"], batch_size=BATCH_SIZE)
        names = [name.removesuffix("_id") for name in changed]
        # Audited at the end: an audit entry locks the chain until the import commits.
        plan.changed.extend((robbery.pk, names) for robbery in robberies)


def plan_import(
    source_file, filename: str, user=None, progress: Progress | None = None
) -> ImportPlan:
    """Read and check ``source_file`` and compare it with the register; write nothing.

    With a ``user``, only points in the municipalities of their organisation are accepted.
    """
    check_permission(user)
    return _run(source_file, filename, write=False, user=user, progress=progress)


def apply_import(
    source_file, filename: str, user=None, progress: Progress | None = None
) -> ImportResult:
    """Import ``source_file``: all or nothing. Raises :class:`ImportRejected` on any problem."""
    check_permission(user)
    with transaction.atomic():
        plan = _run(source_file, filename, write=True, user=user, progress=progress)
        if plan.errors:
            raise ImportRejected(plan.errors)
        for robbery_id, names in plan.changed:
            record(
                user,
                AuditAction.UPDATE,
                object_type="incidents.robbery",
                object_id=str(robbery_id),
                detail={"changed": names, "via": "import"},
            )
        result = ImportResult(plan.to_add, plan.to_change, plan.unchanged)
        # Robust: what another app does with the news cannot undo or fail the import.
        transaction.on_commit(lambda: robberies_imported.send(sender=Robbery), robust=True)
        record(
            user,
            AuditAction.IMPORT,
            object_type="incidents.robbery",
            detail={
                "format": plan.format,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
    return result


__all__ = [
    "ImportPlan",
    "ImportRejected",
    "ImportResult",
    "RowError",
    "apply_import",
    "plan_import",
]
