"""The import_opendata command reports what it imported, or every problem and exit 1."""

import pytest
from django.core.management import CommandError, call_command

from overvalregie.incidents.models import RegisteredCrimeFigure

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


def test_the_command_imports_a_table(capsys):
    call_command(
        "import_opendata",
        "83648NED",
        str(FIXTURES / "83648NED_TypedDataSet.csv"),
        "--offences",
        str(FIXTURES / "83648NED_SoortMisdrijf.csv"),
        "--periods",
        str(FIXTURES / "83648NED_Perioden.csv"),
    )

    out = capsys.readouterr().out
    assert "Imported 83648NED: 12 figures (12 new, 0 updated, 2 not published)" in out
    assert "1 rows of other offences skipped" in out
    assert RegisteredCrimeFigure.objects.filter(provisional=True).count() == 3


def test_the_command_reports_problems_and_writes_nothing(capsys, tmp_path):
    codes = tmp_path / "codes.csv"
    codes.write_text('"Key";"Title"\r\n"1.4.5 ";"Overval"\r\n', "utf-8")

    with pytest.raises(CommandError, match="Nothing was imported: 4 problem"):
        call_command(
            "import_opendata",
            "47013NED",
            str(FIXTURES / "47013NED_TypedDataSet.json"),
            "--offences",
            str(codes),
        )

    err = capsys.readouterr().err
    assert "offence 1.4.6 is not in the code list" in err
    assert RegisteredCrimeFigure.objects.count() == 0
