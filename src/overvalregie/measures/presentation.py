"""An evaluation as a reader sees it: the verdict in plain words, the table, the chart.

Outside the deployment's own municipality (and for roles that see suppressed aggregates)
counts below the threshold read "< 5", and the robberies per three months are left out: those
small numbers are what suppression is for. The verdict itself stays: it gives no count away.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from overvalregie.incidents.aggregates import ShownCount, shown
from overvalregie.measures.evaluation import Counts, Evaluation
from overvalregie.web import charts


@dataclass(frozen=True)
class AreaRow:
    name: str
    description: str
    before: ShownCount
    after: ShownCount
    #: "-85 %", or "" when not shown (nothing before, or a hidden count).
    change: str


@dataclass(frozen=True)
class Statistic:
    label: str
    value: str
    explanation: str


@dataclass(frozen=True)
class EvaluationView:
    evaluation: Evaluation
    #: ``decline``, ``no_difference``, ``rise`` or ``too_few``: the page's colour.
    tone: str
    headline: str
    explanation: list[str]
    rows: list[AreaRow]
    chart: charts.Chart | None
    statistics: list[Statistic]
    before: str
    after: str


def _number(value: float, decimals: int) -> str:
    """Rounded (``number_format`` alone cuts digits off), in the language's own format."""
    return number_format(round(value, decimals), decimals)


def _percent(value: float) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{_number(abs(value) * 100, 0)} %"


def _p(value: float) -> str:
    if math.isnan(value):
        return "–"
    return f"< {_number(0.001, 3)}" if value < 0.001 else _number(value, 3)


def _row(name: str, description: str, counts: Counts, suppress: bool) -> AreaRow:
    before, after = shown(counts.before, suppress), shown(counts.after, suppress)
    hidden = before.suppressed or after.suppressed or counts.change is None
    return AreaRow(name, description, before, after, "" if hidden else _percent(counts.change))


def _period(start, end) -> str:
    return _("%(start)s to %(end)s") % {
        "start": date_format(start, "j F Y"),
        "end": date_format(end, "j F Y"),
    }


def headline(evaluation: Evaluation) -> str:
    """The verdict in one line of plain words."""
    verdict = evaluation.verdict
    if verdict.effect == "too_few":
        return _("Too few robberies to tell")
    if verdict.effect == "no_difference":
        return _("No demonstrable difference from the comparison area")
    if verdict.effect == "rise":
        return _("Less favourable than in the comparison area")
    return {
        "none": _("Larger decline than in the comparison area, no sign of displacement"),
        "displacement": _(
            "Larger decline than in the comparison area, but signs of displacement to the "
            "surroundings"
        ),
        "diffusion": _(
            "Larger decline than in the comparison area, and the surroundings benefited too"
        ),
        "too_few": _(
            "Larger decline than in the comparison area; too few robberies around it to judge "
            "displacement"
        ),
    }[verdict.surroundings]


def _explanation(evaluation: Evaluation, suppress: bool) -> list[str]:
    verdict, treated = evaluation.verdict, evaluation.treated
    lines = []
    if verdict.effect == "too_few":
        control = evaluation.control
        if min(control.before, control.after) == 0:
            lines.append(
                _(
                    "The comparison area had no robberies in one of the periods, so it cannot "
                    "show what would have happened without the measure. Choose a larger "
                    "comparison area."
                )
            )
        else:
            lines.append(
                _(
                    "An effect can only be shown with at least %(minimum)s robberies in the "
                    "area in the two periods together, and as many in the comparison area. "
                    "Evaluate again when the after period is longer, or choose a larger area."
                )
                % {"minimum": verdict.minimum}
            )
        return lines
    expected = evaluation.expected_after
    if not suppress and expected is not None:
        lines.append(
            _(
                "In the area the number of robberies went from %(before)s to %(after)s. Had "
                "it followed the comparison area, %(expected)s were to be expected."
            )
            % {
                "before": treated.before,
                "after": treated.after,
                "expected": _number(expected, 1),
            }
        )
    # Beside a hidden count the p-value would give it back: then the sentence goes without.
    p_value = None if suppress else _p(verdict.treatment.fisher_p_value)
    if verdict.effect == "no_difference":
        lines.append(
            _(
                "The difference from the comparison area may well be chance: the register "
                "shows no effect of the measure."
            )
            if p_value is None
            else _(
                "The difference from the comparison area may well be chance (p = %(p)s): the "
                "register shows no effect of the measure."
            )
            % {"p": p_value}
        )
    else:
        lines.append(
            _("The difference from the comparison area is unlikely to be chance.")
            if p_value is None
            else _("The difference from the comparison area is unlikely to be chance (p = %(p)s).")
            % {"p": p_value}
        )
    if verdict.effect == "decline":
        lines.append(
            {
                "none": _(
                    "Around the area (the buffer) robberies developed as in the comparison "
                    "area: the robberies prevented did not move next door."
                ),
                "displacement": _(
                    "Around the area (the buffer) robberies developed worse than in the "
                    "comparison area: part of them may have moved there."
                ),
                "diffusion": _(
                    "Around the area (the buffer) robberies also fell more than in the "
                    "comparison area: the measure seems to work beyond its area."
                ),
                "too_few": _(
                    "Around the area (the buffer) there were too few robberies to say whether "
                    "they moved there."
                ),
            }[verdict.surroundings]
        )
    lines.append(
        _(
            "This shows that something changed, not with certainty that the measure did it: "
            "other measures and events in the same period can play a part."
        )
    )
    return lines


