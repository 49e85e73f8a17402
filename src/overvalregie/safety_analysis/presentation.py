"""What a reader sees of an analysis: the stored figures, with small counts suppressed for
readers outside the owning organisation, and the offender section for those who may see it."""

from __future__ import annotations

import numpy as np
from django.utils.translation import gettext as _

from overvalregie.incidents.aggregates import ShownCount, shown
from overvalregie.organisations.policy import suppress_small_counts
from overvalregie.organisations.querysets import scope_municipalities
from overvalregie.safety_analysis import criteria as rules
from overvalregie.safety_analysis.models import SafetyAnalysis

#: Cells below this share of the highest density are left blank on the density map.
DENSITY_FLOOR = 0.05


def _weekdays() -> list[str]:
    return [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]


def view_of(analysis: SafetyAnalysis, user, suppress: bool | None = None) -> dict:
    """The template context of an analysis for ``user`` (``suppress`` overrides the role)."""
    suppress = suppress_small_counts(user) if suppress is None else suppress
    figures = analysis.figures or {}

    def count(value):
        return shown(int(value), suppress)

    def table(values, hide=None):
        """Counts of one table: a single hidden cell is hidden with the next smallest one too,
        so that the total does not give it back. ``hide``: cells hidden whatever their count."""
        return complementary(values, suppress, hide)

    criteria = (
        rules.evaluate(figures, rules.Thresholds(**analysis.thresholds))[0]
        if analysis.thresholds
        else []
    )
    counts = figures.get("counts", {})
    when = figures.get("when", {})
    near = figures.get("near_repeat", {})
    area_rows = figures.get("areas", {}).get("rows", [])
    targets = [row for row in figures.get("targets", {}).get("rows", []) if row["count"]]
    # Another municipality's figures are shown to anyone as to a partner (a police unit's map).
    foreign = None
    if figures.get("areas", {}).get("level") == "municipality" and not suppress:
        own = set(scope_municipalities(user).values_list("code", flat=True))
        foreign = [row["code"] not in own for row in area_rows]
    total = count(counts.get("total", 0))
    # Too few robberies for a partner: no rates, shares or patterns that give the count back.
    too_few = total.suppressed
    context = {
        "analysis": analysis,
        "figures": figures,
        "suppress": suppress,
        "show_offenders": not suppress,
        "recommendation_label": rules.RECOMMENDATIONS.get(analysis.recommendation, ""),
        # Evaluated again from the stored figures and thresholds: the same outcome as stored,
        # in the reader's language.
        "criteria": criteria,
        "criteria_met": sum(criterion.met for criterion in criteria),
        # A partner sees whether each criterion is met, not the figure behind it.
        "show_criterion_values": not suppress,
        "too_few": too_few,
        "total": total,
        "per_year": list(
            zip(counts.get("years", []), table(counts.get("per_year", [])), strict=False)
        ),
        "targets": list(
            zip(
                [row["label"] for row in targets], table([r["count"] for r in targets]), strict=True
            )
        ),
        "areas": list(
            zip(_labels(area_rows), table([r["count"] for r in area_rows], foreign), strict=True)
        ),
        "hour_weekday": []
        if too_few
        else [
            (day, [count(n) for n in row])
            for day, row in zip(_weekdays(), when.get("hour_weekday", []), strict=False)
        ],
        "knox_rows": [
            (band, [(count(n), ratio, p) for n, ratio, p in zip(obs, ratios, ps, strict=False)])
            for band, obs, ratios, ps in zip(
                near.get("distance_bands", []),
                near.get("observed", []),
                near.get("knox_ratio", []),
                near.get("p_value", []),
                strict=False,
            )
        ],
        "repeat_targets": count(figures.get("repeats", {}).get("repeat_targets", 0)),
        "high_impact": count(figures.get("high_impact", {}).get("count", 0)),
    }
    context["charts"] = _charts(context) if figures else {}
    if figures and not suppress:
        # Partners get counts per area only: a 125 m cell or a density blob points at a shop.
        scope = analysis.scope
        areas = _labelled(scope.map_areas.values_list("name", "code", "geometry"))
        if areas or figures.get("hotspots", {}).get("gi_classes"):
            context["charts"]["map"] = _map(scope, areas, context)
        density = _density_map(areas, context)
        if density is not None:
            context["charts"]["density"] = density
    return context


