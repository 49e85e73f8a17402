"""Malformed files are reported row by row, and nothing is written."""

import json

import pytest

from overvalregie.audit.models import AuditEntry
from overvalregie.incidents.models import RegisteredCrimeFigure
from overvalregie.incidents.opendata.parsers import OpenDataImportError
from overvalregie.incidents.opendata.services import import_opendata

from .conftest import table_files

pytestmark = pytest.mark.django_db


def _problems(files, table="47013NED"):
    with pytest.raises(OpenDataImportError) as caught:
        import_opendata(table, files)
    assert RegisteredCrimeFigure.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    return [str(problem) for problem in caught.value.problems]


def _csv(tmp_path, rows):
    header = '"ID";"SoortMisdrijf";"RegioS";"Perioden";"GeregistreerdeMisdrijven_1"\r\n'
    path = tmp_path / "data.csv"
    path.write_text(header + "".join(rows), "utf-8")
    return {**table_files("47013NED", "csv"), "data": path}


def test_every_bad_row_is_reported_with_its_number(tmp_path):
    files = _csv(
        tmp_path,
        [
            '"0";"1.4.5     ";"GM0363    ";"2021MM03";"       12"\r\n',
            '"1";"1.4.5     ";"GM0363    ";"2021XX03";"        1"\r\n',
            '"2";"9.9.9     ";"GM0363    ";"2021MM03";"        1"\r\n',
            '"3";"1.4.6     ";"GM0363    ";"2021MM03";"    twelve"\r\n',
            '"4";"1.4.6     ";"ZZ0363    ";"2021MM13";"        1"\r\n',
        ],
    )

    problems = _problems(files)

    assert problems == [
        "47013NED, row 2, Perioden: period 2021XX03 is not a month (2021MM03), quarter or "
        "year (2021JJ00)",
        "47013NED, row 3, SoortMisdrijf: offence 9.9.9 is not in the code list",
        "47013NED, row 4, GeregistreerdeMisdrijven_1: twelve is not a number",
        "47013NED, row 5, RegioS: ZZ0363 is no known region code",
        "47013NED, row 5, Perioden: period 2021MM13 is not a month (2021MM03), quarter or "
        "year (2021JJ00)",
    ]


def test_a_second_row_for_the_same_cell_is_reported(tmp_path):
    row = '"{id}";"1.4.5     ";"GM0363    ";"2021MM03";"       12"\r\n'
    files = _csv(tmp_path, [row.format(id=0), row.format(id=1)])

    assert _problems(files) == [
        "47013NED, row 2, Perioden: the same offence, area and period as row 1"
    ]


def test_a_data_set_without_the_measure_is_refused(tmp_path):
    path = tmp_path / "data.json"
    row = {"ID": 0, "SoortMisdrijf": "1.4.5", "RegioS": "GM0363", "Perioden": "2021MM03"}
    path.write_text(json.dumps({"value": [{**row, "Aangiften_2": 3}]}), "utf-8")

    assert _problems({**table_files("47013NED", "json"), "data": path}) == [
        "47013NED: none of the measure columns of table 47013NED found"
    ]


def test_a_code_list_without_robbery_is_refused(tmp_path):
    path = tmp_path / "codes.json"
    path.write_text(json.dumps({"value": [{"Key": "0.0.0 ", "Title": "Totaal"}]}), "utf-8")

    problems = _problems({**table_files("47013NED", "json"), "offences": path})

    assert problems == [
        "SoortMisdrijf: no offence titled 'Overval' or 'Straatroof'; is this the "
        "SoortMisdrijf list?"
    ]


def test_unreadable_files_and_unknown_tables_are_refused(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"value": [', "utf-8")

    assert _problems({**table_files("47013NED", "json"), "data": broken})[0].startswith(
        "47013NED: not valid JSON"
    )
    assert _problems(table_files("47013NED", "json"), table="99999NED") == [
        "99999NED: unknown table 99999NED; supported: 47013NED, 47018NED, 47022NED, 83648NED"
    ]


def test_a_period_missing_from_the_periods_list_is_refused(tmp_path):
    periods = tmp_path / "periods.json"
    periods.write_text(json.dumps({"value": [{"Key": "2021JJ00", "Status": "Definitief"}]}))
    files = {**table_files("83648NED", "json"), "periods": periods}

    assert _problems(files, table="83648NED") == [
        "83648NED, row 4, Perioden: period 2022JJ00 is not in the Perioden code list"
    ]


def test_a_failed_import_leaves_earlier_figures_alone(tmp_path):
    import_opendata("47013NED", table_files("47013NED", "json"))
    files = _csv(tmp_path, ['"0";"1.4.5     ";"GM0363    ";"2021MM03";"  broken"\r\n'])

    with pytest.raises(OpenDataImportError):
        import_opendata("47013NED", files)

    assert (
        RegisteredCrimeFigure.objects.get(
            offence="overval", area_code="GM0363", period_code="2021MM03"
        ).value
        == 12.0
    )


def test_an_empty_code_list_is_refused(tmp_path):
    codes = tmp_path / "codes.csv"
    codes.write_text('"Key";"Title";"Description";"CategoryGroupID"\r\n', "utf-8")

    assert _problems({**table_files("47013NED", "csv"), "offences": codes}) == [
        "SoortMisdrijf: no offence titled 'Overval' or 'Straatroof'; is this the "
        "SoortMisdrijf list?"
    ]
