"""Server-side SVG charts that read the same in the browser and in a WeasyPrint PDF.

Plain inline SVG: no JavaScript, no web fonts (text inherits the page's typeface, WeasyPrint
falls back to the system sans-serif), explicit sizes in the units of a ``viewBox`` so that a
chart scales with its container. Every chart comes with its data as a table (WCAG: a data table
behind every chart); ``Chart.html()`` puts both in one ``<figure>``.

Colours come from the Okabe–Ito palette, which stays apart for the common colour-vision
deficiencies; the ones used for bars, lines and markers contrast at least 3:1 with white. Lines
also differ in dash pattern and marker shape, so a chart survives a grey-scale print.

Every text is escaped: markup is built with ``format_html`` only. Numbers go through Django's
``number_format`` with grouping, so Dutch reads "1.234" and "2,5".
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

__all__ = [
    "BLACK",
    "BLUE",
    "BLUISH_GREEN",
    "REDDISH_PURPLE",
    "SERIES_COLOURS",
    "VERMILLION",
    "Cell",
    "Chart",
    "DataTable",
    "bar_chart",
    "heatmap",
    "line_chart",
]

# ---- Palette ----------------------------------------------------------------------------------

#: The Okabe–Ito palette (Okabe & Ito 2008). Orange, sky blue and yellow contrast less than 3:1
#: with white: use them only for areas that carry no information on their own.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

#: Bars, lines and markers, in order; contrast with white 5.2, 3.9, 3.4, 3.1 and 21 to 1.
SERIES_COLOURS = (BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, BLACK)
#: Dash pattern per series (solid first), so lines differ without colour too.
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 2")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")

#: Sequential classes (light to dark, ending in Okabe–Ito blue and a darker blue) and zero.
SEQUENTIAL = ("#dbe9f6", "#a5cbe6", "#5b9fd0", BLUE, "#003f63")
ZERO_FILL = "#f4f4f4"
SUPPRESSED_FILL = "#bdbdbd"

TEXT_COLOUR = "#1a1a1a"
#: Axis text and the suppression marker: 7:1 on white.
MUTED = "#595959"
GRID = "#d9d9d9"

#: Width of every chart's viewBox. An A4 page with 18 mm margins is 660 CSS px wide, so at
#: that width one unit is about one CSS pixel and a 12-unit text is about 9 pt.
WIDTH = 640
FONT_SIZE = 12
SMALL_FONT_SIZE = 11


# ---- Results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One data cell of a chart's table: the text to show and the number behind it."""

    text: str
    value: float | int | None = None
    #: True when the number is hidden because it is below the suppression threshold
    suppressed: bool = False

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class DataTable:
    """The data behind a chart. The first cell of every row is that row's header."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str | Cell, ...], ...]


@dataclass(frozen=True)
class Chart:
    """An SVG chart (safe markup) with its accessible title and its data table."""

    svg: SafeString
    title: str
    table: DataTable

    def table_html(self) -> SafeString:
        """The data table as an NL Design System (Utrecht) table with the title as caption."""
        head = format_html_join(
            "",
            '<th class="utrecht-table__header-cell{}" scope="col">{}</th>',
            (
                ("" if i == 0 else " utrecht-table__header-cell--numeric-column", h)
                for i, h in enumerate(self.table.headers)
            ),
        )
        body = _join(
            format_html(
                '<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" '
                'scope="row">{}</th>{}</tr>',
                row[0],
                _join(
                    format_html(
                        '<td class="utrecht-table__cell utrecht-table__cell--numeric-column{}">'
                        "{}</td>",
                        " ovr-suppressed" if isinstance(c, Cell) and c.suppressed else "",
                        c,
                    )
                    for c in row[1:]
                ),
            )
            for row in self.table.rows
        )
        return format_html(
            '<table class="utrecht-table utrecht-table--html-table ovr-chart-table">'
            '<caption class="utrecht-table__caption">{}</caption>'
            '<thead class="utrecht-table__header"><tr class="utrecht-table__row">{}'
            '</tr></thead><tbody class="utrecht-table__body">{}</tbody></table>',
            self.title,
            head,
            body,
        )

    def html(self, *, table: bool = True) -> SafeString:
        """The chart in a ``<figure>``, followed by its data table unless ``table`` is False."""
        return format_html(
            '<figure class="ovr-chart">{}{}</figure>',
            self.svg,
            self.table_html() if table else "",
        )


# ---- Markup helpers (shared with svgmap) -----------------------------------------------------


def num(x: float) -> str:
    """A coordinate for the SVG: at most one decimal, no trailing ".0", never "-0"."""
    text = f"{x:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def el(tag: str, attrs: Mapping[str, object] | None = None, content=None) -> SafeString:
    """One SVG element; attribute values and text content are escaped (floats go through num).

    ``content`` is None (an empty element), a string (escaped), safe markup, or an iterable of
    safe markup.
    """
    pairs = []
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        pairs.append((key, num(value) if isinstance(value, float) else value))
    attr_html = format_html_join("", ' {}="{}"', pairs)
    if content is None:
        return format_html("<{}{}/>", tag, attr_html)
    if not isinstance(content, str):
        content = _join(content)
    return format_html("<{}{}>{}</{}>", tag, attr_html, content, tag)


def _join(parts: Iterable) -> SafeString:
    return format_html_join("", "{}", ((p,) for p in parts))


def svg_document(
    chart_id: str,
    title: str,
    width: float,
    height: float,
    body: Iterable[SafeString],
    *,
    description: str | None = None,
    css_class: str = "ovr-chart-svg",
) -> SafeString:
    """The ``<svg>`` root: role="img", named by its ``<title>``, as wide as its container."""
    title_id = f"{chart_id}-title"
    desc_id = f"{chart_id}-desc" if description else None
    return el(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "id": chart_id,
            "class": css_class,
            "viewBox": f"0 0 {num(width)} {num(height)}",
            "width": "100%",
            "preserveAspectRatio": "xMidYMid meet",
            "role": "img",
            "aria-labelledby": title_id,
            "aria-describedby": desc_id,
            "font-family": "inherit",
            "font-size": FONT_SIZE,
            "fill": TEXT_COLOUR,
            "style": "max-width: 100%; height: auto",
        },
        [
            el("title", {"id": title_id}, title),
            el("desc", {"id": desc_id}, description) if description else SafeString(""),
            *body,
        ],
    )


def chart_id_for(kind: str, *parts) -> str:
    """A stable id for a chart from its content (override with ``chart_id=`` for two equal
    charts on one page)."""
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:10]
    return f"ovr-{kind}-{digest}"


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """A generous estimate of a text's width (wide sans-serifs such as DejaVu Sans)."""
    width = 0.0
    for char in text:
        if char in "iljtf.,:;'|!()[] ":
            width += 0.34
        elif char in "mwMW%":
            width += 0.95
        elif char.isupper() or char.isdigit():
            width += 0.68
        else:
            width += 0.6
    return width * size


