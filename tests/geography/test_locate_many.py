"""locate_many answers exactly what locate answers, point by point."""

import numpy as np
import pytest

from overvalregie.geography.importers import import_geography_file
from overvalregie.geography.locate import locate, locate_many

pytestmark = pytest.mark.django_db


def test_locate_many_agrees_with_locate_on_a_sample(geo_file):
    import_geography_file(geo_file("gemeente_2024.geojson"), "gemeente")
    import_geography_file(geo_file("regionale_eenheid_2025.geojson"), "regionale_eenheid")
    rng = np.random.default_rng(20240101)
    lons = rng.uniform(3.2, 7.3, 400)
    lats = rng.uniform(50.7, 53.7, 400)

    many = locate_many(lons, lats)

    assert len(many) == 400
    assert many == [locate(lon, lat) for lon, lat in zip(lons, lats, strict=True)]
    placed = [location for location in many if location.municipality is not None]
    assert len(placed) > 100  # the box holds sea and Belgium and Germany too
    assert all(location.police_unit is not None for location in placed)
