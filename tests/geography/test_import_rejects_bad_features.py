"""A file with bad features reports every problem with its feature number and writes nothing."""

import pytest
from django.core.management import CommandError, call_command

from overvalregie.audit.models import AuditEntry
from overvalregie.geography.importers import GeographyImportError, import_geography_file
from overvalregie.geography.models import District, Municipality, Neighbourhood
from tests.geography.factories import MunicipalityFactory, feature, square, write_collection

pytestmark = pytest.mark.django_db

RD_SQUARE = {  # RD New metres instead of WGS84 degrees
    "type": "Polygon",
    "coordinates": [[[155000, 463000], [156000, 463000], [156000, 464000], [155000, 463000]]],
}
FLAT = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.2, 52.0], [5.0, 52.0]]]}
POINT = {"type": "Point", "coordinates": [5.0, 52.0]}


def _problems(path, level, **kwargs):
    with pytest.raises(GeographyImportError) as raised:
        import_geography_file(path, level, **kwargs)
    return {(p.feature, p.field): p.reason for p in raised.value.problems}


def test_every_bad_municipality_is_reported_and_nothing_written(tmp_path):
    path = write_collection(
        tmp_path / "bad.geojson",
        [
            feature("GM0001", "Goed"),
            feature("WK000101", "Wijk in een gemeentebestand"),
            feature("GM0003", ""),
            feature("GM0004", "Plat", FLAT),
            feature("GM0005", "In RD", RD_SQUARE),
            feature("GM0001", "Dubbel"),
            feature("GM0007", "Punt", POINT),
            feature("GM0008", "Ook goed", square(6.0, 52.5)),
            feature("GM0009", "Inwoners", aantal_inwoners="veel"),
        ],
    )

    problems = _problems(path, "gemeente", year=2024)

    assert set(problems) == {
        (2, "statcode"),
        (3, "statnaam"),
        (4, "geometry"),
        (5, "geometry"),
        (6, "statcode"),
        (7, "geometry"),
        (9, "aantal_inwoners"),
    }
    assert "WK000101 is not a gemeente code" in problems[(2, "statcode")]
    assert "name is missing" in problems[(3, "statnaam")]
    assert "cannot be repaired" in problems[(4, "geometry")]
    assert "outside the Netherlands" in problems[(5, "geometry")]
    assert "also appears in feature 1" in problems[(6, "statcode")]
    assert "Polygon or MultiPolygon" in problems[(7, "geometry")]
    assert not Municipality.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_command_prints_each_problem_and_exits_non_zero(tmp_path, capsys):
    path = write_collection(
        tmp_path / "bad.geojson",
        [feature("GM0001", "Goed"), feature("XX0002", "Fout"), feature("GM0003", "")],
    )

    with pytest.raises(CommandError) as raised:
        call_command("import_geography", str(path), "--level", "gemeente", "--year", "2024")

    assert raised.value.returncode != 0
    assert "2 problem(s)" in str(raised.value)
    err = capsys.readouterr().err
    assert "Feature 2, statcode:" in err
    assert "Feature 3, statnaam:" in err
    assert not Municipality.objects.exists()


def test_districts_and_neighbourhoods_need_their_municipality_and_district(tmp_path):
    MunicipalityFactory(code="GM0363")
    districts = write_collection(
        tmp_path / "wijk.geojson",
        [feature("WK036300", "Burgwallen"), feature("WK999900", "Nergens")],
    )
    neighbourhoods = write_collection(
        tmp_path / "buurt.geojson", [feature("BU03630000", "Kop Zeedijk")]
    )

    assert set(_problems(districts, "wijk", year=2024)) == {(2, "statcode")}
    assert "GM9999 is not in the database" in _problems(districts, "wijk", year=2024)[2, "statcode"]
    assert (
        "WK036300 is not in the database"
        in (_problems(neighbourhoods, "buurt", year=2024)[1, "statcode"])
    )
    assert not District.objects.exists()
    assert not Neighbourhood.objects.exists()


@pytest.mark.parametrize(
    "content",
    ["not json", '{"type": "Feature"}', '{"type": "FeatureCollection", "features": []}'],
)
def test_a_file_that_is_no_feature_collection_is_refused(tmp_path, content):
    path = tmp_path / "broken.geojson"
    path.write_text(content, "utf-8")

    problems = _problems(path, "gemeente", year=2024)

    assert len(problems) == 1
    assert next(iter(problems))[0] is None


def test_a_missing_file_is_reported(tmp_path):
    problems = _problems(tmp_path / "absent.geojson", "gemeente", year=2024)
    assert "cannot read" in problems[(None, "file")]