def truncate(text: str, max_width: float, size: float = FONT_SIZE) -> str:
    """``text`` cut short with an ellipsis to fit ``max_width`` (the table keeps it whole)."""
    if text_width(text, size) <= max_width:
        return text
    while text and text_width(text + "…", size) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def plain_value(value):
    """A number or None; accepts counts as shown to a viewer (anything with ``.value``)."""
    value = getattr(value, "value", value)
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def default_marker() -> str:
    return f"<{settings.SUPPRESSION_THRESHOLD}"


def decimals_for(values: Iterable[float | int]) -> int:
    """0 when every value is a whole number, else 1."""
    return 0 if all(float(v).is_integer() for v in values) else 1


def format_number(value: float | int, decimals: int) -> str:
    """``value`` in the active language, grouped: "1.234" and "2,5" in Dutch."""
    return number_format(value, decimals, force_grouping=True)


@dataclass(frozen=True)
class Axis:
    low: float
    high: float
    step: float
    ticks: tuple[float, ...]
    decimals: int


def nice_axis(low: float, high: float, *, integer: bool, target: int = 5) -> Axis:
    """An axis from ``low`` to ``high`` (widened to round ticks: 1, 2, 2.5 or 5 times 10^k)."""
    if high <= low:
        high = low + (1 if integer else 1.0)
    raw = (high - low) / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = magnitude * 10
    for m in (1, 2, 2.5, 5, 10):
        if integer and m == 2.5:
            continue
        if m * magnitude >= raw * (1 - 1e-9):
            step = m * magnitude
            break
    if integer:
        step = max(1, round(step))
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = round((last - first) / step)
    ticks = tuple(first + i * step for i in range(count + 1))
    decimals = next(d for d in range(8) if abs(round(step, d) - step) < 1e-9 * max(1, step))
    return Axis(first, last, step, ticks, decimals)


