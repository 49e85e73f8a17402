"""Did a deployed measure work? Robberies before and after, in the area, around it and in a
comparison area, judged by :func:`overvalregie.analysis.effects.judge_measure`.

The three areas, in RD New metres:

- **A**, the deployment's area (a district, neighbourhood or focus area);
- **B**, the buffer: the ring of ``buffer_m`` metres around A, where displaced robberies would
  show up (or, with diffusion of benefits, fewer of them);
- **C**, the comparison area (the deployment's own, by default the municipality) less A and B,
  standing for what would have happened without the measure.

The *after* period runs from the start to the end of the deployment, or to the register's
last robbery when it has not ended (a register not yet filled up must not read as a
decline). The *before* period is as long and ends the day before the start; when the register
does not reach back that far, both are shortened to what it holds. Counts are robberies
(*overvallen*, attempts included) of every target type.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import shapely
from django.db.models import Max, Min, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from overvalregie.analysis.effects import MeasureVerdict, judge_measure
from overvalregie.geography.spatial import geometry_to_rd
from overvalregie.incidents.models import Robbery
from overvalregie.measures.models import Deployment

ONE_DAY = dt.timedelta(days=1)


class NotEvaluable(Exception):
    """Why a deployment cannot be evaluated (a sentence for the page)."""


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Counts:
    before: int
    after: int

    @property
    def change(self) -> float | None:
        """The relative change, -1 to +inf; None when there was nothing before."""
        return None if self.before == 0 else self.after / self.before - 1


@dataclass(frozen=True)
class SeriesRow:
    label: str
    start: dt.date
    after: bool
    #: Robberies in A, B and C in these three months.
    treated: int
    buffer: int
    control: int


@dataclass(frozen=True)
class Evaluation:
    deployment: Deployment
    before: Period
    after: Period
    #: The after period was cut short by the register's last day, or both by its first.
    shortened: bool
    comparison_name: str
    #: The buffer or the comparison area reaches beyond the deployment's municipality: their
    #: counts are partly other municipalities' figures.
    crosses_border: bool
    treated: Counts
    buffer: Counts
    control: Counts
    verdict: MeasureVerdict
    series: tuple[SeriesRow, ...]

    @property
    def expected_after(self) -> float | None:
        """What A would have had after if it had followed C (None when C had none before)."""
        c = self.control
        return None if c.before == 0 else self.treated.before * c.after / c.before


def _shape(area) -> shapely.Geometry:
    """An area's geometry in RD metres; NotEvaluable if it is not a surface."""
    try:
        shape = shapely.make_valid(geometry_to_rd(area.geometry))
    except Exception:  # shapely and pyproj raise several kinds for a malformed geometry
        shape = None
    if shape is None or shape.is_empty or not math.isfinite(shape.area) or shape.area < 1.0:
        raise NotEvaluable(
            _("The boundary of %(area)s is not a surface: it cannot be counted in.")
            % {"area": area}
        )
    return shape


def shapes(deployment: Deployment):
    """A, B and C of a deployment as shapely geometries in RD metres, the comparison area,
    and whether B or C reaches beyond the deployment's municipality."""
    place = deployment.area
    if place is None:
        raise NotEvaluable(
            _("Only a deployment in an area can be evaluated: this one has no area.")
        )
    comparison = deployment.comparison_area
    treated = _shape(place)
    reach = treated.buffer(deployment.buffer_m)
    ring = shapely.difference(reach, treated)
    control = shapely.difference(_shape(comparison), reach)
    if control.area < 1.0:
        raise NotEvaluable(
            _(
                "The comparison area %(area)s lies entirely within the area and its buffer. "
                "Choose a larger comparison area."
            )
            % {"area": comparison}
        )
    # A metre's leeway for boundaries that do not quite meet.
    municipality = _shape(deployment.municipality).buffer(1.0)
    crosses = shapely.difference(shapely.union(ring, control), municipality).area > 1.0
    return treated, ring, control, comparison, crosses


