import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from overvalregie.cli import COMMANDS
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import make_town, row, write_csv


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def town(db):
    return make_town()


def test_cli_name():
    assert COMMANDS["import-incidents"][0] == "import_incidents"


def test_dry_run_writes_nothing(town, tmp_path, capsys):
    path = write_csv(tmp_path / "a.csv", [row(1), row(2)])

    call_command("import_incidents", str(path), "--dry-run")

    assert "2 to add" in capsys.readouterr().out
    assert Robbery.objects.count() == 0


def test_import_prints_a_summary(town, tmp_path, capsys):
    path = write_csv(tmp_path / "a.csv", [row(1), row(2)])

    call_command("import_incidents", str(path))

    assert "2 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert Robbery.objects.count() == 2


def test_errors_are_listed_and_exit_1(town, tmp_path, capsys):
    path = write_csv(tmp_path / "a.csv", [row(1, date="2024-02-30"), row(2, injured="-2")])

    with pytest.raises(CommandError) as error:
        call_command("import_incidents", str(path))

    assert error.value.returncode == 1
    err = capsys.readouterr().err
    assert "line 2, column date: 2024-02-30 is an impossible date" in err
    assert "line 3, column injured: the number must not be negative" in err
    assert Robbery.objects.count() == 0