def class_breaks(maximum: float, *, integer: bool) -> tuple[float, ...]:
    """Upper bounds of up to five equal, round classes for values in (0, maximum]."""
    axis = nice_axis(0, maximum, integer=integer, target=5)
    return axis.ticks[1:]


def class_colours(count: int) -> tuple[str, ...]:
    """``count`` colours spread over the sequential palette (light to dark)."""
    if count <= 0:
        return ()
    if count == 1:
        return (SEQUENTIAL[3],)
    last = len(SEQUENTIAL) - 1
    return tuple(SEQUENTIAL[round(i * last / (count - 1))] for i in range(count))


def class_index(value: float, breaks: Sequence[float]) -> int:
    """0-based class of a positive value (the first upper bound it does not exceed)."""
    for i, bound in enumerate(breaks):
        if value <= bound + 1e-12:
            return i
    return len(breaks) - 1


def class_labels(breaks: Sequence[float], *, integer: bool, decimals: int) -> list[str]:
    labels = []
    lower = 0
    for bound in breaks:
        if integer:
            first = int(lower) + 1
            labels.append(
                format_number(first, 0)
                if first == bound
                else f"{format_number(first, 0)}–{format_number(bound, 0)}"
            )
        else:
            labels.append(f"{format_number(lower, decimals)}–{format_number(bound, decimals)}")
        lower = bound
    return labels


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def text_colour_on(colour: str) -> str:
    """Black or white text, whichever contrasts more with ``colour``."""
    lum = luminance(colour)
    return "#ffffff" if (1.05 / (lum + 0.05)) > ((lum + 0.05) / 0.05) else TEXT_COLOUR


@dataclass(frozen=True)
class LegendItem:
    label: str
    swatch: SafeString  # drawn in a 24 x 14 box at the origin


