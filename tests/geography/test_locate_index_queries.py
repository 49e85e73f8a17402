"""The locate index costs one query per level to build and one small query per lookup."""

import pytest

from overvalregie.geography.locate import build_index, current_index, locate
from tests.geography.factories import MunicipalityFactory, NeighbourhoodFactory, square

pytestmark = pytest.mark.django_db


def test_building_the_index_takes_one_query_per_level(django_assert_num_queries):
    NeighbourhoodFactory.create_batch(5)
    with django_assert_num_queries(4):
        build_index()


def test_lookups_reuse_the_index_until_geography_changes(django_assert_num_queries):
    NeighbourhoodFactory.create_batch(3)
    with django_assert_num_queries(1 + 4):  # version, then build
        first = current_index()
    with django_assert_num_queries(1):  # version only
        assert current_index() is first

    MunicipalityFactory(code="GM0001", geometry=square(6.0, 53.0, 0.1))

    assert current_index() is not first
    assert locate(6.05, 53.05).municipality.code == "GM0001"


def test_an_edited_boundary_rebuilds_the_index():
    municipality = MunicipalityFactory(geometry=square(6.0, 53.0, 0.1))
    assert locate(6.25, 53.05).municipality is None
    municipality.geometry = square(6.0, 53.0, 0.3)
    municipality.save(update_fields=["geometry"])
    assert locate(6.25, 53.05).municipality.pk == municipality.pk
