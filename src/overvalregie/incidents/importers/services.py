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
    OPTIONAL,
    ParsedRow,
    RowError,
    missing_columns,
    parse_row,
)
from overvalregie.incidents.models import Robbery

CHUNK_SIZE = 2000
BATCH_SIZE = 500
SAMPLE_SIZE = 10
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

Progress = Callable[[int, int | None], None]


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


def _check_permission(user) -> None:
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


def _locate(rows: list[ParsedRow], use_rd: bool) -> list[RowError]:
    """Fill in both coordinate pairs and the areas; problems for points in no municipality."""
    if not rows:
        return []
    if use_rd:
        xs = np.array([row.x for row in rows])
        ys = np.array([row.y for row in rows])
        lons, lats = to_wgs84(xs, ys)
    else:
        lons = np.array([row.lon for row in rows])
        lats = np.array([row.lat for row in rows])
        xs, ys = to_rd(lons, lats)
    lons, lats = np.round(lons, 7), np.round(lats, 7)
    xs, ys = np.round(xs, 2), np.round(ys, 2)
    errors = []
    for row, location, lon, lat, x, y in zip(
        rows, locate_many(lons, lats), lons, lats, xs, ys, strict=True
    ):
        if location.municipality is None:
            column = "x" if use_rd else "lon"
            errors.append(RowError(row.line, column, _("the point lies in no known municipality")))
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
    try:
        with open_rows(source_file, filename) as (file_format, header, rows):
            plan.format = file_format
            plan.ignored_columns = [name for name in header if name and name not in COLUMNS]
            plan.errors = missing_columns(header)
            if plan.errors:
                return plan
            use_rd = not {"lon", "lat"} <= set(header)
            columns = [column for column in OPTIONAL if column in header]
            fields = ["date", "target_type", *columns, *LOCATION_FIELDS]
            done = 0
            for chunk in _chunks(rows, CHUNK_SIZE):
                done += len(chunk)
                parsed: list[ParsedRow] = []
                seen: set[tuple[str, str]] = set()
                for line, raw in chunk:
                    row, errors = parse_row(line, raw, columns, today, use_rd)
                    if errors:
                        plan.errors += errors
                        continue
                    key = (row.source, row.source_id)
                    hashes.append(hash(key))
                    lines.append(line)
                    if key not in seen:  # a repeat is reported at the end
                        seen.add(key)
                        parsed.append(row)
                plan.errors += _locate(parsed, use_rd)
                parsed = [row for row in parsed if row.values]
                _compare(parsed, fields, plan, write and not plan.errors, user, now)
                if progress is not None:
                    progress(done, None)
    except UnreadableFile as problem:
        plan.errors.append(RowError(problem.line, "", problem.reason))
    plan.errors += _duplicates(hashes, lines)
    plan.errors.sort(key=lambda error: error.line)
    return plan


def _compare(rows, fields, plan: ImportPlan, write: bool, user, now) -> None:
    existing = _existing(rows, fields)
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
        for robbery in robberies:
            record(user, AuditAction.UPDATE, robbery, detail={"changed": names, "via": "import"})


def plan_import(source_file, filename: str, user=None) -> ImportPlan:
    """Read and check ``source_file`` and compare it with the register; write nothing."""
    _check_permission(user)
    return _run(source_file, filename, write=False, user=user)


def apply_import(
    source_file, filename: str, user=None, progress: Progress | None = None
) -> ImportResult:
    """Import ``source_file``: all or nothing. Raises :class:`ImportRejected` on any problem."""
    _check_permission(user)
    with transaction.atomic():
        plan = _run(source_file, filename, write=True, user=user, progress=progress)
        if plan.errors:
            raise ImportRejected(plan.errors)
        result = ImportResult(plan.to_add, plan.to_change, plan.unchanged)
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
