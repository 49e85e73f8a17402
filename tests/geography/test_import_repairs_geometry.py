"""Invalid polygons are repaired when the repair stays a polygon covering the same area."""

import pytest
import shapely.geometry

from overvalregie.geography.importers import import_geography_file
from overvalregie.geography.models import Municipality
from tests.geography.factories import feature, write_collection

pytestmark = pytest.mark.django_db

BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[5.0, 52.0], [5.1, 52.1], [5.1, 52.0], [5.0, 52.1], [5.0, 52.0]]],
}


def test_a_self_intersecting_polygon_is_stored_repaired(tmp_path):
    path = write_collection(tmp_path / "g.geojson", [feature("GM0001", "Strik", BOWTIE)])

    result = import_geography_file(path, "gemeente", year=2024)

    assert result.repaired == 1
    stored = shapely.geometry.shape(Municipality.objects.get().geometry)
    assert stored.is_valid
    assert stored.geom_type in {"Polygon", "MultiPolygon"}
    assert stored.area == pytest.approx(0.005)