def legend(items: Sequence[LegendItem], x: float, y: float, width: float, heading: str = ""):
    """Legend items in one row when they fit, else in equal columns; returns (markup, height)."""
    parts = []
    row_height = 20
    cursor_y = y
    if heading:
        parts.append(
            el(
                "text",
                {"x": x, "y": cursor_y + 13, "font-size": FONT_SIZE, "font-weight": "bold"},
                heading,
            )
        )
        cursor_y += row_height
    labels = [truncate(item.label, width - 32) for item in items]
    widths = [24 + 6 + text_width(label) + 12 for label in labels]
    if sum(widths) <= width:
        columns = len(items)
    else:
        column_width = max(widths)
        columns = max(1, int(width // column_width))
        widths = [column_width] * len(items)
    cursor_x = x
    for index, (item, label) in enumerate(zip(items, labels, strict=True)):
        if index and index % columns == 0:
            cursor_x = x
            cursor_y += row_height
        parts.append(
            el(
                "g",
                {
                    "class": "ovr-chart-legend__item",
                    "transform": f"translate({num(cursor_x)} {num(cursor_y + 3)})",
                },
                [item.swatch, el("text", {"x": 30, "y": 11.5}, label)],
            )
        )
        cursor_x += widths[index]
    height = (cursor_y - y) + (row_height if items else 0)
    return el("g", {"class": "ovr-chart-legend"}, parts), height


def swatch_rect(fill: str, *, opacity: float | None = None, stroke: str | None = MUTED):
    return el(
        "rect",
        {
            "x": 2,
            "y": 0,
            "width": 20,
            "height": 14,
            "fill": fill,
            "fill-opacity": opacity,
            "stroke": stroke,
            "stroke-width": 0.75 if stroke else None,
        },
    )


# ---- Bar chart --------------------------------------------------------------------------------


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | int | None],
    *,
    title: str,
    value_label: str,
    highlight: str | Iterable[str] | None = None,
    marker: str | None = None,
    label_header: str | None = None,
    decimals: int | None = None,
    chart_id: str | None = None,
) -> Chart:
    """Vertical bars, one per label, with the value printed above each bar.

    ``values`` may hold None for a count that is suppressed: no bar is drawn and ``marker``
    (default "<threshold", e.g. "<5") is printed in its place. ``highlight`` names the label(s)
    to draw in vermillion with a bold label (e.g. the viewer's own municipality or this year).
    ``decimals`` defaults to 0 for whole numbers and 1 otherwise.
    """
    labels = [str(label) for label in labels]
    values = [plain_value(v) for v in values]
    if len(labels) != len(values):
        raise ValueError(f"{len(labels)} labels but {len(values)} values")
    marker = default_marker() if marker is None else marker
    highlighted = {highlight} if isinstance(highlight, str) else set(highlight or ())
    shown = [v for v in values if v is not None]
    if decimals is None:
        decimals = decimals_for(shown)
    axis = nice_axis(
        min([0, *shown]),
        max([0, *shown]),
        integer=decimals == 0 and all(isinstance(v, int) or float(v).is_integer() for v in shown),
    )
    tick_texts = [format_number(t, axis.decimals) for t in axis.ticks]
    value_texts = [None if v is None else format_number(v, decimals) for v in values]

    width = WIDTH
    left = max(36.0, max(text_width(t, SMALL_FONT_SIZE) for t in tick_texts) + 14)
    right = 8.0
    plot_width = width - left - right
    count = max(len(labels), 1)
    slot = plot_width / count
    bar_width = min(slot * 0.72, 64.0)

    widest_label = max((text_width(label) for label in labels), default=0)
    rotate = widest_label > slot - 6
    shown_labels = [truncate(label, 150) for label in labels] if rotate else labels
    if rotate:
        longest = max(text_width(label) for label in shown_labels)
        bottom = 18 + longest * math.sin(math.radians(45)) + FONT_SIZE
    else:
        bottom = 28.0
    show_values = all(
        text_width(t, SMALL_FONT_SIZE) <= slot + 2 for t in value_texts if t is not None
    )
    top = 40.0
    plot_height = 220.0
    height = top + plot_height + bottom

    def y_of(v: float) -> float:
        return top + plot_height * (axis.high - v) / (axis.high - axis.low)

    zero_y = y_of(0)
    parts = [_value_axis(axis, tick_texts, left, width - right, y_of, value_label)]

    bars = []
    annotations = []
    for i, (label, value, text) in enumerate(zip(labels, values, value_texts, strict=True)):
        centre = left + slot * (i + 0.5)
        is_highlighted = label in highlighted
        if value is None:
            annotations.append(
                el(
                    "text",
                    {
                        "class": "ovr-chart-suppressed",
                        "x": centre,
                        "y": zero_y - 5,
                        "text-anchor": "middle",
                        "font-size": SMALL_FONT_SIZE,
                        "font-style": "italic",
                        "fill": MUTED,
                    },
                    marker,
                )
            )
            continue
        top_y, bottom_y = sorted((y_of(value), zero_y))
        bars.append(
            el(
                "rect",
                {
                    "class": "ovr-chart-bar ovr-chart-bar--highlight"
                    if is_highlighted
                    else "ovr-chart-bar",
                    "x": centre - bar_width / 2,
                    "y": top_y,
                    "width": bar_width,
                    "height": bottom_y - top_y,
                    "fill": VERMILLION if is_highlighted else BLUE,
                },
                [el("title", None, f"{label}: {text}")],
            )
        )
        if show_values:
            annotations.append(
                el(
                    "text",
                    {
                        "class": "ovr-chart-value",
                        "x": centre,
                        "y": top_y - 5 if value >= 0 else bottom_y + SMALL_FONT_SIZE + 2,
                        "text-anchor": "middle",
                        "font-size": SMALL_FONT_SIZE,
                    },
                    text,
                )
            )
    parts.append(el("g", {"class": "ovr-chart-bars"}, bars))
    parts.append(el("g", {"class": "ovr-chart-values"}, annotations))
    parts.append(
        el(
            "line",
            {"x1": left, "x2": width - right, "y1": zero_y, "y2": zero_y, "stroke": TEXT_COLOUR},
        )
    )
    parts.append(
        _category_labels(
            shown_labels,
            [left + slot * (i + 0.5) for i in range(len(labels))],
            top + plot_height,
            rotate=rotate,
            bold={i for i, label in enumerate(labels) if label in highlighted},
        )
    )

    rows = tuple(
        (
            label,
            Cell(marker, None, True) if value is None else Cell(text, value),
        )
        for label, value, text in zip(labels, values, value_texts, strict=True)
    )
    table = DataTable((label_header or _("Category"), value_label), rows)
    chart_id = chart_id or chart_id_for("bar", title, labels, values)
    return Chart(svg_document(chart_id, title, width, height, parts), title, table)