def complementary(values, suppress: bool, hide=None) -> list:
    """``values`` as shown counts, with complementary suppression: when exactly one non-zero
    cell is hidden, the smallest other non-zero cell is hidden too."""
    hide = hide or [False] * len(values)
    threshold = shown(0, False).threshold
    hidden = [(suppress or forced) and 0 < n < threshold
              for n, forced in zip(values, hide, strict=True)]  # fmt: skip
    if sum(hidden) == 1:
        others = [(n, i) for i, n in enumerate(values) if n > 0 and not hidden[i]]
        if others:
            hidden[min(others)[1]] = True
    return [ShownCount(None, threshold) if h else ShownCount(int(n), threshold)
            for n, h in zip(values, hidden, strict=True)]  # fmt: skip


def _labels(rows) -> list[str]:
    """A label per area: its name, with its code where two areas share a name."""
    names = [row["name"] for row in rows]
    return [
        row["name"] if names.count(row["name"]) == 1 else f"{row['name']} ({row['code']})"
        for row in rows
    ]


def _labelled(areas) -> list[tuple[str, dict]]:
    rows = [{"name": name, "code": code, "geometry": geometry} for name, code, geometry in areas]
    return list(zip(_labels(rows), (row["geometry"] for row in rows), strict=True))


def _density_map(areas: list, context: dict):
    """Where robberies concentrate: the kernel density (250 m) over the areas' outlines."""
    from overvalregie.web.svgmap import area_map

    hotspots = context["figures"].get("hotspots", {})
    if not hotspots.get("density"):
        return None
    density = np.asarray(hotspots["density"], dtype=float)
    # The faint edge of every kernel would make the map heavy and say nothing: leave it out.
    density[density < DENSITY_FLOOR * density.max()] = 0
    return area_map(
        areas,
        title=_("Density of robberies (kernel density, 250 m)"),
        cells={
            "origin": hotspots["origin"],
            "cell_size": hotspots["cell_size"],
            "values": density,
            "kind": "density",
            "label": _("Robberies per km²"),
        },
        area_label=_("Area"),
        chart_id="analysis-density",
    )


def _map(scope, areas: list, context: dict):
    """Neighbourhoods coloured by their robberies, with the Gi* hot and cold spots on top."""
    from overvalregie.web.svgmap import area_map

    hotspots = context["figures"].get("hotspots", {})
    cells = None
    if hotspots.get("gi_classes"):
        cells = {
            "origin": hotspots["origin"],
            "cell_size": hotspots["cell_size"],
            "values": hotspots["gi_classes"],
            "kind": "classes",
            "label": _("Hot and cold spots (Gi*)"),
        }
    return area_map(
        areas,
        title=(
            _("Robberies per municipality, with hot and cold spots of 125 m")
            if scope.map_level == "municipality"
            else _("Robberies per neighbourhood, with hot and cold spots of 125 m")
        ),
        values={name: shown_count.value for name, shown_count in context["areas"]},
        cells=cells,
        value_label=_("Robberies"),
        area_label=_("Municipality") if scope.map_level == "municipality" else _("Neighbourhood"),
        chart_id="analysis-map",
    )


def _values(counts) -> list[int | None]:
    return [shown_count.value for shown_count in counts]


def _charts(context: dict) -> dict:
    """The charts of the page and the report, from the (suppressed) counts of the context."""
    from overvalregie.web import charts

    built = {}
    if context["per_year"]:
        years = [str(year) for year, _n in context["per_year"]]
        built["per_year"] = charts.bar_chart(
            years,
            _values(n for _year, n in context["per_year"]),
            title=_("Robberies per year"),
            value_label=_("Robberies"),
            label_header=_("Year"),
        )
    if context["targets"]:
        built["targets"] = charts.bar_chart(
            [label for label, _n in context["targets"]],
            _values(n for _label, n in context["targets"]),
            title=_("Robberies per target"),
            value_label=_("Robberies"),
            label_header=_("Target"),
        )
    if context["hour_weekday"]:
        built["hours"] = charts.heatmap(
            [day for day, _row in context["hour_weekday"]],
            [f"{hour:02d}" for hour in range(24)],
            [_values(row) for _day, row in context["hour_weekday"]],
            title=_("Robberies by weekday and hour"),
            value_label=_("Robberies"),
            row_header=_("Day"),
            col_header=_("Hour"),
        )
    return built
