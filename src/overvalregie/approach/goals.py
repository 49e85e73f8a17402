"""What a reader sees of a SMART goal: its values from the register, as one reader may see them.

The plan of approach, the goal form and the progress report all show a goal through
:func:`goal_view`. For a reader who may only see aggregates (``suppress``) a count from 1 to
``SUPPRESSION_THRESHOLD - 1`` reads "< 5", and a solved share of fewer robberies than that is
hidden; progress and "achieved" are then hidden too, as they would give the value back.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from overvalregie.approach.metrics import GoalValues, PeriodValue, goal_values
from overvalregie.approach.models import Goal, MetricArea, MetricKind
from overvalregie.incidents.choices import TargetType
from overvalregie.web import charts


@dataclass(frozen=True)
class ShownValue:
    """A goal's value in one period as shown to one reader."""

    #: The number, or None when there is none or it is hidden.
    value: float | None
    text: str
    #: True when the number exists but is hidden (small counts, for a partner).
    suppressed: bool = False


def shown_value(period: PeriodValue | None, metric: str, suppress: bool) -> ShownValue:
    """The value of ``period`` for a reader: with ``suppress``, a count below the threshold
    reads "< 5", and a share of fewer robberies than the threshold is hidden."""
    threshold = settings.SUPPRESSION_THRESHOLD
    if period is None or period.value is None:
        return ShownValue(None, "–")
    value = period.value
    if metric == MetricKind.SOLVED:
        if suppress and 0 < period.robberies < threshold:
            return ShownValue(None, _("hidden"), suppressed=True)
        return ShownValue(value, f"{charts.format_number(value, 1)} %")
    if suppress and 0 < value < threshold:
        return ShownValue(None, f"< {threshold}", suppressed=True)
    return ShownValue(value, charts.format_number(value, 0 if float(value).is_integer() else 1))


def metric_text(goal: Goal) -> str:
    """The metric in words: what is counted, per which period, where, and which robberies."""
    approach = goal.approach
    if goal.area == MetricArea.DISTRICT and goal.district_id:
        area = goal.district.name
    elif goal.area == MetricArea.POLICE_UNIT and approach.municipality.police_unit_id:
        area = approach.municipality.police_unit.name
    else:
        area = approach.municipality.name
    text = _("%(measure)s %(period)s in %(area)s") % {
        "measure": goal.get_metric_display(),
        "period": goal.get_period_display(),
        "area": area,
    }
    chosen = set(goal.target_types)
    if chosen and len(chosen) * 2 > len(TargetType.values):
        # Most targets: name the few left out rather than the many counted.
        left_out = [str(label) for value, label in TargetType.choices if value not in chosen]
        if left_out:
            text += "; " + _("all targets except: %(targets)s") % {"targets": ", ".join(left_out)}
    elif chosen:
        text += "; " + _("only: %(targets)s") % {"targets": ", ".join(goal.target_type_labels())}
    if not goal.include_attempts:
        text += "; " + _("attempts not counted")
    return text


def unit(metric: str) -> str:
    """What the goal's value is a number of, as the label of a chart's value line and axis."""
    return {
        MetricKind.COUNT: _("Robberies"),
        MetricKind.SOLVED: _("Solved (%)"),
        MetricKind.REPEAT: _("Businesses robbed more than once"),
    }[MetricKind(metric)]


def trend_chart(goal: Goal, values: GoalValues, shown: list[ShownValue]) -> charts.Chart:
    """The goal's value per period beside its target; hidden values leave a gap in the line
    and read "< 5" (or "hidden") in the table."""
    labels = [
        p.label if p.complete else _("%(period)s (so far)") % {"period": p.label}
        for p in values.series
    ]
    chart = charts.line_chart(
        labels,
        {
            unit(goal.metric): [s.value for s in shown],
            _("Target value"): [goal.target] * len(labels),
        },
        title=_("%(goal)s: trend") % {"goal": goal.title},
        y_label=unit(goal.metric),
        x_label=_("Period"),
        chart_id=f"ovr-goal-{goal.pk}",
    )
    rows = tuple(
        (row[0], charts.Cell(s.text, None, True) if s.suppressed else row[1], *row[2:])
        for row, s in zip(chart.table.rows, shown, strict=True)
    )
    return dataclasses.replace(chart, table=dataclasses.replace(chart.table, rows=rows))


@dataclass(frozen=True)
class GoalView:
    """One goal as one reader sees it."""

    goal: Goal
    #: The values from the register, unsuppressed: not for showing as they are.
    values: GoalValues
    words: str
    baseline: ShownValue
    current: ShownValue | None
    running: ShownValue | None
    #: The value of every period of ``values.series``, as shown.
    series: list[ShownValue]
    target: str
    #: 0-100, or None when unknown or when it would give a hidden count back.
    progress: int | None
    #: None when unknown or when it would give a hidden count back.
    achieved: bool | None
    chart: charts.Chart


def goal_view(goal: Goal, suppress: bool, today: dt.date | None = None) -> GoalView:
    """``goal`` on ``today`` for a reader who may (``suppress``) only see aggregates."""
    values = goal_values(goal, today)
    metric = goal.metric

    def show(period: PeriodValue | None) -> ShownValue | None:
        return None if period is None else shown_value(period, metric, suppress)

    baseline = show(values.baseline)
    current = show(values.current)
    series = [show(p) for p in values.series]
    hidden = baseline.suppressed or (current is not None and current.suppressed)
    progress = None if hidden or values.progress is None else round(100 * values.progress)
    target = (
        f"{charts.format_number(goal.target, 1)} %"
        if metric == MetricKind.SOLVED
        else charts.format_number(goal.target, 0 if float(goal.target).is_integer() else 1)
    )
    return GoalView(
        goal=goal,
        values=values,
        words=metric_text(goal),
        baseline=baseline,
        current=current,
        running=show(values.running),
        series=series,
        target=target,
        progress=progress,
        achieved=None if hidden else values.achieved,
        chart=trend_chart(goal, values, series),
    )
