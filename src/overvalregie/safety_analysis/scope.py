"""What an analysis covers: a municipality, one of its districts, or its police unit.

An analysis always belongs to a municipality (who may see it follows from that). It covers
the whole municipality, one of its districts, or the police unit the municipality belongs to
(for a regional approach). Each scope knows its robberies, its population, the area it is
compared with, and the areas its map shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from overvalregie.geography.models import District, Municipality, Neighbourhood

MUNICIPALITY, DISTRICT, POLICE_UNIT = "municipality", "district", "police_unit"
LEVELS = [
    (MUNICIPALITY, gettext_lazy("The whole municipality")),
    (DISTRICT, gettext_lazy("One district")),
    (POLICE_UNIT, gettext_lazy("The police unit (the region)")),
]


@dataclass(frozen=True)
class Scope:
    level: str
    code: str
    name: str
    #: Robberies of the scope: ``Robbery.objects.filter(where)``.
    where: Q
    population: int | None
    #: (lon, lat) corners of the scope's bounding box.
    bbox: tuple[float, float, float, float]
    #: The area the rate is compared with, and its robberies and population.
    reference_name: str | None
    reference_where: Q | None
    reference_population: int | None
    #: The areas of the map, and the robberies counted per area: neighbourhoods, or the
    #: municipalities of a police unit.
    map_level: str  # "neighbourhood" or "municipality"
    map_areas: QuerySet
    #: Municipalities whose robberies the near-repeat test pools when numbers are small.
    pool: Q | None


def _bbox(areas) -> tuple[float, float, float, float]:
    boxes = list(areas.values_list("min_lon", "min_lat", "max_lon", "max_lat"))
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def scope_of(municipality: Municipality, level: str = MUNICIPALITY, district=None) -> Scope:
    unit = municipality.police_unit
    unit_members = Municipality.objects.filter(police_unit=unit) if unit else None
    # A member without a known population would make the unit's rate too high: no rate then.
    unit_population = (
        unit_members.aggregate(total=Sum("population"))["total"]
        if unit_members is not None and not unit_members.filter(population__isnull=True).exists()
        else None
    )
    if level == DISTRICT:
        if district is None or district.municipality_id != municipality.pk:
            raise ValueError("a district analysis needs a district of the municipality")
        return Scope(
            level=DISTRICT,
            code=district.code,
            name=district.name,
            where=Q(district=district),
            population=district.population,
            bbox=(district.min_lon, district.min_lat, district.max_lon, district.max_lat),
            reference_name=municipality.name,
            reference_where=Q(municipality=municipality),
            reference_population=municipality.population,
            map_level="neighbourhood",
            map_areas=Neighbourhood.objects.filter(district=district).order_by("name"),
            pool=Q(municipality=municipality),
        )
    if level == POLICE_UNIT:
        if unit is None:
            raise ValueError(_("The municipality belongs to no police unit."))
        return Scope(
            level=POLICE_UNIT,
            code=unit.code,
            name=unit.name,
            where=Q(municipality__police_unit=unit),
            population=unit_population,
            bbox=_bbox(unit_members),
            reference_name=None,
            reference_where=None,
            reference_population=None,
            map_level="municipality",
            map_areas=unit_members.order_by("name"),
            pool=None,
        )
    return Scope(
        level=MUNICIPALITY,
        code=municipality.code,
        name=municipality.name,
        where=Q(municipality=municipality),
        population=municipality.population,
        bbox=_bbox(Municipality.objects.filter(pk=municipality.pk)),
        reference_name=unit.name if unit else None,
        reference_where=Q(municipality__police_unit=unit) if unit else None,
        reference_population=unit_population,
        map_level="neighbourhood",
        map_areas=Neighbourhood.objects.filter(municipality=municipality).order_by("name"),
        pool=Q(municipality__police_unit=unit) if unit else None,
    )


def districts_of(municipality: Municipality):
    return District.objects.filter(municipality=municipality).order_by("name")