def _value_axis(axis: Axis, tick_texts, left, right, y_of, label: str) -> SafeString:
    """Horizontal grid lines with tick labels, and the axis title above the axis."""
    parts = []
    for tick, text in zip(axis.ticks, tick_texts, strict=True):
        y = y_of(tick)
        parts.append(el("line", {"x1": left, "x2": right, "y1": y, "y2": y, "stroke": GRID}))
        parts.append(
            el(
                "text",
                {
                    "x": left - 6,
                    "y": y + 4,
                    "text-anchor": "end",
                    "font-size": SMALL_FONT_SIZE,
                    "fill": MUTED,
                },
                text,
            )
        )
    parts.append(
        el(
            "text",
            {"class": "ovr-chart-axis-title", "x": 0, "y": 14, "font-size": FONT_SIZE},
            label,
        )
    )
    return el("g", {"class": "ovr-chart-axis", "aria-hidden": "true"}, parts)


def _category_labels(labels, centres, y, *, rotate: bool, bold=frozenset(), step: int = 1):
    parts = []
    for i, (label, x) in enumerate(zip(labels, centres, strict=True)):
        if i % step:
            continue
        attrs = {
            "x": x,
            "y": y + 16,
            "text-anchor": "middle",
            "font-weight": "bold" if i in bold else None,
        }
        if rotate:
            attrs.update(
                {
                    "x": x + 4,
                    "y": y + 12,
                    "text-anchor": "end",
                    "transform": f"rotate(-45 {num(x + 4)} {num(y + 12)})",
                }
            )
        parts.append(el("text", attrs, label))
    return el("g", {"class": "ovr-chart-labels", "aria-hidden": "true"}, parts)


# ---- Line chart -------------------------------------------------------------------------------