def periods(deployment: Deployment, first: dt.date, last: dt.date) -> tuple[Period, Period, bool]:
    """The before and after periods, given the register's first and last robbery."""
    if deployment.start > last:
        raise NotEvaluable(
            _(
                "The register holds no robberies after the start yet (its last is of "
                "%(day)s). Evaluate once the register covers a period after the start."
            )
            % {"day": date_format(last, "j F Y")}
        )
    end = last if deployment.end is None else min(deployment.end, last)
    shortened = deployment.end is not None and deployment.end > last
    days = (end - deployment.start).days + 1
    available = (deployment.start - first).days
    if available < 1:
        raise NotEvaluable(
            _("The register holds no robberies before the start: there is nothing to compare.")
        )
    if available < days:
        days, shortened = available, True
        end = deployment.start + dt.timedelta(days=days - 1)
    before = Period(deployment.start - dt.timedelta(days=days), deployment.start - ONE_DAY)
    return before, Period(deployment.start, end), shortened


def evaluate(deployment: Deployment) -> Evaluation:
    """The evaluation of one deployment (three queries); NotEvaluable says why not."""
    treated, ring, control, comparison, crosses_border = shapes(deployment)
    reach = shapely.union(treated.buffer(deployment.buffer_m), control)
    minx, miny, maxx, maxy = reach.bounds
    register = Robbery.objects.robberies().filter(
        Q(municipality=deployment.municipality)
        | Q(rd_x__range=(minx, maxx), rd_y__range=(miny, maxy))
    )
    bounds = register.aggregate(first=Min("date"), last=Max("date"))
    if bounds["last"] is None:
        raise NotEvaluable(_("The register holds no robberies here yet."))
    before, after, shortened = periods(deployment, bounds["first"], bounds["last"])
    rows = list(
        register.filter(
            rd_x__range=(minx, maxx),
            rd_y__range=(miny, maxy),
            date__range=(before.start, after.end),
        ).values_list("rd_x", "rd_y", "date")
    )
    x = np.array([r[0] for r in rows], dtype=float)
    y = np.array([r[1] for r in rows], dtype=float)
    dates = np.array([r[2] for r in rows], dtype=object)
    is_after = np.array([d >= after.start for d in dates], dtype=bool)
    inside = {
        "treated": shapely.contains_xy(treated, x, y),
        "buffer": shapely.contains_xy(ring, x, y),
        "control": shapely.contains_xy(control, x, y),
    }
    counts = {
        name: Counts(int((mask & ~is_after).sum()), int((mask & is_after).sum()))
        for name, mask in inside.items()
    }
    verdict = judge_measure(
        counts["treated"].before,
        counts["treated"].after,
        counts["buffer"].before,
        counts["buffer"].after,
        counts["control"].before,
        counts["control"].after,
    )
    return Evaluation(
        deployment=deployment,
        before=before,
        after=after,
        shortened=shortened,
        comparison_name=str(comparison),
        crosses_border=crosses_border,
        treated=counts["treated"],
        buffer=counts["buffer"],
        control=counts["control"],
        verdict=verdict,
        series=_blocks(before, after, dates, inside),
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months (the 31st becomes the month's last day if need be)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - ONE_DAY).day
    return dt.date(year, month, min(day.day, last))


def _blocks(before: Period, after: Period, dates, inside) -> tuple[SeriesRow, ...]:
    """Robberies per three months, counted from the start: back over the before period and
    forward over the after period, so that no block straddles the start."""
    starts = []
    k = 0
    while add_months(after.start, -3 * k) > before.start:
        k += 1
        starts.append(max(add_months(after.start, -3 * k), before.start))
    starts.reverse()
    k = 0
    while add_months(after.start, 3 * k) <= after.end:
        starts.append(add_months(after.start, 3 * k))
        k += 1
    edges = [*starts, after.end + ONE_DAY]
    rows = []
    for start, following in zip(edges, edges[1:], strict=False):
        in_block = np.array([start <= d < following for d in dates], dtype=bool)
        label = date_format(start, "N Y")
        if add_months(start, 3) != following:  # the first or last block, cut short
            label = _("%(month)s (part)") % {"month": label}
        rows.append(
            SeriesRow(
                label=label,
                start=start,
                after=start >= after.start,
                **{name: int((mask & in_block).sum()) for name, mask in inside.items()},
            )
        )
    return tuple(rows)
