"""CSV and XLSX exports of the (filtered) robbery register.

The columns follow the import layout (:mod:`overvalregie.incidents.importers.rows`), so an
export can be read back in, plus the CBS codes of the areas each robbery lies in.

- **Privacy by design**: there are no names of victims in the register. The address is
  exported only for business targets; for homes (``target_type = home``) the address cell is
  always empty, whatever was registered. The screen still shows it to the roles that may open
  the record.
- **Formulas are neutralised**: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return gets a leading ``'``, so a spreadsheet shows it as text and never runs
  it. In XLSX every text cell is also written with the string data type.
- **CSV dialect**: UTF-8 with a byte order mark and ``;`` as the separator, which Excel with
  Dutch regional settings opens in columns; decimals use a point; yes/no as ``ja``/``nee``.
  The importer reads this dialect back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from overvalregie.incidents.choices import TargetType

COLUMNS = (
    "source",
    "source_id",
    "kind",
    "date",
    "time",
    "attempt",
    "lon",
    "lat",
    "x",
    "y",
    "target_type",
    "shop_branch",
    "address",
    "weapon",
    "violence",
    "injured",
    "offenders",
    "loot_band",
    "suspect_arrested",
    "solved",
    "municipality_code",
    "district_code",
    "neighbourhood_code",
)

#: What the queryset must load: the robbery and the codes (never the geometries) of its areas.
RELATED = ("municipality", "district", "neighbourhood")
AREA_FIELDS = ("municipality__code", "district__code", "neighbourhood__code")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"


def neutralise(value):
    """A text value that a spreadsheet would read as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _yes_no(value: bool) -> str:
    return "ja" if value else "nee"


def export_queryset(queryset):
    """``queryset`` with only the columns the export reads (one query, no geometry)."""
    return queryset.select_related(*RELATED).only(
        "source",
        "source_id",
        "kind",
        "date",
        "time",
        "attempt",
        "lon",
        "lat",
        "rd_x",
        "rd_y",
        "target_type",
        "shop_branch",
        "address",
        "weapon",
        "violence",
        "injured",
        "offenders",
        "loot_band",
        "suspect_arrested",
        "solved",
        *AREA_FIELDS,
    )


def row_values(robbery) -> list:
    """One robbery as export values, in :data:`COLUMNS` order (text not yet neutralised)."""
    business_target = robbery.target_type != TargetType.HOME
    return [
        robbery.source,
        robbery.source_id,
        robbery.kind,
        robbery.date.isoformat(),
        robbery.time.strftime("%H:%M") if robbery.time else "",
        _yes_no(robbery.attempt),
        robbery.lon,
        robbery.lat,
        round(robbery.rd_x, 2),
        round(robbery.rd_y, 2),
        robbery.target_type,
        robbery.shop_branch,
        robbery.address if business_target else "",
        robbery.weapon,
        _yes_no(robbery.violence),
        robbery.injured,
        "" if robbery.offenders is None else robbery.offenders,
        robbery.loot_band,
        _yes_no(robbery.suspect_arrested),
        _yes_no(robbery.solved),
        robbery.municipality.code,
        robbery.district.code if robbery.district_id else "",
        robbery.neighbourhood.code if robbery.neighbourhood_id else "",
    ]


class _Line:
    """A file-like object that hands back what the csv writer wrote."""

    def write(self, value: str) -> str:
        return value


def csv_lines(robberies: Iterable) -> Iterator[str]:
    """The CSV file, line by line: a BOM and the header first, then one line per robbery."""
    writer = csv.writer(_Line(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(COLUMNS)
    for robbery in robberies:
        yield writer.writerow([neutralise(v) for v in row_values(robbery)])


def xlsx_bytes(robberies: Iterable) -> tuple[bytes, int]:
    """The XLSX workbook (write-only, so memory stays flat per row) and its number of rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("overvallen")
    sheet.append(list(COLUMNS))
    rows = 0
    for robbery in robberies:
        cells = []
        for value in row_values(robbery):
            cell = WriteOnlyCell(sheet, value=neutralise(value))
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            cells.append(cell)
        sheet.append(cells)
        rows += 1
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), rows
