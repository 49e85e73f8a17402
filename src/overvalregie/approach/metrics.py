"""The values of a SMART goal, always computed from the robbery register, never typed in.

A goal measures robberies (or their solved share, or businesses robbed more than once) in an
area, per calendar quarter, half year or year. Its baseline is the value of its baseline
period; its current value is that of the latest period that has ended; the period still
running is shown as *so far*. One query per goal.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from overvalregie.approach.models import Goal, MetricArea, MetricKind, MetricPeriod
from overvalregie.incidents.models import Robbery

MONTHS = {MetricPeriod.QUARTER: 3, MetricPeriod.HALF_YEAR: 6, MetricPeriod.YEAR: 12}


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the calendar period (quarter, half year, year) holding ``day``."""
    months = MONTHS[MetricPeriod(period)]
    return dt.date(day.year, (day.month - 1) // months * months + 1, 1)


def next_start(start: dt.date, period: str) -> dt.date:
    month = start.month - 1 + MONTHS[MetricPeriod(period)]
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def period_label(start: dt.date, period: str) -> str:
    """``2026 Q3``, ``2026 H2`` or ``2026``: the same in every language."""
    if period == MetricPeriod.QUARTER:
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    if period == MetricPeriod.HALF_YEAR:
        return f"{start.year} H{(start.month - 1) // 6 + 1}"
    return str(start.year)


def area_filter(goal: Goal) -> Q:
    municipality = goal.approach.municipality
    if goal.area == MetricArea.DISTRICT and goal.district_id:
        return Q(district_id=goal.district_id)
    if goal.area == MetricArea.POLICE_UNIT:
        # A regional approach names its police unit; otherwise the municipality's own.
        unit = goal.approach.police_unit_id or municipality.police_unit_id
        if unit:
            return Q(municipality__police_unit_id=unit)
    return Q(municipality_id=municipality.pk)


def robberies(goal: Goal):
    """The robberies a goal counts (any date)."""
    rows = Robbery.objects.robberies().filter(area_filter(goal))
    if goal.target_types:
        rows = rows.filter(target_type__in=goal.target_types)
    if not goal.include_attempts:
        rows = rows.filter(attempt=False)
    return rows


@dataclass(frozen=True)
class PeriodValue:
    start: dt.date
    #: The last day of the period.
    end: dt.date
    label: str
    value: float | None
    #: Robberies the value is computed from (the denominator of a share).
    robberies: int
    #: False for the period still running on the day the values were computed.
    complete: bool


@dataclass(frozen=True)
class GoalValues:
    goal: Goal
    series: list[PeriodValue]
    baseline: PeriodValue
    #: The latest period that has ended (None before the baseline period has ended).
    current: PeriodValue | None
    #: The period still running, so far.
    running: PeriodValue | None

    @property
    def decreasing(self) -> bool:
        """Robberies and repeat victims are to go down; the solved share is to go up."""
        return self.goal.metric != MetricKind.SOLVED

    @property
    def achieved(self) -> bool | None:
        if self.current is None or self.current.value is None:
            return None
        if self.decreasing:
            return self.current.value <= self.goal.target
        return self.current.value >= self.goal.target

    @property
    def progress(self) -> float | None:
        """How far from baseline to target the current value has come, 0 to 1."""
        if self.current is None or self.current.value is None or self.baseline.value is None:
            return None
        span = self.goal.target - self.baseline.value
        if span == 0:
            return 1.0 if self.achieved else 0.0
        return max(0.0, min(1.0, (self.current.value - self.baseline.value) / span))

    @property
    def change(self) -> float | None:
        """Current minus baseline."""
        if self.current is None or self.current.value is None or self.baseline.value is None:
            return None
        return self.current.value - self.baseline.value

    def as_dict(self) -> dict:
        def value(period: PeriodValue | None):
            return None if period is None else period.value

        return {
            "goal": self.goal.title,
            "metric": {
                "measure": self.goal.metric,
                "period": self.goal.period,
                "area": self.goal.area,
                "district": self.goal.district.code if self.goal.district_id else None,
                "target_types": list(self.goal.target_types),
                "include_attempts": self.goal.include_attempts,
            },
            "baseline": {"period": self.baseline.label, "value": value(self.baseline)},
            "target": self.goal.target,
            "deadline": self.goal.deadline.isoformat(),
            "current": (
                None
                if self.current is None
                else {"period": self.current.label, "value": self.current.value}
            ),
            "running": (
                None
                if self.running is None
                else {"period": self.running.label, "value": self.running.value}
            ),
            "achieved": self.achieved,
            "progress": self.progress,
            "series": [
                {"period": p.label, "value": p.value, "complete": p.complete} for p in self.series
            ],
        }


def _value(metric: str, rows: list[tuple]) -> tuple[float | None, int]:
    if metric == MetricKind.SOLVED:
        if not rows:
            return None, 0
        return round(100 * sum(1 for _, solved, _ in rows if solved) / len(rows), 1), len(rows)
    if metric == MetricKind.REPEAT:
        per_business = Counter(business for _, _, business in rows if business is not None)
        return float(sum(1 for n in per_business.values() if n >= 2)), len(rows)
    return float(len(rows)), len(rows)


def goal_values(goal: Goal, today: dt.date | None = None) -> GoalValues:
    """Baseline, current and running values of ``goal``, from its baseline period to ``today``."""
    today = today or timezone.localdate()
    first = period_start(goal.baseline_start, goal.period)
    last = period_start(max(today, first), goal.period)
    stop = next_start(last, goal.period)
    rows = robberies(goal).filter(date__gte=first, date__lt=stop)
    by_period: dict[dt.date, list[tuple]] = defaultdict(list)
    for row in rows.values_list("date", "solved", "business_id"):
        by_period[period_start(row[0], goal.period)].append(row)
    series = []
    start = first
    while start < stop:
        following = next_start(start, goal.period)
        value, count = _value(goal.metric, by_period.get(start, []))
        end = following - dt.timedelta(days=1)
        series.append(
            PeriodValue(
                start, end, period_label(start, goal.period), value, count, complete=end < today
            )
        )
        start = following
    complete = [p for p in series if p.complete]
    running = series[-1] if not series[-1].complete else None
    return GoalValues(
        goal=goal,
        series=series,
        baseline=series[0],
        current=complete[-1] if len(complete) > 0 else None,
        running=running,
    )
