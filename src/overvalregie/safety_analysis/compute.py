"""The figures of a local safety analysis: the step-3 questions, answered from the register.

:func:`compute` reads the robberies of a municipality (and, for comparison and pooling, of its
police unit) and runs the analysis engine over them. It returns plain JSON-ready data, one
entry per section, each naming its ``sources`` and its ``limits``; the page, the PDF and the
command line all render this one result.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import numpy as np
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie.analysis import hotspots, near_repeat, rates, repeats, time_patterns
from overvalregie.analysis.grid import bin_counts, grid_for
from overvalregie.geography.spatial import to_rd
from overvalregie.incidents.choices import TargetType, Weapon
from overvalregie.incidents.models import (
    AreaLevel,
    CrimeMeasure,
    OpenDataOffence,
    PeriodKind,
    RegisteredCrimeFigure,
    Robbery,
)
from overvalregie.incidents.opendata.queries import counts_for
from overvalregie.safety_analysis.scope import MUNICIPALITY, Scope

#: Below this many robberies a figure is called a small number in the limits.
SMALL = 30
#: Fewer robberies than this in the municipality: the near-repeat test pools the police unit.
NEAR_REPEAT_MINIMUM = 60
CELL_SIZE = hotspots.DEFAULT_CELL_SIZE
KDE_BANDWIDTH = 250.0
PERMUTATIONS = 199
SEED = 20240101

Progress = Callable[[float], None]


def _source_register() -> str:
    return _("Robbery register of Overvalregie (police and own imports)")


def _robberies(where: Q, start: dt.date, end: dt.date):
    return Robbery.objects.robberies().filter(where, date__gte=start, date__lte=end)


def _years(start: dt.date, end: dt.date) -> float:
    return ((end - start).days + 1) / 365.25


def _columns(robberies) -> dict[str, np.ndarray]:
    rows = list(
        robberies.values_list(
            "date", "time", "rd_x", "rd_y", "target_type", "weapon", "injured",
            "business_id", "address", "municipality_id", "neighbourhood_id", "attempt",
        )
    )  # fmt: skip
    # A target is the registered business, or else the address (homes have none exported,
    # but the register may hold one).
    keys = [
        f"b:{row[7]}" if row[7] else (f"a:{row[8].strip().lower()}" if row[8] else None)
        for row in rows
    ]
    return {
        "date": np.array([row[0] for row in rows], dtype="datetime64[D]"),
        "minute": np.array(
            [row[1].hour * 60 + row[1].minute if row[1] else -1 for row in rows], dtype=np.int64
        ),
        "x": np.array([row[2] for row in rows], dtype=float),
        "y": np.array([row[3] for row in rows], dtype=float),
        "target_type": np.array([row[4] for row in rows], dtype=object),
        "high_impact": np.array(
            [row[5] == Weapon.FIREARM or row[6] > 0 for row in rows], dtype=bool
        ),
        "key": keys,
        "municipality": np.array([row[9] for row in rows], dtype=np.int64),
        "attempt": np.array([row[11] for row in rows], dtype=bool),
    }


def _finite(value) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), 6)


def _counts_section(c, start, end, today) -> dict:
    years = list(range(start.year, end.year + 1))
    event_years = c["date"].astype("datetime64[Y]").astype(int) + 1970
    per_year = [int((event_years == year).sum()) for year in years]
    last_data = str(c["date"].max()) if len(c["date"]) else None
    incomplete = end >= today.replace(day=1)
    limits = []
    if len(c["date"]) < SMALL:
        limits.append(_("Few robberies: read shares and patterns with care."))
    if incomplete:
        limits.append(_("The last month of the period is not complete yet."))
    return {
        "total": int(len(c["date"])),
        "attempts": int(c["attempt"].sum()),
        "years": years,
        "per_year": per_year,
        "last_date": last_data,
        "incomplete_last_month": incomplete,
        "sources": [_source_register()],
        "limits": limits,
    }


def _rates_section(scope: Scope, c, start, end) -> dict:
    years = _years(start, end)
    population = scope.population
    local = len(c["date"]) / years / population * 1000 if population else None
    region = None
    region_rate = None
    if scope.reference_where is not None and scope.reference_population:
        region_count = _robberies(scope.reference_where, start, end).count()
        region_rate = region_count / years / scope.reference_population * 1000
        region = {
            "name": scope.reference_name,
            "count": region_count,
            "population": scope.reference_population,
            "rate_per_1000_per_year": _finite(region_rate),
        }
    interval = rates.poisson_interval(len(c["date"]))
    country = _country_rate(start, end)
    sources = [_source_register(), _("Population: CBS, as loaded with the boundaries")]
    if country:
        sources.append(
            _("Country: CBS/police open data, table %(table)s") % {"table": country["table"]}
        )
    limits = []
    if not population:
        limits.append(_("No population is known for this area: no rate."))
    if country is None:
        limits.append(
            _("No national open-data figures are loaded: no comparison with the country.")
        )
    return {
        "population": population,
        "rate_per_1000_per_year": _finite(local),
        "low": _finite(interval[0] / years / population * 1000) if population else None,
        "high": _finite(interval[1] / years / population * 1000) if population else None,
        "region": region,
        "ratio_to_region": _finite(local / region_rate)
        if local is not None and region_rate
        else None,
        "country": country,
        "sources": sources,
        "limits": limits,
    }


def _country_rate(start, end) -> dict | None:
    """The national rate per 1,000 per year from the open data, for the years of the period."""
    country = (
        RegisteredCrimeFigure.objects.filter(area_level=AreaLevel.COUNTRY)
        .values_list("area_code", flat=True)
        .first()
    )
    if country is None:
        return None
    figures = [
        f
        for f in counts_for(
            country, OpenDataOffence.ROBBERY, PeriodKind.YEAR, CrimeMeasure.RATE_PER_1000
        )
        if start.year <= f.period_start.year <= end.year and f.value is not None
    ]
    if not figures:
        return None
    return {
        "rate_per_1000_per_year": _finite(sum(f.value for f in figures) / len(figures)),
        "years": [f.period_start.year for f in figures],
        "table": figures[0].table,
    }


def _trend_section(counts: dict, start: dt.date, end: dt.date) -> dict:
    """The trend over the whole calendar years of the period: a part year would count as a
    quiet year."""
    whole = [
        (year, n)
        for year, n in zip(counts["years"], counts["per_year"], strict=True)
        if start <= dt.date(year, 1, 1) and dt.date(year, 12, 31) <= end
    ]
    years, per_year = [year for year, _n in whole], [n for _year, n in whole]
    trend = rates.log_linear_trend(per_year, periods=years)
    ok = trend.status == "ok"
    limits = [] if ok else [_("Too few whole years with robberies for a trend.")]
    if ok and len(whole) < len(counts["years"]):
        limits.append(_("The trend counts whole calendar years only."))
    return {
        "years": years,
        "counts": per_year,
        "status": str(trend.status),
        "percent_per_year": _finite(trend.pct_change) if ok else None,
        "low_percent": _finite(trend.low_overdispersed) if ok else None,
        "high_percent": _finite(trend.high_overdispersed) if ok else None,
        "sources": [_source_register()],
        "limits": limits,
    }


def _targets_section(c) -> dict:
    labels = dict(TargetType.choices)
    counts = {value: int((c["target_type"] == value).sum()) for value in labels}
    return {
        "rows": [
            {"target_type": value, "label": str(labels[value]), "count": count}
            for value, count in sorted(counts.items(), key=lambda item: -item[1])
        ],
        "sources": [_source_register()],
        "limits": [],
    }


def _hotspot_section(scope: Scope, c) -> dict:
    min_lon, min_lat, max_lon, max_lat = scope.bbox
    corners_x, corners_y = to_rd(np.array([min_lon, max_lon]), np.array([min_lat, max_lat]))
    xs = np.concatenate([corners_x, c["x"]])
    ys = np.concatenate([corners_y, c["y"]])
    grid = grid_for(xs, ys, CELL_SIZE)
    counts = bin_counts(grid, c["x"], c["y"]) if len(c["x"]) else np.zeros(grid.shape, int)
    section = {
        "origin": [grid.x0, grid.y0],
        "cell_size": grid.cell_size,
        "shape": list(grid.shape),
        "hot_cells": 0,
        "sources": [_source_register()],
        "limits": [],
    }
    if len(c["x"]) < 2:
        section["limits"].append(_("Too few robberies for hot spots."))
        return section
    density = hotspots.kernel_density(c["x"], c["y"], grid, bandwidth=KDE_BANDWIDTH).density
    gi = hotspots.getis_ord_gi_star(counts, permutations=PERMUTATIONS, seed=SEED)
    hot = (gi.classes >= 2) & (gi.p <= 0.05) & (counts >= 2)
    section.update(
        density=np.round(density * 1e6, 4).tolist(),  # per km²
        gi_classes=gi.classes.astype(int).tolist(),
        hot_cells=int(hot.sum()),
        hot=[[int(r), int(k)] for r, k in zip(*np.nonzero(hot), strict=True)],
    )
    section["limits"].append(
        _(
            "Hot spots: Gi* at 95 %% with %(permutations)d permutations, cells with two or "
            "more robberies."
        )
        % {"permutations": PERMUTATIONS}
    )
    return section


def _when_section(c, start, end) -> dict:
    if not len(c["date"]):
        return {
            "dark_share": None,
            "hour_weekday": [],
            "per_hour": [],
            "peak_hour": None,
            "evening_share": None,
            "sources": [_source_register()],
            "limits": [_("No robberies in the period: no time pattern.")],
        }
    dark = time_patterns.dark_month_share(
        c["date"], start=np.datetime64(start), end=np.datetime64(end)
    )
    hours = np.where(c["minute"] >= 0, c["minute"] // 60, -1)
    matrix = time_patterns.hour_weekday_matrix(c["date"], hours)
    evening = time_patterns.evening_share(hours)
    limits = []
    if matrix.unknown_hour:
        limits.append(_("Robberies without a known time are left out of the hours."))
    return {
        "dark_share": _finite(dark.share),
        "dark_low": _finite(dark.low),
        "dark_high": _finite(dark.high),
        "dark_expected": _finite(dark.expected_share),
        "dark_p": _finite(dark.p_value),
        "hour_weekday": matrix.counts.tolist(),
        "per_hour": matrix.per_hour.tolist(),
        "peak_hour": matrix.peak_hour,
        "unknown_hour": matrix.unknown_hour,
        "evening_share": _finite(evening.share),
        "sources": [_source_register()],
        "limits": limits,
    }


def _repeats_section(c) -> dict:
    result = repeats.repeat_victimisation(c["key"], c["date"])
    return {
        "targets": result.targets,
        "repeat_targets": result.repeat_targets,
        "events_at_repeat_targets": result.events_at_repeat_targets,
        "share_at_repeat_targets": _finite(result.share_at_repeat_targets),
        "median_days_to_repeat": result.median_days_to_repeat,
        "unknown_target": result.n_events - result.n_with_target,
        "sources": [_source_register()],
        "limits": [_("A target is a registered business, or else the same address.")],
    }


def _near_repeat_section(scope: Scope, c, start, end) -> dict:
    pooled = len(c["date"]) < NEAR_REPEAT_MINIMUM and scope.pool is not None
    if pooled:
        data = _columns(_robberies(scope.pool, start, end))
        # A municipality pools its police unit's municipalities, each a stratum of its own; a
        # district pools its whole municipality.
        groups = data["municipality"] if scope.level == MUNICIPALITY else None
    else:
        data, groups = c, None
    section = {
        "pooled": pooled,
        "n_events": int(len(data["date"])),
        "sources": [_source_register()],
    }
    limits = []
    if pooled:
        limits.append(
            (
                _(
                    "Fewer than %(minimum)d robberies here: the test pools the municipalities "
                    "of the police unit (pairs and shuffles within each)."
                )
                if groups is not None
                else _(
                    "Fewer than %(minimum)d robberies in the district: the test uses the "
                    "whole municipality."
                )
            )
            % {"minimum": NEAR_REPEAT_MINIMUM}
        )
    if len(data["date"]) < 2:
        return {**section, "limits": [*limits, _("Too few robberies for the near-repeat test.")]}
    result = near_repeat.knox(
        data["x"], data["y"], data["date"], spatial_bandwidth=200, spatial_bands=3,
        temporal_bandwidth=7, temporal_bands=2, permutations=PERMUTATIONS, seed=SEED,
        groups=groups,
    )  # fmt: skip
    limits.append(
        _("p-values from %(permutations)d permutations: the smallest possible is %(p).3f.")
        % {"permutations": PERMUTATIONS, "p": result.p_resolution}
    )
    return {
        **section,
        "distance_bands": [band.label for band in result.distance_bands],
        "time_bands": [band.label for band in result.time_bands],
        "observed": result.observed.tolist(),
        "knox_ratio": [[_finite(v) for v in row] for row in result.knox_ratio],
        "p_value": result.p_value.tolist(),
        "limits": limits,
    }


def _high_impact_section(c, end) -> dict:
    dates = c["date"][c["high_impact"]]
    days = int((np.datetime64(end) - dates.max()).astype(int)) if len(dates) else None
    return {
        "count": int(len(dates)),
        "days_since_last": days,
        "sources": [_source_register()],
        "limits": [_("High impact: a firearm was used or someone was injured.")],
    }


def compute(
    scope: Scope,
    start: dt.date,
    end: dt.date,
    progress: Progress | None = None,
) -> dict:
    """Every section of the analysis of ``scope`` from ``start`` to ``end`` (inclusive)."""
    if end < start:
        raise ValueError("the period ends before it starts")
    report = progress or (lambda share: None)
    c = _columns(_robberies(scope.where, start, end))
    today = timezone.localdate()
    counts = _counts_section(c, start, end, today)
    report(0.1)
    figures = {
        "area": {"level": scope.level, "code": scope.code, "name": scope.name},
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "counts": counts,
        "rates": _rates_section(scope, c, start, end),
        "trend": _trend_section(counts, start, end),
        "targets": _targets_section(c),
        "areas": _area_counts(scope, start, end),
    }
    report(0.3)
    figures["hotspots"] = _hotspot_section(scope, c)
    report(0.6)
    figures["when"] = _when_section(c, start, end)
    figures["repeats"] = _repeats_section(c)
    figures["near_repeat"] = _near_repeat_section(scope, c, start, end)
    report(0.9)
    figures["high_impact"] = _high_impact_section(c, end)
    figures["offenders"] = {
        "available": False,
        "sources": [],
        "limits": [_("No offender cases are registered yet: this section stays empty.")],
    }
    figures["measures"] = {
        "available": False,
        "sources": [],
        "limits": [_("No measures are registered yet: this section stays empty.")],
    }
    report(1.0)
    return figures


def _area_counts(scope: Scope, start, end) -> dict:
    """Robberies per area of the map: neighbourhoods, or municipalities for a police unit."""
    key = "municipality_id" if scope.map_level == "municipality" else "neighbourhood_id"
    counts = dict(
        _robberies(scope.where, start, end)
        .values_list(key)
        .annotate(n=Count("id"))
        .values_list(key, "n")
    )
    areas = scope.map_areas.only("pk", "code", "name")
    return {
        "level": scope.map_level,
        "rows": [
            {"code": area.code, "name": area.name, "count": counts.get(area.pk, 0)}
            for area in areas
        ],
        "sources": [_source_register()],
        "limits": [],
    }
