"""SVG charts: accessible, proportional, escaped, aware of suppression, their data in a table."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from overvalregie.web.charts import (
    BLUE,
    SERIES_COLOURS,
    VERMILLION,
    Cell,
    bar_chart,
    heatmap,
    line_chart,
    luminance,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))  # noqa: S314 - our own output, under test


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# ---- every chart -----------------------------------------------------------------------------


def charts():
    return [
        bar_chart(["a", "b"], [1, 2], title="Bars", value_label="Robberies"),
        line_chart(["2024", "2025"], {"Town": [1.5, 2.0]}, title="Lines", y_label="Rate"),
        heatmap(["Mon"], ["0", "1"], [[0, 3]], title="Heat"),
    ]


@pytest.mark.parametrize("chart", charts(), ids=lambda c: c.title)
def test_every_chart_is_an_image_named_by_its_title(chart):
    root = parse(chart)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == chart.title
    assert root.get("aria-labelledby") == title.get("id")
    # Scales with its container; no script, no external font or image.
    assert root.get("viewBox").startswith("0 0 ")
    assert root.get("width") == "100%"
    markup = str(chart.svg)
    assert "<script" not in markup and "href=" not in markup and "@font-face" not in markup


def test_line_and_bar_colours_contrast_three_to_one_with_white():
    for colour in SERIES_COLOURS:
        assert contrast_with_white(colour) >= 3, colour


# ---- bar chart -------------------------------------------------------------------------------


def test_one_bar_per_shown_value_with_heights_proportional_to_the_values():
    values = [10, 20, None, 40, 0]
    chart = bar_chart(["a", "b", "c", "d", "e"], values, title="T", value_label="Robberies")
    bars = by_class(parse(chart), "ovr-chart-bar")
    assert len(bars) == 4  # no bar for the suppressed value
    heights = [float(b.get("height")) for b in bars]
    shown = [v for v in values if v is not None]
    per_unit = heights[0] / shown[0]
    for height, value in zip(heights, shown, strict=True):
        assert height == pytest.approx(value * per_unit, abs=0.15)
    assert heights[-1] == 0
    # Bars stand on one baseline.
    bottoms = {round(float(b.get("y")) + float(b.get("height")), 1) for b in bars}
    assert len(bottoms) == 1


def test_a_suppressed_value_is_drawn_as_the_marker_never_as_a_bar():
    chart = bar_chart(["2023", "2024"], [7, None], title="T", value_label="Robberies")
    root = parse(chart)
    assert [text_of(t) for t in by_class(root, "ovr-chart-suppressed")] == ["<5"]
    assert [text_of(b.find(f"{SVG}title")) for b in by_class(root, "ovr-chart-bar")] == ["2023: 7"]

    custom = bar_chart(["2023", "2024"], [None, None], title="T", value_label="R", marker="*")
    root = parse(custom)
    assert not by_class(root, "ovr-chart-bar")
    assert [text_of(t) for t in by_class(root, "ovr-chart-suppressed")] == ["*", "*"]


def test_counts_as_shown_to_a_viewer_are_accepted():
    from overvalregie.incidents.aggregates import ShownCount

    chart = bar_chart(
        ["a", "b"], [ShownCount(12, 5), ShownCount(None, 5)], title="T", value_label="R"
    )
    assert len(by_class(parse(chart), "ovr-chart-bar")) == 1
    assert chart.table.rows[1][1].suppressed


def test_every_text_is_escaped():
    label = "<script>alert(1)</script>"
    chart = bar_chart(
        [label, "b"], [1, 2], title='Robberies & "more" <b>', value_label="<i>count</i>"
    )
    markup = str(chart.svg)
    assert "<script>" not in markup and "<b>" not in markup and "<i>" not in markup
    assert "&lt;script&gt;" in markup
    root = parse(chart)  # still well-formed XML
    assert root.find(f"{SVG}title").text == 'Robberies & "more" <b>'
    assert label in [text_of(t) for t in root.iter(f"{SVG}text")]
    assert "<script>" not in str(chart.html())


def test_the_table_holds_the_same_numbers():
    chart = bar_chart(
        ["shop", "home", "bank"],
        [12, None, 3],
        title="By target",
        value_label="Robberies",
        label_header="Target",
    )
    assert chart.table.headers == ("Target", "Robberies")
    assert chart.table.rows == (
        ("shop", Cell("12", 12)),
        ("home", Cell("<5", None, suppressed=True)),
        ("bank", Cell("3", 3)),
    )
    values = [text_of(t) for t in by_class(parse(chart), "ovr-chart-value")]
    assert values == ["12", "3"]
    html = str(chart.html())
    assert '<th class="utrecht-table__header-cell" scope="row">home</th>' in html
    assert "ovr-suppressed" in html


def test_highlighted_bar_is_vermillion_and_the_others_blue():
    chart = bar_chart(["2024", "2025"], [3, 4], title="T", value_label="R", highlight="2025")
    bars = by_class(parse(chart), "ovr-chart-bar")
    assert [b.get("fill") for b in bars] == [BLUE, VERMILLION]
    assert "ovr-chart-bar--highlight" in bars[1].get("class")


def test_long_labels_are_turned_and_shortened_but_whole_in_the_table():
    labels = [f"a very long category name number {i}" for i in range(12)]
    chart = bar_chart(labels, list(range(12)), title="T", value_label="R")
    texts = [t for t in parse(chart).iter(f"{SVG}text") if "rotate" in (t.get("transform") or "")]
    assert len(texts) == 12
    assert all(text_of(t).endswith("…") for t in texts)
    assert [row[0] for row in chart.table.rows] == labels


def test_dutch_numbers_are_grouped_with_a_dot_and_decimals_with_a_comma():
    with translation.override("nl"):
        bars = bar_chart(["a", "b"], [1234, 5], title="T", value_label="Aantal")
        lines = line_chart(["2024", "2025"], {"Stad": [2.5, 1234.25]}, title="T", y_label="p")
    assert [text_of(t) for t in by_class(parse(bars), "ovr-chart-value")] == ["1.234", "5"]
    assert bars.table.rows[0][1].text == "1.234"
    assert [row[1].text for row in lines.table.rows] == ["2,5", "1.234,2"]
    axis_texts = [text_of(t) for t in by_class(parse(bars), "ovr-chart-axis")[0].iter(f"{SVG}text")]
    assert "1.000" in axis_texts
    # And English the other way round.
    english = bar_chart(["a"], [1234], title="T", value_label="Count")
    assert english.table.rows[0][1].text == "1,234"


# ---- line chart ------------------------------------------------------------------------------


def test_line_chart_draws_each_series_with_gaps_and_an_interval_band():
    chart = line_chart(
        ["2021", "2022", "2023", "2024"],
        {"Town": [3.0, None, 2.0, 1.0], "Region": [2, 2, 2, 2]},
        title="Trend",
        y_label="per 10,000",
        intervals={"Town": ([2.0, None, 1.5, 0.5], [4.0, None, 2.5, 1.5])},
        interval_label="95% interval",
    )
    root = parse(chart)
    lines = by_class(root, "ovr-chart-line")
    assert len(lines) == 2
    assert lines[0].get("d").count("M") == 2  # the gap splits the line
    assert lines[1].get("d").count("M") == 1
    assert lines[0].get("stroke") != lines[1].get("stroke")
    assert lines[0].get("stroke-dasharray") != lines[1].get("stroke-dasharray")
    assert len(by_class(root, "ovr-chart-band")) == 2  # one band per run
    legend = [text_of(t) for t in by_class(root, "ovr-chart-legend")[0].iter(f"{SVG}text")]
    assert legend == ["Town", "Town (95% interval)", "Region"]
    assert chart.table.headers == (
        "Period",
        "Town",
        "Town, lower bound",
        "Town, upper bound",
        "Region",
    )
    assert [c.value for c in chart.table.rows[1][1:]] == [None, None, None, 2]


def test_line_chart_rejects_series_of_the_wrong_length():
    with pytest.raises(ValueError, match="series"):
        line_chart(["a", "b"], {"x": [1]}, title="T", y_label="y")


def test_many_x_labels_are_thinned_so_they_do_not_overlap():
    months = [f"2025-{m:02d}" for m in range(1, 13)] * 5
    chart = line_chart(months, {"n": list(range(60))}, title="T", y_label="n")
    labels = by_class(parse(chart), "ovr-chart-labels")[0]
    xs = [float(t.get("x")) for t in labels.iter(f"{SVG}text")]
    assert 3 < len(xs) < 60
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) > 7 * 0.68 * 12


# ---- heat map --------------------------------------------------------------------------------


def test_heatmap_draws_a_cell_per_value_darker_for_more():
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    hours = [str(h) for h in range(24)]
    values = [[(d * 24 + h) % 9 for h in range(24)] for d in range(7)]
    values[2][5] = None
    chart = heatmap(days, hours, values, title="When", value_label="Robberies", row_header="Day")
    root = parse(chart)
    cells = by_class(root, "ovr-chart-cell")
    assert len(cells) == 7 * 24
    assert len(by_class(root, "ovr-chart-cell--suppressed")) == 1
    by_value = {}
    for index, cell in enumerate(cells):
        value = values[index // 24][index % 24]
        if value:
            by_value.setdefault(value, set()).add(cell.get("fill"))
    assert all(len(fills) == 1 for fills in by_value.values())
    ordered = [luminance(next(iter(by_value[v]))) for v in sorted(by_value)]
    assert ordered == sorted(ordered, reverse=True)
    # The table runs the 24 hours down the rows.
    assert chart.table.headers == ("", *days)
    assert len(chart.table.rows) == 24
    assert chart.table.rows[5][3].suppressed
    assert chart.table.rows[5][3].text == "<5"


def test_heatmap_rejects_a_grid_of_the_wrong_shape():
    with pytest.raises(ValueError):
        heatmap(["a", "b"], ["x"], [[1]], title="T")


def test_coordinates_have_at_most_one_decimal():
    chart = bar_chart(
        [str(i) for i in range(7)], [1, 2, 3, 5, 7, 11, 13], title="T", value_label="R"
    )
    assert not re.search(r"\d\.\d\d", str(chart.svg))


def test_a_heatmap_of_only_zeros_draws_without_classes():
    from overvalregie.web.charts import heatmap

    chart = heatmap(["Mon", "Tue"], ["00", "01"], [[0, 0], [0, 0]], title="Empty")

    assert "<svg" in str(chart.svg) and len(chart.table.rows) >= 2
