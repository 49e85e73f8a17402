"""An independent, brute-force count of a goal's values: every robbery read into Python and
checked by hand against what the goal counts. The tests compare ``metrics`` with this."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from overvalregie.incidents.choices import IncidentKind
from overvalregie.incidents.models import Robbery

#: The months a period can start in.
STARTS = {"quarter": (1, 4, 7, 10), "half_year": (1, 7), "year": (1,)}


def containing(day: dt.date, period: str) -> dt.date:
    """The start of the period holding ``day``: the latest start on or before it."""
    return max(dt.date(day.year, month, 1) for month in STARTS[period] if month <= day.month)


def following(start: dt.date, period: str) -> dt.date:
    later = [m for m in STARTS[period] if m > start.month]
    return dt.date(start.year, later[0], 1) if later else dt.date(start.year + 1, 1, 1)


def counted(goal) -> list[Robbery]:
    municipality = goal.approach.municipality
    rows = []
    for robbery in Robbery.objects.select_related("municipality"):
        if robbery.kind != IncidentKind.ROBBERY:
            continue
        if goal.area == "district":
            if robbery.district_id != goal.district_id:
                continue
        elif goal.area == "police_unit":
            if robbery.municipality.police_unit_id != municipality.police_unit_id:
                continue
        elif robbery.municipality_id != municipality.pk:
            continue
        if goal.target_types and robbery.target_type not in goal.target_types:
            continue
        if robbery.attempt and not goal.include_attempts:
            continue
        rows.append(robbery)
    return rows


def value(metric: str, rows: list[Robbery]):
    if metric == "solved_percent":
        return round(100 * sum(r.solved for r in rows) / len(rows), 1) if rows else None
    if metric == "repeat_targets":
        per_business = Counter(r.business_id for r in rows if r.business_id is not None)
        return float(sum(1 for n in per_business.values() if n > 1))
    return float(len(rows))


def series(goal, today: dt.date) -> list[tuple[dt.date, float | None, bool]]:
    """(period start, value, complete) from the baseline period to the one holding today."""
    rows = counted(goal)
    start = containing(goal.baseline_start, goal.period)
    last = containing(max(today, start), goal.period)
    result = []
    while start <= last:
        end = following(start, goal.period)
        inside = [r for r in rows if start <= r.date < end]
        result.append((start, value(goal.metric, inside), end - dt.timedelta(days=1) < today))
        start = end
    return result
