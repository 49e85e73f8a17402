"""What the dashboards ask of the imported open-data figures."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from overvalregie.incidents.models import CrimeMeasure, RegisteredCrimeFigure
from overvalregie.incidents.opendata.tables import TABLE_PREFERENCE


@dataclass(frozen=True)
class PeriodFigure:
    """One period's figure; ``value`` None means not published (suppressed), not zero."""

    period_start: datetime.date
    period_code: str
    value: float | None
    provisional: bool
    table: str


def counts_for(
    area_code: str,
    offence: str,
    period_kind: str,
    measure: str = CrimeMeasure.REGISTERED,
    table: str | None = None,
) -> list[PeriodFigure]:
    """The figures of one area and offence per period, oldest first (one query).

    Without ``table``, a period published by several tables is taken from the first of
    :data:`TABLE_PREFERENCE`.
    """
    rows = RegisteredCrimeFigure.objects.filter(
        area_code=area_code, offence=offence, period_kind=period_kind, measure=measure
    )
    if table is not None:
        rows = rows.filter(table=table)
    rank = {name: position for position, name in enumerate(TABLE_PREFERENCE)}
    chosen: dict[datetime.date, RegisteredCrimeFigure] = {}
    for row in rows.order_by("period_start"):
        current = chosen.get(row.period_start)
        if current is None or rank.get(row.table, 99) < rank.get(current.table, 99):
            chosen[row.period_start] = row
    return [
        PeriodFigure(row.period_start, row.period_code, row.value, row.provisional, row.table)
        for row in sorted(chosen.values(), key=lambda row: row.period_start)
    ]
