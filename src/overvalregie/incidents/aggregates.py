"""Robbery counts for dashboards, with small-number suppression where the viewer needs it.

A count is shown in full only to roles that see their own figures (coordinator, mayor,
analyst) and only for the municipalities their organisation works for. Everyone else, and
those roles for other municipalities, sees counts from 1 to threshold - 1 as ``<threshold``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear

from overvalregie.geography.models import Municipality
from overvalregie.incidents.models import Robbery
from overvalregie.organisations.policy import Action, can, suppress_small_counts
from overvalregie.organisations.querysets import scope_municipalities


@dataclass(frozen=True)
class ShownCount:
    """A count as shown to one viewer: the number, or only that it is below the threshold."""

    value: int | None
    threshold: int

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return f"<{self.threshold}" if self.value is None else str(self.value)


def suppresses(user, owns: bool) -> bool:
    """Whether counts shown to ``user`` hide small ones, given whether they are figures of a
    municipality the user's organisation works for (``owns``)."""
    return not owns or suppress_small_counts(user)


def shown(count: int, suppress: bool, threshold: int | None = None) -> ShownCount:
    threshold = settings.SUPPRESSION_THRESHOLD if threshold is None else threshold
    if suppress and 0 < count < threshold:
        return ShownCount(None, threshold)
    return ShownCount(count, threshold)


@dataclass(frozen=True)
class YearRow:
    """One municipality's robberies per year, as shown to the viewer."""

    municipality: Municipality
    counts: list[ShownCount]
    #: whether the viewer sees this municipality's figures in full (their own area)
    own: bool
    #: robberies per 100,000 inhabitants in ``rate_year``; None when unknown or suppressed
    rate_per_100k: float | None


def counts_by_year(user, municipalities, years: list[int], rate_year: int | None = None):
    """Robberies per municipality and year (two queries, whatever the number of rows).

    ``rate_year`` (one of ``years``; default the last) is the year the rate is computed on:
    pass the last complete year when ``years`` ends in the current one.
    """
    if not can(user, Action.VIEW_AGGREGATES):
        return []
    municipalities = list(municipalities)
    own_ids = (
        set()
        if suppress_small_counts(user)
        else set(scope_municipalities(user).values_list("pk", flat=True))
    )
    raw = (
        Robbery.objects.robberies()
        .filter(municipality__in=municipalities, date__year__in=years)
        .annotate(year=ExtractYear("date"))
        .values("municipality_id", "year")
        .annotate(n=Count("id"))
        .order_by()
    )
    table = {(r["municipality_id"], r["year"]): r["n"] for r in raw}
    rate_year = years[-1] if rate_year is None else rate_year
    rows = []
    for m in municipalities:
        own = m.pk in own_ids
        counts = [shown(table.get((m.pk, y), 0), not own) for y in years]
        rate_count = shown(table.get((m.pk, rate_year), 0), not own)
        rate = None
        if m.population and not rate_count.suppressed:
            rate = 100_000 * rate_count.value / m.population
        rows.append(YearRow(m, counts, own, rate))
    return rows