def _statistics(evaluation: Evaluation) -> list[Statistic]:
    verdict = evaluation.verdict
    odds = verdict.treatment
    stats = [
        Statistic(
            _("Relative effect size (odds ratio)"),
            _("%(value)s (95%% interval %(low)s to %(high)s)")
            % {
                "value": _number(odds.odds_ratio, 2),
                "low": _number(odds.low, 2),
                "high": _number(odds.high, 2),
            },
            " ".join(
                [
                    _(
                        "Above 1: fewer robberies in the area than the comparison area "
                        "predicts (Farrington and Welsh)."
                    ),
                    *(
                        [_("0.5 was added to every count because one was 0.")]
                        if odds.continuity_corrected
                        else []
                    ),
                ]
            ),
        ),
        Statistic(
            _("Significance (Fisher's exact test)"),
            f"p = {_p(odds.fisher_p_value)}",
            _("Below 0.05 counts as a difference that is unlikely to be chance."),
        ),
    ]
    wdq = verdict.wdq
    if not math.isnan(wdq.wdq):
        stats.append(
            Statistic(
                _("Weighted displacement quotient (WDQ)"),
                _number(wdq.wdq, 2),
                _(
                    "Above 0: the surroundings benefited as well; below 0: displacement, "
                    "below −1 larger than the effect itself (Bowers and Johnson)."
                ),
            )
        )
    if not math.isnan(wdq.total_net_effect):
        stats.append(
            Statistic(
                _("Total net effect"),
                _number(wdq.total_net_effect, 1),
                _(
                    "Robberies prevented in the area and the buffer together, against the "
                    "comparison area (negative: more robberies)."
                ),
            )
        )
    return stats


def _chart(evaluation: Evaluation) -> charts.Chart:
    series = evaluation.series
    labels = [row.label for row in series]
    control = evaluation.control
    scale = evaluation.treated.before / control.before if control.before else None
    lines = {
        _("Deployment area"): [row.treated for row in series],
        _("Expected from the comparison area"): [
            None if scale is None else round(row.control * scale, 2) for row in series
        ],
        _("Buffer"): [row.buffer for row in series],
    }
    start = next((i for i, row in enumerate(series) if row.after), len(series))
    chart = charts.line_chart(
        labels,
        lines,
        title=_("Robberies per three months, before and after the start"),
        y_label=_("Robberies"),
        x_label=_("Three months from"),
        divider=(start, pgettext("chart", "Start")),
        chart_id=f"ovr-evaluation-{evaluation.deployment.pk}",
    )
    # The table holds the counts as they are (whole numbers) and the comparison area's own.
    expected = lines[_("Expected from the comparison area")]

    def count(value: int) -> charts.Cell:
        return charts.Cell(number_format(value, 0), value)

    table = charts.DataTable(
        (
            _("Three months from"),
            _("Period"),
            _("Deployment area"),
            _("Buffer"),
            _("Comparison area"),
            _("Expected from the comparison area"),
        ),
        tuple(
            (
                row.label,
                _("after") if row.after else _("before"),
                count(row.treated),
                count(row.buffer),
                count(row.control),
                charts.Cell("–") if value is None else charts.Cell(_number(value, 1), value),
            )
            for row, value in zip(series, expected, strict=True)
        ),
    )
    return dataclasses.replace(chart, table=table)


def evaluation_view(evaluation: Evaluation, *, suppress: bool) -> EvaluationView:
    deployment = evaluation.deployment
    buffer = _("the ring of %(metres)s m around the area") % {"metres": deployment.buffer_m}
    rows = [
        _row(_("Deployment area"), deployment.place_name, evaluation.treated, suppress),
        _row(_("Buffer"), buffer, evaluation.buffer, suppress),
        _row(
            _("Comparison area"),
            _("%(area)s, without the area and the buffer") % {"area": evaluation.comparison_name},
            evaluation.control,
            suppress,
        ),
    ]
    return EvaluationView(
        evaluation=evaluation,
        tone=evaluation.verdict.effect,
        headline=headline(evaluation),
        explanation=_explanation(evaluation, suppress),
        rows=rows,
        chart=None if suppress else _chart(evaluation),
        # Too few robberies make the statistics meaningless; and shown beside a hidden count
        # they could give it back (the interval is built from the counts).
        statistics=[]
        if evaluation.verdict.effect == "too_few"
        or any(r.before.suppressed or r.after.suppressed for r in rows)
        else _statistics(evaluation),
        before=_period(evaluation.before.start, evaluation.before.end),
        after=_period(evaluation.after.start, evaluation.after.end),
    )