def line_chart(
    x_labels: Sequence[str],
    series: Mapping[str, Sequence[float | None]],
    *,
    title: str,
    y_label: str,
    intervals: Mapping[str, tuple[Sequence[float | None], Sequence[float | None]]] | None = None,
    x_label: str | None = None,
    interval_label: str | None = None,
    decimals: int | None = None,
    chart_id: str | None = None,
    divider: tuple[int, str] | None = None,
) -> Chart:
    """One line per series over categorical x labels (years, months), starting from zero.

    None in a series leaves a gap. ``intervals`` maps a series name to (lows, highs), drawn as
    a shaded band in the series' colour; ``interval_label`` names it in the legend and table
    (default "interval"). ``divider`` ``(i, text)`` draws a dashed vertical line, labelled
    ``text``, just before the ``i``-th label (the start of a measure, say).
    """
    x_labels = [str(label) for label in x_labels]
    intervals = dict(intervals or {})
    count = len(x_labels)
    clean = {}
    for name, points in series.items():
        points = [plain_value(v) for v in points]
        if len(points) != count:
            raise ValueError(f"series {name!r} has {len(points)} values for {count} labels")
        clean[str(name)] = points
    bands = {}
    for name, (lows, highs) in intervals.items():
        lows = [plain_value(v) for v in lows]
        highs = [plain_value(v) for v in highs]
        if len(lows) != count or len(highs) != count:
            raise ValueError(f"interval of {name!r} does not have {count} values")
        if str(name) not in clean:
            raise ValueError(f"interval for unknown series {name!r}")
        bands[str(name)] = (lows, highs)
    interval_label = interval_label or _("interval")

    numbers = [v for points in clean.values() for v in points if v is not None]
    numbers += [v for lows, highs in bands.values() for v in (*lows, *highs) if v is not None]
    if decimals is None:
        decimals = decimals_for(numbers)
    axis = nice_axis(
        min([0, *numbers]),
        max([0, *numbers]),
        integer=all(float(v).is_integer() for v in numbers),
    )
    tick_texts = [format_number(t, axis.decimals) for t in axis.ticks]

    width = WIDTH
    left = max(36.0, max(text_width(t, SMALL_FONT_SIZE) for t in tick_texts) + 14)
    right = 12.0
    plot_width = width - left - right
    slot = plot_width / max(count, 1)
    widest = max((text_width(label) for label in x_labels), default=0)
    # Show every step-th label so that they never overlap.
    step = max(1, math.ceil((widest + 8) / slot))
    top = 30.0
    plot_height = 220.0
    legend_top = top + plot_height + 30

    names = list(clean)
    items = []
    for index, name in enumerate(names):
        colour, dash, shape = _style(index)
        items.append(
            LegendItem(
                name,
                _join(
                    [
                        el(
                            "line",
                            {
                                "x1": 0,
                                "x2": 24,
                                "y1": 7,
                                "y2": 7,
                                "stroke": colour,
                                "stroke-width": 2.5,
                                "stroke-dasharray": dash or None,
                            },
                        ),
                        _marker(shape, 12, 7, colour),
                    ]
                ),
            )
        )
        if name in bands:
            items.append(LegendItem(f"{name} ({interval_label})", swatch_rect(colour, opacity=0.2)))
    legend_markup, legend_height = legend(items, left, legend_top, plot_width)
    height = legend_top + legend_height + 4

    def x_of(i: int) -> float:
        return left + slot * (i + 0.5)

    def y_of(v: float) -> float:
        return top + plot_height * (axis.high - v) / (axis.high - axis.low)

    parts = [_value_axis(axis, tick_texts, left, width - right, y_of, y_label)]
    parts.append(
        el(
            "line",
            {
                "x1": left,
                "x2": width - right,
                "y1": y_of(0),
                "y2": y_of(0),
                "stroke": TEXT_COLOUR,
            },
        )
    )
    band_parts = []
    for index, name in enumerate(names):
        if name not in bands:
            continue
        colour = _style(index)[0]
        lows, highs = bands[name]
        for run in _runs(
            [lo is not None and hi is not None for lo, hi in zip(lows, highs, strict=True)]
        ):
            upper = [(x_of(i), y_of(highs[i])) for i in run]
            lower = [(x_of(i), y_of(lows[i])) for i in reversed(run)]
            if len(run) == 1:  # a lone interval: a short bar
                x = x_of(run[0])
                upper = [(x - 4, upper[0][1]), (x + 4, upper[0][1])]
                lower = [(x + 4, lower[0][1]), (x - 4, lower[0][1])]
            band_parts.append(
                el(
                    "path",
                    {
                        "class": "ovr-chart-band",
                        "d": _polyline_d(upper + lower) + "Z",
                        "fill": colour,
                        "fill-opacity": 0.2,
                        "stroke": "none",
                    },
                )
            )
    parts.append(el("g", {"class": "ovr-chart-bands"}, band_parts))
    if divider is not None:
        at, text = divider
        if not 0 <= at <= count:
            raise ValueError(f"divider at {at} lies outside the {count} labels")
        x = left + slot * at
        parts.append(
            el(
                "g",
                {"class": "ovr-chart-divider"},
                [
                    el(
                        "line",
                        {
                            "x1": x,
                            "x2": x,
                            "y1": top - 6,
                            "y2": top + plot_height,
                            "stroke": TEXT_COLOUR,
                            "stroke-dasharray": "4 3",
                        },
                    ),
                    el(
                        "text",
                        {
                            "x": x + 4,
                            "y": top - 10,
                            "font-size": SMALL_FONT_SIZE,
                            "fill": TEXT_COLOUR,
                        },
                        text,
                    ),
                ],
            )
        )

    show_markers = slot >= 9
    for index, name in enumerate(names):
        colour, dash, shape = _style(index)
        points = clean[name]
        segments = [
            _polyline_d([(x_of(i), y_of(points[i])) for i in run])
            for run in _runs([v is not None for v in points])
        ]
        group = [
            el(
                "path",
                {
                    "class": "ovr-chart-line",
                    "d": "".join(segments),
                    "fill": "none",
                    "stroke": colour,
                    "stroke-width": 2.5,
                    "stroke-dasharray": dash or None,
                    "stroke-linejoin": "round",
                },
            )
        ]
        for i, v in enumerate(points):
            if v is None:
                continue
            lone = (i == 0 or points[i - 1] is None) and (i == count - 1 or points[i + 1] is None)
            if show_markers or lone:
                group.append(_marker(shape, x_of(i), y_of(v), colour))
        parts.append(el("g", {"class": "ovr-chart-series", "data-series": name}, group))

    parts.append(
        _category_labels(
            [label if i % step == 0 else "" for i, label in enumerate(x_labels)],
            [x_of(i) for i in range(count)],
            top + plot_height,
            rotate=False,
            step=step,
        )
    )
    parts.append(legend_markup)

    headers = [x_label or _("Period")]
    for name in names:
        headers.append(name)
        if name in bands:
            headers += [
                _("%(series)s, lower bound") % {"series": name},
                _("%(series)s, upper bound") % {"series": name},
            ]

    def cell(v):
        return Cell("", None) if v is None else Cell(format_number(v, decimals), v)

    rows = []
    for i, label in enumerate(x_labels):
        row: list = [label]
        for name in names:
            row.append(cell(clean[name][i]))
            if name in bands:
                row += [cell(bands[name][0][i]), cell(bands[name][1][i])]
        rows.append(tuple(row))
    chart_id = chart_id or chart_id_for("line", title, x_labels, clean, bands, divider)
    return Chart(
        svg_document(chart_id, title, width, height, parts),
        title,
        DataTable(tuple(headers), tuple(rows)),
    )


