"""Faceted search over the measure catalogue, with counts per facet value.

The catalogue is small (tens to a few hundred measures), so the search runs in Python over one
query's rows: a text filter, then the chosen facet values. Within a facet the chosen values
are alternatives (a measure with *any* of them matches); across facets they all apply. The
count beside a value is the number of measures the search would find if that value were
chosen too, counted with every *other* facet's choice applied (disjunctive faceting, as
catalogue search pages do it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from overvalregie.measures.choices import (
    Cost,
    Evidence,
    LeadActor,
    Level,
    Line,
    MeasureType,
    Target,
)
from overvalregie.texts import localised


@dataclass(frozen=True)
class Facet:
    #: The model field and the query parameter.
    name: str
    label: str
    choices: type[TextChoices]
    #: The field holds a list of values (otherwise one value).
    multiple: bool


FACETS = (
    Facet("lines", pgettext_lazy("measure facet", "Line"), Line, True),
    Facet("targets", _("Target"), Target, True),
    Facet("types", _("Type of measure"), MeasureType, True),
    Facet("levels", _("Level"), Level, True),
    Facet("lead", _("Lead actor"), LeadActor, False),
    Facet("cost", _("Cost indication"), Cost, False),
    Facet("evidence", _("Evidence"), Evidence, False),
)
FACET_BY_NAME = {facet.name: facet for facet in FACETS}


def values_of(measure, facet: Facet) -> set[str]:
    value = getattr(measure, facet.name)
    return set(value) if facet.multiple else {value}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    chosen: bool


@dataclass(frozen=True)
class FacetCounts:
    facet: Facet
    values: tuple[FacetValue, ...]

    @property
    def chosen(self) -> bool:
        return any(v.chosen for v in self.values)


@dataclass(frozen=True)
class SearchResult:
    measures: list
    facets: tuple[FacetCounts, ...]
    text: str
    chosen: dict[str, frozenset[str]]

    @property
    def filtered(self) -> bool:
        return bool(self.text or self.chosen)


def chosen_from(query) -> dict[str, frozenset[str]]:
    """The facet values chosen in a query string (``QueryDict``); unknown values are dropped."""
    chosen = {}
    for facet in FACETS:
        values = frozenset(v for v in query.getlist(facet.name) if v in facet.choices.values)
        if values:
            chosen[facet.name] = values
    return chosen


def _matches_text(measure, words: list[str]) -> bool:
    haystack = " ".join(
        [
            localised(measure.name),
            *(localised(t) for t in (measure.summary, measure.description) if t),
            *(localised(measure.steps) if measure.steps else []),
            *measure.name.values(),
        ]
    ).casefold()
    return all(word in haystack for word in words)


def search(measures, text: str = "", chosen: dict[str, frozenset[str]] | None = None):
    """The measures that match ``text`` and the ``chosen`` facet values, and the counts."""
    chosen = chosen or {}
    words = text.casefold().split()
    candidates = [m for m in measures if _matches_text(m, words)] if words else list(measures)

    def passes(measure, skip: str | None = None) -> bool:
        return all(
            values_of(measure, FACET_BY_NAME[name]) & values
            for name, values in chosen.items()
            if name != skip
        )

    facets = []
    for facet in FACETS:
        counts = Counter(
            value
            for measure in candidates
            if passes(measure, skip=facet.name)
            for value in values_of(measure, facet)
        )
        picked = chosen.get(facet.name, frozenset())
        facets.append(
            FacetCounts(
                facet,
                tuple(
                    FacetValue(value, label, counts[value], value in picked)
                    for value, label in facet.choices.choices
                ),
            )
        )
    found = sorted((m for m in candidates if passes(m)), key=lambda m: m.title.casefold())
    return SearchResult(found, tuple(facets), text.strip(), chosen)
