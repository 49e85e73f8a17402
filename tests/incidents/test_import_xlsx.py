import datetime as dt

import openpyxl
import pytest

from overvalregie.incidents.importers import ImportRejected, apply_import
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import HEADER, make_town, row


@pytest.fixture
def town(db):
    return make_town()


def test_first_sheet_with_native_and_text_cells(town, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(list(row(1).values()))
    native = row(2) | {
        "date": dt.datetime(2024, 5, 6),
        "time": dt.time(9, 5),
        "lon": 5.25,
        "lat": 52.3,
        "injured": 1,
        "violence": True,
    }
    sheet.append([native[name] for name in HEADER])
    workbook.create_sheet("other").append(["ignored"])
    path = tmp_path / "a.xlsx"
    workbook.save(path)

    result = apply_import(path, "a.xlsx")

    assert result.created == 2
    robbery = Robbery.objects.get(source_id="P-2")
    assert (robbery.date, robbery.time, robbery.injured) == (dt.date(2024, 5, 6), dt.time(9, 5), 1)


def test_bad_cell_is_reported_with_its_row_number(town, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(list(row(1, weapon="kanon").values()))
    path = tmp_path / "a.xlsx"
    workbook.save(path)

    with pytest.raises(ImportRejected) as rejected:
        apply_import(path, "a.xlsx")

    assert [(e.line, e.column) for e in rejected.value.errors] == [(2, "weapon")]


def test_not_a_workbook(town, tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"PK\x03\x04 this is no zip")

    with pytest.raises(ImportRejected) as rejected:
        apply_import(path, "a.xlsx")

    assert rejected.value.errors[0].line == 1
