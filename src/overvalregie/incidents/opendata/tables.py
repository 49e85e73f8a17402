"""The CBS tables we import, as data: which columns play which role, which measures to keep.

A TypedDataSet row has an ``ID``, one column per dimension (offence, area, period) and one
column per measure. Dimension names differ per table, and measure columns carry a position
suffix (``_1``, ``_3``) that may move between table versions, so measures are found by
pattern, never by exact name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from overvalregie.incidents.models import AreaLevel, CrimeMeasure

#: Column names that may hold each dimension, first one present wins.
OFFENCE_COLUMNS = ("SoortMisdrijf",)
AREA_COLUMNS = ("WijkenEnBuurten", "RegioS", "Gemeenten", "Regio", "Politieeenheden")
PERIOD_COLUMNS = ("Perioden",)

#: Measure column name patterns (suffix ``_n`` is the column's position in the table).
MEASURE_PATTERNS: dict[CrimeMeasure, re.Pattern] = {
    CrimeMeasure.REGISTERED: re.compile(r"(Totaal)?GeregistreerdeMisdrijven_\d+"),
    CrimeMeasure.RATE_PER_1000: re.compile(r"GeregistreerdeMisdrijvenPer1000Inw\w*_\d+"),
    CrimeMeasure.CLEARANCE_PERCENTAGE: re.compile(
        r"(Ophelderingspercentage|OpgehelderdeMisdrijvenRelatief)\w*_\d+"
    ),
}

#: CBS region code prefix -> area level.
AREA_PREFIXES: dict[str, AreaLevel] = {
    "NL": AreaLevel.COUNTRY,
    "LD": AreaLevel.PART_OF_COUNTRY,
    "PV": AreaLevel.PROVINCE,
    "RE": AreaLevel.POLICE_UNIT,
    "GM": AreaLevel.MUNICIPALITY,
    "WK": AreaLevel.DISTRICT,
    "BU": AreaLevel.NEIGHBOURHOOD,
}
AREA_CODE = re.compile(r"(?P<prefix>[A-Z]{2})\d{2,8}")


@dataclass(frozen=True)
class TableSpec:
    table_id: str
    title: str
    measures: tuple[CrimeMeasure, ...]


TABLES: dict[str, TableSpec] = {
    spec.table_id: spec
    for spec in (
        TableSpec(
            "47013NED",
            "Geregistreerde misdrijven; soort misdrijf, gemeente, per maand",
            (CrimeMeasure.REGISTERED,),
        ),
        TableSpec(
            "47018NED",
            "Geregistreerde misdrijven; soort misdrijf, wijk en buurt, per jaar",
            (CrimeMeasure.REGISTERED,),
        ),
        TableSpec(
            "47022NED",
            "Geregistreerde misdrijven; soort misdrijf, wijk en buurt, per maand",
            (CrimeMeasure.REGISTERED,),
        ),
        TableSpec(
            "83648NED",
            "Geregistreerde criminaliteit; soort misdrijf, regio",
            (
                CrimeMeasure.REGISTERED,
                CrimeMeasure.RATE_PER_1000,
                CrimeMeasure.CLEARANCE_PERCENTAGE,
            ),
        ),
    )
}

#: When several tables hold the same area and period, the first one in this order is shown.
TABLE_PREFERENCE = ("47013NED", "47022NED", "47018NED", "83648NED")
