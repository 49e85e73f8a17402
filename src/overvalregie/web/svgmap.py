"""Static SVG maps of areas, grid overlays and points, for pages and PDF reports.

Geometries arrive as GeoJSON in WGS84 (longitude, latitude) and are drawn in RD New (EPSG:28992)
metres, so shapes keep their true proportions; north is up. A map has a legend and a scale bar,
and like every chart a data table (area and value). Coordinates are rounded to 0.1 unit and
outlines simplified to about half a unit, which keeps a municipality's districts to a few
kilobytes.

Layers, bottom to top: area fills (a choropleth when ``values`` is given), the grid overlay
(``cells``: a density or Gi* classes), area outlines, points, area labels, scale bar and north
arrow; the legend sits below the map.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import shapely
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from overvalregie.geography.spatial import geometry_to_rd, to_rd
from overvalregie.web.charts import (
    BLUE,
    FONT_SIZE,
    SMALL_FONT_SIZE,
    TEXT_COLOUR,
    VERMILLION,
    WIDTH,
    Cell,
    Chart,
    DataTable,
    LegendItem,
    chart_id_for,
    class_breaks,
    class_colours,
    class_index,
    class_labels,
    decimals_for,
    default_marker,
    el,
    format_number,
    legend,
    num,
    plain_value,
    svg_document,
    swatch_rect,
    text_width,
)

__all__ = ["DENSITY_COLOURS", "GI_COLOURS", "area_map"]

#: Density ramp for a grid overlay (ColorBrewer Blues: lightness falls steadily); cells at zero
#: are not drawn.
DENSITY_COLOURS = ("#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594")
#: Gi* classes: hot spots in vermillion, cold spots in blue, darker for more confidence.
GI_COLOURS = {
    3: VERMILLION,
    2: "#ec9a66",
    1: "#f6cdb0",
    -1: "#b3d3ea",
    -2: "#5fa3d3",
    -3: BLUE,
}
NO_DATA_FILL = "#ffffff"
OUTLINE = "#333333"
HATCH = "#767676"  # 4.5:1 on white
CELL_OPACITY = 0.8
#: The tallest map, relative to its width: taller areas are drawn narrower.
MAX_ASPECT = 0.9
MARGIN = 8.0


def _gi_labels() -> dict[int, str]:
    hot = _("hot spot, %(confidence)s%% confidence")
    cold = _("cold spot, %(confidence)s%% confidence")
    levels = {1: 90, 2: 95, 3: 99}
    return {
        **{c: hot % {"confidence": levels[c]} for c in (3, 2, 1)},
        **{-c: cold % {"confidence": levels[c]} for c in (1, 2, 3)},
    }


class _Frame:
    """RD metres to SVG units: x grows east, y grows south (north up)."""

    def __init__(self, bounds, x0: float, y0: float, scale: float):
        self.min_x, self.min_y, self.max_x, self.max_y = bounds
        self.x0, self.y0, self.scale = x0, y0, scale

    def x(self, rd_x):
        return self.x0 + (rd_x - self.min_x) * self.scale

    def y(self, rd_y):
        return self.y0 + (self.max_y - rd_y) * self.scale

    @property
    def width(self) -> float:
        return (self.max_x - self.min_x) * self.scale

    @property
    def height(self) -> float:
        return (self.max_y - self.min_y) * self.scale


def _path_d(geometry, frame: _Frame) -> str:
    """An SVG path for a (multi)polygon: one subpath per ring (holes by the even-odd rule)."""
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        for ring in (polygon.exterior, *polygon.interiors):
            coords = np.asarray(ring.coords)[:-1]
            if len(coords) < 3:
                continue
            xs = frame.x(coords[:, 0])
            ys = frame.y(coords[:, 1])
            parts.append(
                "M" + " ".join(f"{num(x)} {num(y)}" for x, y in zip(xs, ys, strict=True)) + "Z"
            )
    return "".join(parts)


def _nice_length(max_metres: float) -> float:
    """The longest 1, 2 or 5 times 10^k metres not above ``max_metres``."""
    magnitude = 10 ** math.floor(math.log10(max_metres))
    for m in (5, 2, 1):
        if m * magnitude <= max_metres:
            return m * magnitude
    return magnitude  # pragma: no cover


def _distance_label(metres: float) -> str:
    if metres >= 1000:
        km = metres / 1000
        return f"{format_number(km, 0 if km.is_integer() else 1)} km"
    return f"{format_number(metres, 0)} m"


def area_map(
    areas: Sequence[tuple[str, dict]],
    *,
    title: str,
    values: Mapping[str, float | int | None] | None = None,
    cells: Mapping | None = None,
    points: Sequence[tuple[float, float]] | None = None,
    width: float = WIDTH,
    value_label: str | None = None,
    area_label: str | None = None,
    point_label: str | None = None,
    label_areas: bool = False,
    marker: str | None = None,
    description: str | None = None,
    chart_id: str | None = None,
) -> Chart:
    """A map of ``areas`` (label, GeoJSON (Multi)Polygon in WGS84) in RD New, north up.

    ``values`` (label -> number) fills the areas in up to five round classes; None means
    suppressed (hatched, ``marker`` in the table), a missing label means no data (white).

    ``cells`` lays a grid (in RD New) over the map::

        {"origin": (x0, y0),      # RD metres of the grid's lower-left corner
         "cell_size": 125.0,      # metres
         "values": array,         # rows x columns; row 0 is the southernmost row
         "kind": "density",       # or "classes": Gi* classes -3..3
         "label": "..."}          # legend heading (optional)

    A density is drawn in six shades of blue relative to its maximum, leaving cells at zero
    transparent; Gi* classes in vermillion (hot) and blue (cold), class 0 transparent.

    ``points`` (longitude, latitude) are drawn as small dots, e.g. robberies.
    """
    marker = default_marker() if marker is None else marker
    projected = [(str(label), geometry_to_rd(geometry)) for label, geometry in areas]
    rd_points = None
    if points is not None and len(points):
        lon_lat = np.asarray(points, dtype=float).reshape(-1, 2)
        rd_points = np.column_stack(to_rd(lon_lat[:, 0], lon_lat[:, 1]))

    grid = None
    if cells is not None:
        grid = np.asarray(cells["values"], dtype=float)
        if grid.ndim != 2:
            raise ValueError("cells['values'] must be a 2-D array")
        origin_x, origin_y = (float(v) for v in cells["origin"])
        cell_size = float(cells["cell_size"])
        kind = cells.get("kind", "density")
        if kind not in ("density", "classes"):
            raise ValueError(f"unknown kind of cells: {kind!r}")

    # The extent: the areas, else the grid, else the points; 3 % room on each side.
    if projected:
        bounds = shapely.total_bounds([geom for _label, geom in projected])
    elif grid is not None:
        rows, cols = grid.shape
        bounds = (origin_x, origin_y, origin_x + cols * cell_size, origin_y + rows * cell_size)
    elif rd_points is not None:
        bounds = (*rd_points.min(axis=0), *rd_points.max(axis=0))
    else:
        raise ValueError("a map needs areas, cells or points")
    min_x, min_y, max_x, max_y = (float(v) for v in bounds)
    span = max(max_x - min_x, max_y - min_y, 100.0)
    pad = span * 0.03
    centre_x, centre_y = (min_x + max_x) / 2, (min_y + max_y) / 2
    half_w = max(max_x - min_x, span * 0.2) / 2 + pad
    half_h = max(max_y - min_y, span * 0.2) / 2 + pad
    bounds = (centre_x - half_w, centre_y - half_h, centre_x + half_w, centre_y + half_h)

    inner_width = width - 2 * MARGIN
    scale = inner_width / (2 * half_w)
    if 2 * half_h * scale > MAX_ASPECT * inner_width:
        scale = MAX_ASPECT * inner_width / (2 * half_h)
    map_width = 2 * half_w * scale
    frame = _Frame(bounds, MARGIN + (inner_width - map_width) / 2, MARGIN, scale)
    tolerance = 0.5 / scale  # half an SVG unit, in metres

    chart_id = chart_id or chart_id_for(
        "map",
        title,
        [(label, geom.wkb) for label, geom in projected],
        values,
        None if grid is None else (grid.tobytes(), cells.get("origin"), cells.get("cell_size")),
        None if rd_points is None else rd_points.tobytes(),
    )
    hatch_id = f"{chart_id}-hatch"
    clip_id = f"{chart_id}-clip"

    # Area fills (choropleth).
    numbers = (
        [] if values is None else [v for v in map(plain_value, values.values()) if v is not None]
    )
    decimals = decimals_for(numbers)
    integer = decimals == 0
    maximum = max(numbers, default=0)
    breaks = class_breaks(maximum, integer=integer) if values is not None and maximum > 0 else ()
    colours = class_colours(len(breaks))
    simplified = [
        (label, shapely.simplify(geom, tolerance, preserve_topology=True))
        for label, geom in projected
    ]
    paths = [(label, _path_d(geom, frame)) for label, geom in simplified]

    fills = []
    states = {}
    for label, d in paths:
        value = None
        if values is None or label not in values:
            state, fill = "none", NO_DATA_FILL
        else:
            value = plain_value(values[label])
            if value is None:
                state, fill = "suppressed", f"url(#{hatch_id})"
            elif value <= 0:
                state, fill = "zero", "#f4f4f4"
            else:
                state, fill = "value", colours[class_index(value, breaks)]
        states[label] = state
        text = (
            marker
            if state == "suppressed"
            else (format_number(value, decimals) if state in ("value", "zero") else "")
        )
        fills.append(
            el(
                "path",
                {
                    "class": f"ovr-map-area ovr-map-area--{state}",
                    "d": d,
                    "fill": fill,
                    "fill-rule": "evenodd",
                    "stroke": "none",
                },
                [el("title", None, f"{label}: {text}" if text else label)],
            )
        )

    map_top, map_bottom = frame.y0, frame.y0 + frame.height
    map_left, map_right = frame.x0, frame.x0 + frame.width
    defs = [
        el(
            "pattern",
            {
                "id": hatch_id,
                "patternUnits": "userSpaceOnUse",
                "width": 6,
                "height": 6,
                "patternTransform": "rotate(45)",
            },
            [
                el("rect", {"width": 6, "height": 6, "fill": "#ffffff"}),
                el(
                    "line", {"x1": 0, "y1": 0, "x2": 0, "y2": 6, "stroke": HATCH, "stroke-width": 2}
                ),
            ],
        ),
        el(
            "clipPath",
            {"id": clip_id},
            [
                el(
                    "rect",
                    {"x": map_left, "y": map_top, "width": frame.width, "height": frame.height},
                )
            ],
        ),
    ]
    body = [el("defs", None, defs)]
    body.append(
        el(
            "rect",
            {
                "class": "ovr-map-frame",
                "x": map_left,
                "y": map_top,
                "width": frame.width,
                "height": frame.height,
                "fill": "#ffffff",
                "stroke": "#bdbdbd",
            },
        )
    )
    clipped = [el("g", {"class": "ovr-map-areas"}, fills)]

    # The grid overlay.
    items_cells = []
    if grid is not None:
        clipped.append(_cells(grid, origin_x, origin_y, cell_size, kind, frame))
        if kind == "density":
            items_cells = [
                LegendItem(_("lower"), swatch_rect(DENSITY_COLOURS[0], opacity=CELL_OPACITY)),
                *(
                    LegendItem("", swatch_rect(colour, opacity=CELL_OPACITY))
                    for colour in DENSITY_COLOURS[1:-1]
                ),
                LegendItem(_("higher"), swatch_rect(DENSITY_COLOURS[-1], opacity=CELL_OPACITY)),
            ]
        else:
            items_cells = [
                LegendItem(label, swatch_rect(GI_COLOURS[c], opacity=CELL_OPACITY))
                for c, label in _gi_labels().items()
            ]

    # Outlines on top of fills and cells.
    clipped.append(
        el(
            "g",
            {
                "class": "ovr-map-outlines",
                "fill": "none",
                "stroke": OUTLINE,
                "stroke-width": 1,
                "stroke-linejoin": "round",
            },
            [el("path", {"d": d}) for _label, d in paths],
        )
    )
    if rd_points is not None:
        xs, ys = frame.x(rd_points[:, 0]), frame.y(rd_points[:, 1])
        clipped.append(
            el(
                "g",
                {
                    "class": "ovr-map-points",
                    "fill": TEXT_COLOUR,
                    "fill-opacity": 0.8,
                    "stroke": "#ffffff",
                    "stroke-width": 0.6,
                },
                [
                    el("circle", {"cx": float(x), "cy": float(y), "r": 2.5})
                    for x, y in zip(xs, ys, strict=True)
                ],
            )
        )
    if label_areas:
        clipped.append(_area_labels(simplified, frame))
    body.append(el("g", {"clip-path": f"url(#{clip_id})"}, clipped))
    body.append(_scale_bar(frame, map_left + 10, map_bottom - 12))
    body.append(_north_arrow(map_right - 20, map_top + 10))

    # The legend below the map.
    legend_y = map_bottom + 10
    legend_width = width - 2 * MARGIN
    legends = []
    if values is not None:
        items = []
        if any(s == "zero" for s in states.values()):
            items.append(LegendItem("0", swatch_rect("#f4f4f4")))
        items += [
            LegendItem(label, swatch_rect(colour))
            for label, colour in zip(
                class_labels(breaks, integer=integer, decimals=decimals), colours, strict=True
            )
        ]
        if any(s == "suppressed" for s in states.values()):
            items.append(
                LegendItem(
                    _("suppressed (%(marker)s)") % {"marker": marker},
                    swatch_rect(f"url(#{hatch_id})"),
                )
            )
        if any(s == "none" for s in states.values()):
            items.append(LegendItem(_("no data"), swatch_rect(NO_DATA_FILL)))
        legends.append((value_label or pgettext("a count", "Number"), items))
    if items_cells:
        legends.append((cells.get("label") or "", items_cells))
    if rd_points is not None:
        dot = el("circle", {"cx": 12, "cy": 7, "r": 2.5, "fill": TEXT_COLOUR})
        legends.append(("", [LegendItem(point_label or _("Incident"), dot)]))
    for heading, items in legends:
        markup, legend_height = legend(items, MARGIN, legend_y, legend_width, heading)
        body.append(markup)
        legend_y += legend_height + 4
    height = legend_y + 4

    if values is None:
        table = DataTable((area_label or _("Area"),), tuple((label,) for label, _geom in projected))
    else:
        rows = []
        for label, _geom in projected:
            state = states[label]
            if state == "suppressed":
                cell = Cell(marker, None, True)
            elif state == "none":
                cell = Cell("", None)
            else:
                value = plain_value(values[label])
                cell = Cell(format_number(value, decimals), value)
            rows.append((label, cell))
        headers = (area_label or _("Area"), value_label or pgettext("a count", "Number"))
        table = DataTable(headers, tuple(rows))

    svg = svg_document(
        chart_id, title, width, height, body, description=description, css_class="ovr-map-svg"
    )
    return Chart(svg, title, table)


def _cells(grid: np.ndarray, x0: float, y0: float, size: float, kind: str, frame: _Frame):
    """One rect per drawn cell, grouped by colour. Row 0 is the southernmost row."""
    finite = np.where(np.isfinite(grid), grid, 0.0)
    if kind == "density":
        maximum = float(finite.max()) if finite.size else 0.0
        shades = len(DENSITY_COLOURS)
        levels = np.zeros(grid.shape, dtype=int)
        if maximum > 0:
            levels = np.where(
                finite > 0, np.clip(np.ceil(finite / maximum * shades), 1, shades), 0
            ).astype(int)
        classes = {level: DENSITY_COLOURS[level - 1] for level in range(1, shades + 1)}
    else:
        levels = np.clip(np.rint(finite), -3, 3).astype(int)
        classes = GI_COLOURS
    side = size * frame.scale
    groups = []
    for level, colour in classes.items():
        rows, cols = np.nonzero(levels == level)
        if not len(rows):
            continue
        xs = frame.x(x0 + cols * size)
        ys = frame.y(y0 + (rows + 1) * size)  # the cell's northern edge is its top
        groups.append(
            el(
                "g",
                {"fill": colour, "data-level": level},
                [
                    el("rect", {"x": float(x), "y": float(y), "width": side, "height": side})
                    for x, y in zip(xs, ys, strict=True)
                ],
            )
        )
    return el(
        "g", {"class": f"ovr-map-cells ovr-map-cells--{kind}", "fill-opacity": CELL_OPACITY}, groups
    )


def _area_labels(areas, frame: _Frame):
    parts = []
    for label, geom in areas:
        if geom.is_empty:
            continue
        point = geom.representative_point()
        x, y = frame.x(point.x), frame.y(point.y)
        common = {"x": x, "y": y + 4, "text-anchor": "middle", "font-size": SMALL_FONT_SIZE}
        # A white halo under the text (WeasyPrint knows no paint-order).
        parts.append(
            el(
                "text",
                {
                    **common,
                    "fill": "#ffffff",
                    "stroke": "#ffffff",
                    "stroke-width": 3,
                    "stroke-linejoin": "round",
                    "aria-hidden": "true",
                },
                label,
            )
        )
        parts.append(el("text", {**common, "fill": TEXT_COLOUR, "aria-hidden": "true"}, label))
    return el("g", {"class": "ovr-map-labels"}, parts)


def _scale_bar(frame: _Frame, x: float, y: float) -> SafeString:
    """A bar of a round length, at most a quarter of the map's width, labelled in m or km."""
    metres = _nice_length((frame.max_x - frame.min_x) / 4)
    length = metres * frame.scale
    label = _distance_label(metres)
    box_width = max(length, text_width(label, SMALL_FONT_SIZE)) + 12
    return el(
        "g",
        {"class": "ovr-map-scalebar", "data-metres": num(metres)},
        [
            el(
                "rect",
                {
                    "x": x - 6,
                    "y": y - 22,
                    "width": box_width,
                    "height": 32,
                    "fill": "#ffffff",
                    "fill-opacity": 0.85,
                },
            ),
            el(
                "rect",
                {
                    "class": "ovr-map-scalebar__bar",
                    "x": x,
                    "y": y,
                    "width": length,
                    "height": 5,
                    "fill": TEXT_COLOUR,
                },
            ),
            el(
                "rect",
                {
                    "x": x + length / 2,
                    "y": y + 1,
                    "width": length / 2,
                    "height": 3,
                    "fill": "#ffffff",
                },
            ),
            el(
                "text",
                {
                    "class": "ovr-map-scalebar__label",
                    "x": x,
                    "y": y - 6,
                    "font-size": SMALL_FONT_SIZE,
                },
                label,
            ),
        ],
    )


def _north_arrow(x: float, y: float) -> SafeString:
    return el(
        "g",
        {"class": "ovr-map-north", "aria-hidden": "true"},
        [
            el(
                "path",
                {
                    "d": f"M{num(x)} {num(y)}L{num(x + 7)} {num(y + 18)}L{num(x)} "
                    f"{num(y + 13)}L{num(x - 7)} {num(y + 18)}Z",
                    "fill": TEXT_COLOUR,
                    "stroke": "#ffffff",
                    "stroke-width": 1,
                },
            ),
            el(
                "text",
                {
                    "x": x,
                    "y": y + 32,
                    "text-anchor": "middle",
                    "font-size": FONT_SIZE,
                    "font-weight": "bold",
                    "fill": TEXT_COLOUR,
                },
                _("N"),
            ),
        ],
    )
