import pytest
from django.utils import translation

from overvalregie.incidents.importers import ImportRejected, RowError, apply_import, plan_import
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import HEADER, make_town, row, write_csv


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def town(db):
    return make_town()


BAD_CELLS = [
    ({"date": "31-02-2024"}, "date", "impossible date"),
    ({"date": "gisteren"}, "date", "is not a date"),
    ({"date": "2999-01-01"}, "date", "the date lies in the future"),
    ({"time": "25:00"}, "time", "is not a time"),
    ({"lon": "12.0"}, "lon", "outside the Netherlands"),
    ({"lat": "49.0"}, "lat", "outside the Netherlands"),
    ({"lon": "6.5"}, "lon", "no known municipality"),
    ({"lon": "abc"}, "lon", "is not a number"),
    ({"target_type": "ruimteschip"}, "target_type", "unknown target type"),
    ({"weapon": "bazooka"}, "weapon", "unknown weapon"),
    ({"loot_band": "veel"}, "loot_band", "unknown loot band"),
    ({"kind": "inbraak"}, "kind", "unknown kind"),
    ({"target_type": "home", "shop_branch": "jeweller"}, "shop_branch", "only allowed"),
    ({"shop_branch": "bakker"}, "shop_branch", "unknown shop branch"),
    ({"injured": "-1"}, "injured", "must not be negative"),
    ({"offenders": "twee"}, "offenders", "not a whole number"),
    ({"violence": "misschien"}, "violence", "not yes or no"),
    ({"source_id": ""}, "source_id", "a value is required"),
    ({"source": "x" * 65}, "source", "longer than 64"),
]


@pytest.mark.parametrize(("overrides", "column", "reason"), BAD_CELLS)
def test_bad_cell_is_reported_at_its_line_and_column(town, tmp_path, overrides, column, reason):
    rows = [row(1), row(2), row(3, **overrides)]
    path = write_csv(tmp_path / "a.csv", rows, header=HEADER)

    with pytest.raises(ImportRejected) as rejected:
        apply_import(path, "a.csv")

    assert [(e.line, e.column) for e in rejected.value.errors] == [(4, column)]
    assert reason in rejected.value.errors[0].reason
    assert Robbery.objects.count() == 0


def test_every_problem_is_collected(town, tmp_path):
    rows = [row(1, date="32-01-2024", weapon="x"), row(2), row(3, injured="-4")]
    path = write_csv(tmp_path / "a.csv", rows)

    plan = plan_import(path, "a.csv")

    assert [(e.line, e.column) for e in plan.errors] == [(2, "date"), (2, "weapon"), (4, "injured")]
    assert str(plan.errors[0]).startswith("line 2, column date: ")


def test_duplicate_key_in_the_file(town, tmp_path, monkeypatch):
    monkeypatch.setattr("overvalregie.incidents.importers.services.CHUNK_SIZE", 2)
    rows = [row(1), row(2), row(3), row(1), row(2, address="anders")]
    path = write_csv(tmp_path / "a.csv", rows)

    with pytest.raises(ImportRejected) as rejected:
        apply_import(path, "a.csv")

    errors = rejected.value.errors
    assert [(e.line, e.column) for e in errors] == [(5, "source_id"), (6, "source_id")]
    assert "duplicate of line 2" in errors[0].reason
    assert Robbery.objects.count() == 0


def test_missing_required_columns_are_reported_once_on_line_1(town, tmp_path):
    rows = [{k: v for k, v in row(n).items() if k not in {"date", "lat"}} for n in range(5)]
    path = write_csv(tmp_path / "a.csv", rows)

    plan = plan_import(path, "a.csv")

    assert [(e.line, e.column) for e in plan.errors] == [(1, "date"), (1, "lat")]


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_empty_file(town, tmp_path, content):
    path = tmp_path / "a.csv"
    path.write_bytes(content)

    with pytest.raises(ImportRejected) as rejected:
        apply_import(path, "a.csv")

    assert rejected.value.errors == [RowError(1, "", "the file is empty")]


def test_errors_after_good_chunks_roll_everything_back(town, tmp_path, monkeypatch):
    monkeypatch.setattr("overvalregie.incidents.importers.services.CHUNK_SIZE", 3)
    rows = [row(n) for n in range(10)] + [row(99, date="2024-13-01")]
    path = write_csv(tmp_path / "a.csv", rows)

    with pytest.raises(ImportRejected):
        apply_import(path, "a.csv")

    assert Robbery.objects.count() == 0
