"""The boundary year comes from --year, else from jrstatcode, else the import is refused."""

import pytest

from overvalregie.geography.importers import GeographyImportError, import_geography_file
from overvalregie.geography.models import Municipality
from tests.geography.factories import feature, write_collection

pytestmark = pytest.mark.django_db


def test_year_from_jrstatcode(tmp_path):
    path = write_collection(tmp_path / "g.geojson", [feature("GM0001", jrstatcode="2023GM0001")])
    import_geography_file(path, "gemeente")
    assert Municipality.objects.get().boundary_year == 2023


def test_year_option_wins(tmp_path):
    path = write_collection(tmp_path / "g.geojson", [feature("GM0001", jrstatcode="2023GM0001")])
    import_geography_file(path, "gemeente", year=2025)
    assert Municipality.objects.get().boundary_year == 2025


def test_without_any_year_every_feature_is_reported(tmp_path):
    path = write_collection(
        tmp_path / "g.geojson",
        [feature("GM0001"), feature("GM0002", jrstatcode="2024GM0003"), feature("GM0003")],
    )

    with pytest.raises(GeographyImportError) as raised:
        import_geography_file(path, "gemeente")

    problems = raised.value.problems
    assert [(p.feature, p.field) for p in problems] == [(n, "jrstatcode") for n in (1, 2, 3)]
    assert "give --year" in problems[0].reason
    assert "does not belong to statcode GM0002" in problems[1].reason
    assert not Municipality.objects.exists()


def test_an_implausible_year_option_is_refused(tmp_path):
    path = write_collection(tmp_path / "g.geojson", [feature("GM0001")])
    with pytest.raises(GeographyImportError) as raised:
        import_geography_file(path, "gemeente", year=24)
    assert raised.value.problems[0].field == "year"
