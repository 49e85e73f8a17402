"""locate(lon, lat): the smallest matching level decides, larger levels are derived from it."""

import pytest

from overvalregie.geography.locate import locate, locate_many
from tests.geography.factories import (
    DistrictFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    PoliceUnitFactory,
    square,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    """A unit over a municipality over a district over a neighbourhood, south-west aligned."""
    unit = PoliceUnitFactory(geometry=square(4.0, 51.0, 3.0))
    municipality = MunicipalityFactory(geometry=square(5.0, 52.0, 1.0), police_unit=unit)
    district = DistrictFactory(municipality=municipality, geometry=square(5.0, 52.0, 0.5))
    neighbourhood = NeighbourhoodFactory(district=district, geometry=square(5.0, 52.0, 0.2))
    return unit, municipality, district, neighbourhood


def test_a_point_in_a_neighbourhood_gets_every_level(areas):
    unit, municipality, district, neighbourhood = areas
    location = locate(5.1, 52.1)
    assert location.neighbourhood.code == neighbourhood.code
    assert location.district.id == district.pk
    assert location.municipality.pk == municipality.pk
    assert location.police_unit.code == unit.code


def test_levels_below_the_smallest_match_are_none(areas):
    _unit, municipality, district, _neighbourhood = areas
    in_district = locate(5.4, 52.4)
    assert (in_district.neighbourhood, in_district.district.code) == (None, district.code)
    assert in_district.municipality.code == municipality.code
    in_municipality = locate(5.8, 52.8)
    assert (in_municipality.district, in_municipality.municipality.code) == (
        None,
        municipality.code,
    )


def test_a_neighbourhood_decides_its_district_and_municipality(areas):
    _unit, _municipality, _district, neighbourhood = areas
    # A second municipality and district drawn over the same spot do not win.
    other = MunicipalityFactory(geometry=square(5.0, 52.0, 0.3))
    DistrictFactory(municipality=other, geometry=square(5.0, 52.0, 0.3))
    location = locate(5.1, 52.1)
    assert location.district.pk == neighbourhood.district_id
    assert location.municipality.pk == neighbourhood.municipality_id


def test_police_unit_from_the_map_when_the_municipality_has_none(areas):
    unit, *_ = areas
    MunicipalityFactory(geometry=square(6.2, 52.0, 0.5), police_unit=None)
    location = locate(6.3, 52.1)
    assert location.police_unit.code == unit.code


def test_outside_every_area_all_levels_are_none(areas):
    assert locate(0.0, 45.0) == locate_many([0.0], [45.0])[0]
    location = locate(0.0, 45.0)
    assert location.municipality is None and location.police_unit is None


def test_no_geography_at_all():
    assert locate(5.1, 52.1).municipality is None
    assert locate_many([], []) == []
