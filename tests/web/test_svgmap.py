"""SVG maps: true shapes in RD New, grid overlays in place, an honest scale bar, suppression."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from django.utils import translation

from overvalregie.geography.spatial import to_wgs84
from overvalregie.web.charts import BLUE, VERMILLION
from overvalregie.web.svgmap import area_map

SVG = "{http://www.w3.org/2000/svg}"
#: A point in Utrecht, in RD New metres.
X0, Y0 = 136_000.0, 455_000.0


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))  # noqa: S314 - our own output, under test


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def rd_polygon(corners: list[tuple[float, float]]) -> dict:
    """A GeoJSON polygon in WGS84 whose corners lie at the given RD New points."""
    lon, lat = to_wgs84([c[0] for c in corners], [c[1] for c in corners])
    ring = [[float(a), float(b)] for a, b in zip(lon, lat, strict=True)]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def square(x: float, y: float, size: float) -> dict:
    return rd_polygon([(x, y), (x + size, y), (x + size, y + size), (x, y + size)])


def path_points(d: str) -> np.ndarray:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return np.array(numbers).reshape(-1, 2)


def outline_box(root: ET.Element) -> tuple[float, float, float, float]:
    """(min x, min y, max x, max y) of all drawn outlines, in SVG units."""
    points = np.vstack(
        [path_points(p.get("d")) for p in by_class(root, "ovr-map-outlines")[0].iter(f"{SVG}path")]
    )
    return (*points.min(axis=0), *points.max(axis=0))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_square_on_the_ground_is_drawn_square():
    area = square(X0, Y0, 2000)
    lon_lat = np.array(area["coordinates"][0])
    span_lon, span_lat = np.ptp(lon_lat, axis=0)
    assert span_lon / span_lat > 1.5  # in degrees it is far from square ...
    chart = area_map([("Centre", area)], title="Districts")
    min_x, min_y, max_x, max_y = outline_box(parse(chart))
    assert (max_x - min_x) / (max_y - min_y) == pytest.approx(1, rel=0.02)  # ... on the map it is


def test_the_map_is_an_image_named_by_its_title_with_north_up():
    chart = area_map(
        [("South", square(X0, Y0, 1000)), ("North", square(X0, Y0 + 1000, 1000))],
        title="Two districts",
    )
    root = parse(chart)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Two districts"
    south, north = (
        path_points(p.get("d")) for p in by_class(root, "ovr-map-outlines")[0].iter(f"{SVG}path")
    )
    assert north[:, 1].mean() < south[:, 1].mean()  # north is drawn higher (smaller y)
    assert by_class(root, "ovr-map-north")
    assert chart.table.headers == ("Area",)
    assert chart.table.rows == (("South",), ("North",))


def test_grid_cells_are_drawn_one_rect_per_non_zero_cell_row_zero_at_the_bottom():
    size = 2000.0
    cell = size / 4
    values = np.zeros((4, 4))
    values[0, 0] = 1.0  # south-west corner
    values[3, 2] = 4.0  # north, third column
    values[1, 3] = 0.5
    chart = area_map(
        [("Centre", square(X0, Y0, size))],
        title="Density",
        cells={"origin": (X0, Y0), "cell_size": cell, "values": values, "kind": "density"},
    )
    root = parse(chart)
    min_x, min_y, max_x, max_y = outline_box(root)
    scale = (max_x - min_x) / size  # SVG units per metre
    rects = by_class(root, "ovr-map-cells")[0].iter(f"{SVG}rect")
    drawn = {(round(float(r.get("x")), 0), round(float(r.get("y")), 0)): r for r in rects}
    assert len(drawn) == 3
    for row, col in [(0, 0), (3, 2), (1, 3)]:
        x = min_x + col * cell * scale
        y = max_y - (row + 1) * cell * scale  # the top edge of the cell
        match = [r for (rx, ry), r in drawn.items() if abs(rx - x) <= 1 and abs(ry - y) <= 1]
        assert len(match) == 1, (row, col)
        assert float(match[0].get("width")) == pytest.approx(cell * scale, abs=0.1)
    ys = sorted(float(r.get("y")) for r in drawn.values())
    x_of_lowest = [r for r in drawn.values() if float(r.get("y")) == ys[-1]][0].get("x")
    assert abs(float(x_of_lowest) - min_x) <= 1  # row 0, column 0: bottom left


def test_gi_classes_are_hot_in_vermillion_and_cold_in_blue_with_zero_left_out():
    values = np.array([[3, 0, -3], [0, 2, 0]])
    chart = area_map(
        [("Centre", square(X0, Y0, 1500))],
        title="Hot spots",
        cells={"origin": (X0, Y0), "cell_size": 500, "values": values, "kind": "classes"},
    )
    groups = by_class(parse(chart), "ovr-map-cells")[0].findall(f"{SVG}g")
    by_level = {int(g.get("data-level")): g for g in groups}
    assert set(by_level) == {3, 2, -3}
    assert by_level[3].get("fill") == VERMILLION
    assert by_level[-3].get("fill") == BLUE
    assert sum(len(g.findall(f"{SVG}rect")) for g in groups) == 3


@pytest.mark.parametrize("size", [600, 2000, 7300, 40_000])
def test_the_scale_bar_is_as_long_as_its_label_says(size):
    chart = area_map([("Area", square(X0, Y0, size))], title="Map")
    root = parse(chart)
    min_x, _min_y, max_x, _max_y = outline_box(root)
    scale = (max_x - min_x) / size
    bar = by_class(root, "ovr-map-scalebar__bar")[0]
    label = "".join(by_class(root, "ovr-map-scalebar__label")[0].itertext())
    number, unit = re.fullmatch(r"([\d,.]+) (m|km)", label).groups()
    metres = float(number.replace(",", "")) * (1000 if unit == "km" else 1)
    assert float(bar.get("width")) / scale == pytest.approx(metres, rel=0.01)
    assert metres <= size / 4 + 1  # a quarter of the width at most


def test_suppressed_areas_are_hatched_and_named_in_the_legend():
    chart = area_map(
        [
            ("Centre", square(X0, Y0, 1000)),
            ("Harbour", square(X0 + 1000, Y0, 1000)),
            ("Fields", square(X0, Y0 + 1000, 1000)),
        ],
        title="Robberies per district",
        values={"Centre": 12, "Harbour": None},
        value_label="Robberies",
    )
    root = parse(chart)
    suppressed = by_class(root, "ovr-map-area--suppressed")
    assert len(suppressed) == 1
    pattern_id = re.fullmatch(r"url\(#(.+)\)", suppressed[0].get("fill")).group(1)
    assert root.find(f".//{SVG}pattern[@id='{pattern_id}']") is not None
    assert by_class(root, "ovr-map-area--value")[0].get("fill").startswith("#")
    assert by_class(root, "ovr-map-area--none")[0].get("fill") == "#ffffff"
    legend = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "suppressed (<5)" in legend and "no data" in legend
    assert chart.table.headers == ("Area", "Robberies")
    centre, harbour, fields = chart.table.rows
    assert centre[1].value == 12 and centre[1].text == "12"
    assert harbour[1].suppressed and harbour[1].text == "<5"
    assert fields[1].value is None and not fields[1].suppressed


def test_points_are_dots_inside_their_area():
    lon, lat = to_wgs84([X0 + 250, X0 + 750], [Y0 + 500, Y0 + 900])
    chart = area_map(
        [("Centre", square(X0, Y0, 1000))],
        title="Robberies",
        points=list(zip(lon, lat, strict=True)),
    )
    root = parse(chart)
    min_x, min_y, max_x, max_y = outline_box(root)
    dots = list(by_class(root, "ovr-map-points")[0].iter(f"{SVG}circle"))
    assert len(dots) == 2
    for dot in dots:
        assert min_x < float(dot.get("cx")) < max_x and min_y < float(dot.get("cy")) < max_y


def test_outlines_are_simplified_and_rounded_to_keep_the_svg_small():
    angles = np.linspace(0, 2 * math.pi, 5000, endpoint=False)
    circle = rd_polygon([(X0 + 3000 * math.cos(a), Y0 + 3000 * math.sin(a)) for a in angles])
    chart = area_map([("Round", circle)], title="Round")
    d = by_class(parse(chart), "ovr-map-outlines")[0].find(f"{SVG}path").get("d")
    assert len(path_points(d)) < 500
    assert not re.search(r"\d\.\d\d", d)
    assert len(str(chart.svg)) < 20_000
    min_x, min_y, max_x, max_y = outline_box(parse(chart))
    assert (max_x - min_x) / (max_y - min_y) == pytest.approx(1, rel=0.02)


def test_multipolygons_and_holes_are_drawn_with_even_odd():
    outer = square(X0, Y0, 3000)["coordinates"][0]
    hole = square(X0 + 1000, Y0 + 1000, 1000)["coordinates"][0]
    island = square(X0 + 5000, Y0, 500)["coordinates"]
    geometry = {"type": "MultiPolygon", "coordinates": [[outer, hole[::-1]], island]}
    chart = area_map([("Ring and island", geometry)], title="T", values={"Ring and island": 3})
    area = by_class(parse(chart), "ovr-map-area")[0]
    assert area.get("d").count("M") == 3
    assert area.get("fill-rule") == "evenodd"


def test_a_map_needs_something_to_show():
    with pytest.raises(ValueError):
        area_map([], title="Nothing")