def _style(index: int) -> tuple[str, str, str]:
    return (
        SERIES_COLOURS[index % len(SERIES_COLOURS)],
        DASHES[index % len(DASHES)],
        MARKERS[index % len(MARKERS)],
    )


def _runs(present: Sequence[bool]) -> list[list[int]]:
    """Index runs where ``present`` is true."""
    runs, current = [], []
    for i, ok in enumerate(present):
        if ok:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _polyline_d(points: Sequence[tuple[float, float]]) -> str:
    return "M" + " ".join(f"{num(x)} {num(y)}" for x, y in points)


def _marker(shape: str, x: float, y: float, colour: str) -> SafeString:
    common = {"fill": colour, "stroke": "#ffffff", "stroke-width": 1}
    r = 4.0
    if shape == "circle":
        return el("circle", {"cx": x, "cy": y, "r": r, **common})
    if shape == "square":
        return el("rect", {"x": x - r, "y": y - r, "width": 2 * r, "height": 2 * r, **common})
    if shape == "triangle":
        points = [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)]
    elif shape == "diamond":
        points = [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
    else:  # cross
        return el(
            "path",
            {
                "d": f"M{num(x - r)} {num(y - r)}L{num(x + r)} {num(y + r)}"
                f"M{num(x - r)} {num(y + r)}L{num(x + r)} {num(y - r)}",
                "stroke": colour,
                "stroke-width": 2.5,
                "fill": "none",
            },
        )
    return el("path", {"d": _polyline_d(points) + "Z", **common})


# ---- Heat map ---------------------------------------------------------------------------------


def heatmap(
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    values: Sequence[Sequence[float | int | None]],
    *,
    title: str,
    value_label: str | None = None,
    row_header: str | None = None,
    col_header: str | None = None,
    marker: str | None = None,
    decimals: int | None = None,
    chart_id: str | None = None,
) -> Chart:
    """A grid of coloured cells, e.g. weekday (rows) by hour (columns), 7 x 24.

    Non-negative values fall into up to five round classes from light to dark blue; zero is
    light grey; None (suppressed) is mid grey with ``marker`` in the table. The value is
    printed in each non-zero cell when it fits.

    The table runs the longer dimension down its rows (24 hours by 7 days, not 7 by 24), so
    that it fits a page; ``row_header`` and ``col_header`` name the two dimensions.
    """
    row_labels = [str(label) for label in row_labels]
    col_labels = [str(label) for label in col_labels]
    grid = [[plain_value(v) for v in row] for row in values]
    if len(grid) != len(row_labels) or any(len(row) != len(col_labels) for row in grid):
        raise ValueError(f"values must be {len(row_labels)} rows of {len(col_labels)} columns")
    marker = default_marker() if marker is None else marker
    numbers = [v for row in grid for v in row if v is not None]
    if any(v < 0 for v in numbers):
        raise ValueError("a heat map shows non-negative values only")
    if decimals is None:
        decimals = decimals_for(numbers)
    integer = decimals == 0
    maximum = max(numbers, default=0)
    breaks = class_breaks(maximum, integer=integer) if maximum > 0 else ()
    colours = class_colours(len(breaks))
    value_label = value_label or pgettext("a count", "Number")

    width = WIDTH
    left = max((text_width(label) for label in row_labels), default=0) + 10
    right = 4.0
    cell_width = (width - left - right) / max(len(col_labels), 1)
    cell_height = min(max(cell_width, 16.0), 28.0)
    top = 24.0
    widest_col = max((text_width(label, SMALL_FONT_SIZE) for label in col_labels), default=0)
    step = max(1, math.ceil((widest_col + 4) / cell_width))
    texts = [[None if v is None else format_number(v, decimals) for v in row] for row in grid]
    longest_text = max((text_width(t, 10) for row in texts for t in row if t), default=0)
    print_values = longest_text <= cell_width - 3

    parts = []
    for j, label in enumerate(col_labels):
        if j % step:
            continue
        parts.append(
            el(
                "text",
                {
                    "x": left + cell_width * (j + 0.5),
                    "y": top - 8,
                    "text-anchor": "middle",
                    "font-size": SMALL_FONT_SIZE,
                    "fill": MUTED,
                },
                label,
            )
        )
    cells = []
    for i, (row_label, row, row_texts) in enumerate(zip(row_labels, grid, texts, strict=True)):
        y = top + i * cell_height
        parts.append(
            el(
                "text",
                {"x": left - 8, "y": y + cell_height / 2 + 4, "text-anchor": "end"},
                row_label,
            )
        )
        for j, (value, text) in enumerate(zip(row, row_texts, strict=True)):
            x = left + j * cell_width
            if value is None:
                fill = SUPPRESSED_FILL
            elif value == 0:
                fill = ZERO_FILL
            else:
                fill = colours[class_index(value, breaks)]
            tooltip = f"{row_label}, {col_labels[j]}: {marker if value is None else text}"
            cells.append(
                el(
                    "rect",
                    {
                        "class": "ovr-chart-cell"
                        + (" ovr-chart-cell--suppressed" if value is None else ""),
                        "x": x,
                        "y": y,
                        "width": cell_width,
                        "height": cell_height,
                        "fill": fill,
                        "stroke": "#ffffff",
                        "stroke-width": 1,
                    },
                    [el("title", None, tooltip)],
                )
            )
            if print_values and value:
                cells.append(
                    el(
                        "text",
                        {
                            "x": x + cell_width / 2,
                            "y": y + cell_height / 2 + 3.5,
                            "text-anchor": "middle",
                            "font-size": 10,
                            "fill": text_colour_on(fill),
                            "aria-hidden": "true",
                        },
                        text,
                    )
                )
    parts.append(el("g", {"class": "ovr-chart-cells"}, cells))

    items = [LegendItem("0", swatch_rect(ZERO_FILL))]
    items += [
        LegendItem(label, swatch_rect(colour))
        for label, colour in zip(
            class_labels(breaks, integer=integer, decimals=decimals), colours, strict=True
        )
    ]
    if any(v is None for row in grid for v in row):
        items.append(
            LegendItem(
                _("suppressed (%(marker)s)") % {"marker": marker}, swatch_rect(SUPPRESSED_FILL)
            )
        )
    legend_top = top + len(row_labels) * cell_height + 12
    legend_markup, legend_height = legend(items, left, legend_top, width - left, value_label)
    parts.append(legend_markup)
    height = legend_top + legend_height + 4

    table_cells = [
        [
            Cell(marker, None, True) if v is None else Cell(t, v)
            for v, t in zip(row, row_texts, strict=True)
        ]
        for row, row_texts in zip(grid, texts, strict=True)
    ]
    if len(col_labels) > len(row_labels):
        headers = (col_header or "", *row_labels)
        rows = tuple(
            (label, *(table_cells[i][j] for i in range(len(row_labels))))
            for j, label in enumerate(col_labels)
        )
    else:
        headers = (row_header or "", *col_labels)
        rows = tuple(
            (label, *cells_of_row)
            for label, cells_of_row in zip(row_labels, table_cells, strict=True)
        )
    chart_id = chart_id or chart_id_for("heatmap", title, row_labels, col_labels, grid)
    return Chart(
        svg_document(chart_id, title, width, height, parts),
        title,
        DataTable(headers, rows),
    )
