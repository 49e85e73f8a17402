"""The demo geography looks like a real town and its neighbours, and its areas fit together."""

import itertools
import re

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from overvalregie.geography.spatial import to_rd

# Roughly the Netherlands in WGS84.
NL_BBOX = (3.3, 50.7, 7.3, 53.6)


def _levels(town):
    return {
        "municipality": town.municipalities,
        "district": town.districts,
        "neighbourhood": town.neighbourhoods,
    }


def _rd(geojson):
    """A stored WGS84 geometry back in RD metres, to measure it."""
    return shapely.transform(shape(geojson), lambda c: np.column_stack(to_rd(c[:, 0], c[:, 1])))


def test_every_stored_polygon_is_valid_and_in_the_netherlands(town):
    areas = [town.police_unit, *town.municipalities, *town.districts, *town.neighbourhoods]
    for area in [*areas, *town.focus_areas]:
        geometry = shape(area.geometry)
        assert geometry.is_valid, (area.name, shapely.is_valid_reason(geometry))
        assert geometry.geom_type == "Polygon"
        min_lon, min_lat, max_lon, max_lat = geometry.bounds
        assert NL_BBOX[0] < min_lon < max_lon < NL_BBOX[2]
        assert NL_BBOX[1] < min_lat < max_lat < NL_BBOX[3]


@pytest.mark.parametrize("level", ["municipality", "district", "neighbourhood"])
def test_areas_of_a_level_do_not_overlap(town, level):
    areas = _levels(town)[level]
    shapes = [_rd(a.geometry) for a in areas]
    tree = shapely.STRtree(shapes)
    for i, j in zip(*tree.query(shapes, predicate="intersects"), strict=True):
        if i < j:
            overlap = shapes[i].intersection(shapes[j]).area
            assert overlap < 0.01, (areas[i].name, areas[j].name, overlap)  # square metres


def test_neighbourhoods_tile_their_district_and_municipality(town):
    by_code = {a.code: a for a in [*town.municipalities, *town.districts]}
    for parent in [*town.municipalities, *town.districts]:
        children = [
            a
            for a in [*town.districts, *town.neighbourhoods]
            if a.parent_code == parent.code and a.level != parent.level
        ]
        assert children, parent.name
        union = shapely.union_all([_rd(a.geometry) for a in children])
        outline = _rd(parent.geometry)
        assert abs(union.area - outline.area) < 1e-6 * outline.area
        assert union.symmetric_difference(outline).area < 1e-6 * outline.area
    for n in town.neighbourhoods:
        assert by_code[n.parent_code].municipality_code == n.municipality_code


def test_municipalities_make_up_the_police_unit(town):
    unit = _rd(town.police_unit.geometry)
    union = shapely.union_all([_rd(m.geometry) for m in town.municipalities])
    assert union.symmetric_difference(unit).area < 1e-6 * unit.area
    assert {m.parent_code for m in town.municipalities} == {"RE99"}
    assert town.police_unit.name == "Eenheid Voorbeeldland"


def test_populations_add_up(town):
    stad = town.municipalities[0]
    assert stad.name == "Voorbeeldstad" and stad.code == "GM9999"
    assert 145_000 <= stad.population <= 155_000
    for parent in [*town.municipalities, *town.districts]:
        children = [
            a
            for a in [*town.districts, *town.neighbourhoods]
            if a.parent_code == parent.code and a.level != parent.level
        ]
        assert sum(a.population for a in children) == parent.population, parent.name
    for m in town.municipalities[1:]:
        assert 15_000 <= m.population <= 60_000
    assert town.police_unit.population == sum(m.population for m in town.municipalities)


def test_the_town_looks_like_a_town(town):
    stad = town.municipalities[0]
    minx, miny, maxx, maxy = stad.shape.bounds
    assert 6_500 <= maxx - minx <= 10_000 and 6_500 <= maxy - miny <= 10_000
    districts = [d for d in town.districts if d.municipality_code == stad.code]
    neighbourhoods = [n for n in town.neighbourhoods if n.municipality_code == stad.code]
    assert len(districts) == 8
    assert {"Centrum", "Noord", "Oost", "Zuid", "West"} <= {d.name for d in districts}
    assert 40 <= len(neighbourhoods) <= 50
    # Not a grid: neighbourhoods differ in size, and the centre ones are the small ones.
    areas = np.array([n.shape.area for n in neighbourhoods])
    assert areas.max() / areas.min() > 4
    centre = stad.shape.centroid
    distance = np.array([n.shape.centroid.distance(centre) for n in neighbourhoods])
    assert np.corrcoef(distance, areas)[0, 1] > 0.3
    # Every district is one piece.
    for d in districts:
        assert d.shape.geom_type == "Polygon", d.name


def test_neighbours_surround_the_town(town):
    stad, *neighbours = town.municipalities
    assert len(neighbours) == 6
    assert [m.code for m in neighbours] == [f"GM999{i}" for i in range(1, 7)]
    for m in neighbours:
        shared = m.shape.intersection(stad.shape)
        assert shared.length > 500, m.name  # a stretch of common boundary, not a point
        assert len([d for d in town.districts if d.municipality_code == m.code]) >= 1
    ring = shapely.union_all([m.shape for m in neighbours])
    assert stad.shape.exterior.difference(ring.buffer(1.0)).length < 1.0  # enclosed


def test_codes_follow_the_cbs_pattern(town):
    for area in town.municipalities:
        assert re.fullmatch(r"GM99\d\d", area.code)
    for area in town.districts:
        assert re.fullmatch(area.municipality_code.replace("GM", "WK") + r"\d\d", area.code)
    for area in town.neighbourhoods:
        assert re.fullmatch(area.parent_code.replace("WK", "BU") + r"\d\d", area.code)
    codes = [a.code for a in itertools.chain(*_levels(town).values())]
    assert len(codes) == len(set(codes))
    names = [n.name for n in town.neighbourhoods]
    assert len(names) == len(set(names))
