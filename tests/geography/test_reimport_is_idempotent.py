"""Importing the same file again changes nothing; a changed feature updates only itself."""

import json

import pytest

from overvalregie.audit.models import AuditEntry
from overvalregie.geography.importers import import_geography, import_geography_file
from overvalregie.geography.models import Municipality, PoliceUnit

pytestmark = pytest.mark.django_db


def _snapshot(model):
    return {row["code"]: row for row in model.objects.values()}


def test_reimport_changes_no_rows(geo_file):
    municipalities = geo_file("gemeente_2024.geojson")
    units = geo_file("regionale_eenheid_2025.geojson")
    import_geography_file(municipalities, "gemeente")
    import_geography_file(units, "regionale_eenheid")
    before = (_snapshot(Municipality), _snapshot(PoliceUnit))

    again = import_geography_file(municipalities, "gemeente")
    again_units = import_geography_file(units, "regionale_eenheid")

    assert (again.created, again.updated, again.unchanged, again.linked) == (0, 0, 342, 0)
    assert (again_units.created, again_units.updated, again_units.unchanged) == (0, 0, 10)
    assert (_snapshot(Municipality), _snapshot(PoliceUnit)) == before
    last = AuditEntry.objects.first()
    assert (last.detail["created"], last.detail["updated"], last.detail["unchanged"]) == (0, 0, 10)


def test_a_changed_feature_is_updated_and_the_rest_unchanged(geo_file):
    path = geo_file("gemeente_2024.geojson")
    import_geography_file(path, "gemeente")
    data = json.loads(path.read_text("utf-8"))
    for item in data["features"]:
        if item["properties"]["statcode"] == "GM0363":
            item["properties"]["statnaam"] = "Amsterdam (nieuw)"
            item["properties"]["aantal_inwoners"] = 931_298

    result = import_geography(data, "gemeente")

    assert (result.created, result.updated, result.unchanged) == (0, 1, 341)
    amsterdam = Municipality.objects.get(code="GM0363")
    assert (amsterdam.name, amsterdam.population) == ("Amsterdam (nieuw)", 931_298)


def test_a_file_without_population_keeps_the_stored_population(geo_file):
    path = geo_file("gemeente_2024.geojson")
    import_geography_file(path, "gemeente")
    Municipality.objects.filter(code="GM0363").update(population=931_298)

    result = import_geography_file(path, "gemeente")

    assert result.unchanged == 342
    assert Municipality.objects.get(code="GM0363").population == 931_298
