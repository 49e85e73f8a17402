"""Reading incident files row by row: CSV, XLSX and GeoJSON.

:func:`open_rows` yields the file's format, its normalised header and a generator of
``(line, {column: raw value})``. CSV and XLSX are streamed; a GeoJSON file is one JSON document
and is parsed whole. A file that cannot be read raises :class:`UnreadableFile` (also from
inside the row generator, at the line where reading failed).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx", "geojson")
_EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".geojson": "geojson",
    ".json": "geojson",
}

Rows = Iterator[tuple[int, dict[str, Any]]]


class UnreadableFile(Exception):
    """The file (from ``line`` on) cannot be read at all."""

    def __init__(self, line: int, reason: str):
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}")


def normalise_header(name: Any) -> str:
    """``" Source ID"`` -> ``"source_id"``."""
    text = "" if name is None else str(name)
    return text.replace("\ufeff", "").strip().lower().replace(" ", "_").replace("-", "_")


def detect_format(filename: str, head: bytes) -> str:
    extension = Path(filename or "").suffix.lower()
    if extension in _EXTENSIONS:
        return _EXTENSIONS[extension]
    if head.startswith(b"PK"):
        return "xlsx"
    if head.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"{"):
        return "geojson"
    return "csv"


@contextmanager
def _binary(source):
    """``source`` as a binary file object: a path is opened (and closed), a file is rewound."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            yield handle
        return
    if hasattr(source, "seek"):
        with suppress(OSError, ValueError):
            source.seek(0)
    yield source


def _peek(handle, size: int = 64) -> bytes:
    if not hasattr(handle, "peek") and not hasattr(handle, "seek"):
        return b""
    try:
        position = handle.tell()
        head = handle.read(size)
        handle.seek(position)
    except (OSError, ValueError, AttributeError):
        return b""
    return head.encode("utf-8") if isinstance(head, str) else head


@contextmanager
def open_rows(source, filename: str = "") -> Iterator[tuple[str, list[str], Rows]]:
    """Open ``source`` (a path or a file object) and yield ``(format, header, rows)``."""
    with _binary(source) as handle:
        file_format = detect_format(filename, _peek(handle))
        if file_format == "xlsx":
            with _xlsx_rows(handle) as (header, rows):
                yield file_format, header, rows
        elif file_format == "geojson":
            header, rows = _geojson_rows(handle)
            yield file_format, header, rows
        else:
            header, rows = _csv_rows(handle)
            yield file_format, header, rows


# --- CSV ---------------------------------------------------------------------------------------


def _decoded_lines(handle) -> Iterator[str]:
    """Each line as text: UTF-8 (a BOM is dropped), else Windows-1252."""
    first = True
    for raw in iter(handle.readline, b"" if not _is_text(handle) else ""):
        if isinstance(raw, str):
            line = raw
        else:
            if first:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
        if first:
            line = line.removeprefix("\ufeff")
            first = False
        yield line


def _is_text(handle) -> bool:
    return isinstance(handle, io.TextIOBase)


def _csv_rows(handle) -> tuple[list[str], Rows]:
    lines = _decoded_lines(handle)
    first = next(lines, None)
    while first is not None and not first.strip():
        first = next(lines, None)
    if first is None:
        raise UnreadableFile(1, _("the file is empty"))
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    try:
        header = [normalise_header(name) for name in next(reader)]
    except (csv.Error, StopIteration):
        raise UnreadableFile(1, _("the header row cannot be read as CSV")) from None

    def rows() -> Rows:
        while True:
            start = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error:
                raise UnreadableFile(start, _("this line cannot be read as CSV")) from None
            if not any(value.strip() for value in values):
                continue
            yield start, dict(zip(header, values, strict=False))

    return header, rows()


# --- XLSX --------------------------------------------------------------------------------------


@contextmanager
def _xlsx_rows(handle):
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or foreign file
        raise UnreadableFile(1, _("the file is not a readable XLSX workbook")) from None
    try:
        if not workbook.worksheets:
            raise UnreadableFile(1, _("the file is empty"))
        cells = workbook.worksheets[0].iter_rows(values_only=True)
        try:
            first = next(cells, None)
        except Exception:
            raise UnreadableFile(1, _("the file is not a readable XLSX workbook")) from None
        if first is None or not any(value not in (None, "") for value in first):
            raise UnreadableFile(1, _("the file is empty"))
        header = [normalise_header(name) for name in first]

        def rows() -> Rows:
            line = 1
            while True:
                line += 1
                try:
                    values = next(cells)
                except StopIteration:
                    return
                except Exception:
                    raise UnreadableFile(line, _("this row cannot be read")) from None
                if all(value is None or str(value).strip() == "" for value in values):
                    continue
                yield line, dict(zip(header, values, strict=False))

        yield header, rows()
    finally:
        workbook.close()


# --- GeoJSON -----------------------------------------------------------------------------------

#: Raw-value marker for a feature without a usable Point geometry.
NO_POINT = object()


def _geojson_rows(handle) -> tuple[list[str], Rows]:
    try:
        document = json.loads(handle.read())
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise UnreadableFile(1, _("the file is not valid JSON")) from None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list) or document.get("type") != "FeatureCollection":
        raise UnreadableFile(1, _("the file is not a GeoJSON FeatureCollection"))
    if not features:
        raise UnreadableFile(1, _("the file is empty"))
    header: dict[str, None] = {}
    for feature in features:
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if isinstance(properties, dict):
            header.update(dict.fromkeys(normalise_header(key) for key in properties))
    header.update({"lon": None, "lat": None})

    def rows() -> Rows:
        for number, feature in enumerate(features, start=1):
            feature = feature if isinstance(feature, dict) else {}
            properties = feature.get("properties")
            properties = properties if isinstance(properties, dict) else {}
            row = {normalise_header(key): value for key, value in properties.items()}
            row["lon"] = row["lat"] = NO_POINT
            geometry = feature.get("geometry")
            if isinstance(geometry, dict) and geometry.get("type") == "Point":
                coordinates = geometry.get("coordinates")
                if isinstance(coordinates, list) and len(coordinates) >= 2:
                    row["lon"], row["lat"] = coordinates[0], coordinates[1]
            yield number, row

    return list(header), rows()
