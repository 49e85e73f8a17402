"""Reading events (x, y and optionally a date) from an analyst's CSV file."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np


class InputError(ValueError):
    """The file cannot be analysed; the message names the line and the column."""


@dataclass(frozen=True)
class Events:
    x: np.ndarray  # float64 metres
    y: np.ndarray
    dates: np.ndarray | None  # datetime64[D], or None without a date column
    groups: np.ndarray | None = None  # text per event, or None without a group column

    def __len__(self) -> int:
        return len(self.x)


def _column_index(header: list[str] | None, name: str, what: str) -> int:
    """A column by name, or by 1-based position when the file has no header."""
    if header is None:
        try:
            position = int(name)
        except ValueError:
            raise InputError(
                f"--{what}-column {name!r}: without a header, name columns by position (1, 2, ...)"
            ) from None
        if position < 1:
            raise InputError(f"--{what}-column {name!r}: positions start at 1")
        return position - 1
    names = [column.strip().lstrip("\ufeff") for column in header]
    if name in names:
        return names.index(name)
    lowered = [column.lower() for column in names]
    if name.lower() in lowered:
        return lowered.index(name.lower())
    raise InputError(f"--{what}-column {name!r} is not in the header ({', '.join(names)})")


def _number(text: str, line: int, column: str) -> float:
    cleaned = text.strip()
    if cleaned.count(",") == 1 and "." not in cleaned:  # a decimal comma
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise InputError(f"line {line}, column {column}: {text!r} is not a number") from None
    if not np.isfinite(value):
        raise InputError(f"line {line}, column {column}: {text!r} is not a finite number")
    return value


def _date(text: str, line: int, column: str, date_format: str | None) -> dt.date:
    text = text.strip()
    formats = [date_format] if date_format else ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    hint = f" (expected {date_format})" if date_format else " (use --date-format)"
    raise InputError(f"line {line}, column {column}: {text!r} is not a date{hint}")


def read_events(
    path: str | Path,
    x_column: str,
    y_column: str,
    date_column: str | None = None,
    *,
    date_format: str | None = None,
    header: bool = True,
    group_column: str | None = None,
) -> Events:
    """Read ``path``: every row must have a valid x, y (and date); blank lines are skipped."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    with handle:
        sample = handle.read(4096)
        handle.seek(0)
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.reader(handle, delimiter=delimiter)
        names = next(reader, None) if header else None
        if header and names is None:
            raise InputError(f"{path} is empty")
        ix = _column_index(names, x_column, "x")
        iy = _column_index(names, y_column, "y")
        idate = _column_index(names, date_column, "date") if date_column else None
        igroup = _column_index(names, group_column, "group") if group_column else None
        xs, ys, dates, groups = [], [], [], []
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            needed = max(ix, iy, *(i for i in (idate, igroup) if i is not None))
            if len(row) <= needed:
                raise InputError(f"line {line}: {len(row)} columns, expected at least {needed + 1}")
            xs.append(_number(row[ix], line, x_column))
            ys.append(_number(row[iy], line, y_column))
            if idate is not None:
                dates.append(_date(row[idate], line, date_column, date_format))
            if igroup is not None:
                groups.append(row[igroup].strip())
    if not xs:
        raise InputError(f"{path} has no events")
    return Events(
        np.asarray(xs, dtype=np.float64),
        np.asarray(ys, dtype=np.float64),
        np.asarray(dates, dtype="datetime64[D]") if date_column else None,
        np.asarray(groups) if group_column else None,
    )
