"""Checking one row of an incident file (no database): the column layout and value parsers.

See ``docs/import-format.md`` for the layout. Every problem becomes a :class:`RowError` with
the line, the column and a reason; a row with problems yields no values.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from overvalregie.incidents.choices import (
    IncidentKind,
    LootBand,
    ShopBranch,
    TargetType,
    Weapon,
)
from overvalregie.incidents.importers.readers import NO_POINT

#: (min, max) of WGS84 longitude and latitude, and of RD New x and y, for the Netherlands.
LON_RANGE = (3.2, 7.3)
LAT_RANGE = (50.7, 53.7)
RD_X_RANGE = (0.0, 300_000.0)
RD_Y_RANGE = (289_000.0, 629_000.0)
RANGES = {"lon": LON_RANGE, "lat": LAT_RANGE, "x": RD_X_RANGE, "y": RD_Y_RANGE}
MAX_SMALL_INT = 32_767
MAX_TEXT = {"source": 64, "source_id": 64, "address": 200}
EARLIEST_DATE = dt.date(1900, 1, 1)

REQUIRED = ("source", "source_id", "date", "target_type")
OPTIONAL = (
    "time",
    "attempt",
    "address",
    "shop_branch",
    "weapon",
    "violence",
    "injured",
    "offenders",
    "loot_band",
    "suspect_arrested",
    "solved",
    "kind",
)
COORDINATES = ("lon", "lat", "x", "y")
COLUMNS = (*REQUIRED, *COORDINATES, *OPTIONAL)
#: Columns of the register's own export that the import derives from the point instead.
DERIVED = ("municipality_code", "district_code", "neighbourhood_code")

#: Model field -> value for a column missing from the file (or an empty cell).
DEFAULTS: dict[str, Any] = {
    "time": None,
    "attempt": False,
    "address": "",
    "shop_branch": "",
    "weapon": Weapon.UNKNOWN.value,
    "violence": False,
    "injured": 0,
    "offenders": None,
    "loot_band": LootBand.UNKNOWN.value,
    "suspect_arrested": False,
    "solved": False,
    "kind": IncidentKind.ROBBERY.value,
}

TRUE = {"ja", "j", "yes", "y", "true", "waar", "1"}
FALSE = {"nee", "n", "no", "false", "onwaar", "0"}

#: Dutch (and other) spellings accepted beside the stored values.
SYNONYMS: dict[str, dict[str, str]] = {
    "target_type": {
        "winkel": TargetType.SHOP,
        "horeca": TargetType.HOSPITALITY,
        "snackbar": TargetType.SNACK_BAR,
        "cafetaria": TargetType.SNACK_BAR,
        "fastfood": TargetType.SNACK_BAR,
        "tankstation": TargetType.PETROL_STATION,
        "woning": TargetType.HOME,
        "woningoverval": TargetType.HOME,
        "waardetransport": TargetType.CASH_IN_TRANSIT,
        "postkantoor": TargetType.BANK,
        "maaltijdbezorger": TargetType.MEAL_COURIER,
        "bezorger": TargetType.MEAL_COURIER,
        "overig_bedrijf": TargetType.OTHER_BUSINESS,
        "overig": TargetType.OTHER_BUSINESS,
    },
    "shop_branch": {
        "supermarkt": ShopBranch.SUPERMARKET,
        "juwelier": ShopBranch.JEWELLER,
        "tabakszaak": ShopBranch.TOBACCO,
        "tabak": ShopBranch.TOBACCO,
        "drogist": ShopBranch.DRUGSTORE,
        "drogisterij": ShopBranch.DRUGSTORE,
        "telefoonwinkel": ShopBranch.PHONE,
        "telefoon": ShopBranch.PHONE,
        "overig": ShopBranch.OTHER,
        "overige_winkel": ShopBranch.OTHER,
    },
    "weapon": {
        "vuurwapen": Weapon.FIREARM,
        "mes": Weapon.KNIFE,
        "steekwapen": Weapon.KNIFE,
        "slagwapen": Weapon.BLUNT,
        "stomp_voorwerp": Weapon.BLUNT,
        "geen": Weapon.NONE,
        "onbekend": Weapon.UNKNOWN,
    },
    "loot_band": {"geen": LootBand.NONE, "onbekend": LootBand.UNKNOWN},
    "kind": {
        "robbery": IncidentKind.ROBBERY,
        "street_robbery": IncidentKind.STREET_ROBBERY,
    },
}
CHOICES = {
    "target_type": TargetType,
    "shop_branch": ShopBranch,
    "weapon": Weapon,
    "loot_band": LootBand,
    "kind": IncidentKind,
}

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")


@dataclass(frozen=True)
class RowError:
    """One problem: the line (CSV), row (XLSX) or feature (GeoJSON) and the column."""

    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return _("line %(line)d, column %(column)s: %(reason)s") % {
            "line": self.line,
            "column": self.column or "-",
            "reason": self.reason,
        }


@dataclass
class ParsedRow:
    """A row without problems: its key, its model values and its point (one pair or both)."""

    line: int
    source: str
    source_id: str
    values: dict[str, Any]
    lon: float | None = None
    lat: float | None = None
    x: float | None = None
    y: float | None = None


class Invalid(ValueError):
    """A cell's value is not acceptable; the message is the reason."""


def _shown(value: Any) -> str:
    return str(value).strip()[:40]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: Any, today: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = _text(value)
        match = _ISO_DATE.fullmatch(text)
        if match:
            year, month, number = (int(part) for part in match.groups())
        elif match := _DUTCH_DATE.fullmatch(text):
            number, month, year = (int(part) for part in match.groups())
        else:
            raise Invalid(
                _("%(value)s is not a date: use YYYY-MM-DD or DD-MM-YYYY") % {"value": _shown(text)}
            )
        try:
            day = dt.date(year, month, number)
        except ValueError:
            raise Invalid(_("%(value)s is an impossible date") % {"value": _shown(text)}) from None
    if day > today:
        raise Invalid(_("the date lies in the future"))
    if day < EARLIEST_DATE:
        raise Invalid(_("the date lies before 1900"))
    return day


def parse_time(value: Any) -> dt.time | None:
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    text = _text(value)
    if not text:
        return None
    match = _TIME.fullmatch(text)
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return dt.time(int(match.group(1)), int(match.group(2)))
    raise Invalid(
        _("%(value)s is not a time: use HH:MM, or leave it empty") % {"value": _shown(text)}
    )


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise Invalid(
        _("%(value)s is not yes or no: use ja/nee, true/false or 1/0") % {"value": _shown(text)}
    )


def parse_count(value: Any) -> int:
    if isinstance(value, bool):
        raise Invalid(_("%(value)s is not a whole number") % {"value": _shown(value)})
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value)
    if not re.fullmatch(r"[-+]?\d{1,9}", text):
        raise Invalid(_("%(value)s is not a whole number") % {"value": _shown(text)})
    number = int(text)
    if number < 0:
        raise Invalid(_("the number must not be negative"))
    if number > MAX_SMALL_INT:
        raise Invalid(_("the number is implausibly large"))
    return number


def parse_float(value: Any) -> float:
    if value is NO_POINT:
        raise Invalid(_("the feature has no Point geometry"))
    if isinstance(value, bool):
        raise Invalid(_("%(value)s is not a number") % {"value": _shown(value)})
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _text(value).replace(",", ".")
        if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", text):
            raise Invalid(_("%(value)s is not a number") % {"value": _shown(text)})
        number = float(text)
    if not math.isfinite(number):
        raise Invalid(_("%(value)s is not a number") % {"value": _shown(value)})
    return number


def parse_coordinate(value: Any, low: float, high: float) -> float:
    number = parse_float(value)
    if not low <= number <= high:
        raise Invalid(
            _("%(value)s lies outside the Netherlands (%(low)s to %(high)s)")
            % {"value": _shown(value), "low": f"{low:g}", "high": f"{high:g}"}
        )
    return number


def parse_choice(column: str) -> Callable[[Any], str]:
    choices = CHOICES[column]
    values = set(choices.values)
    synonyms = SYNONYMS.get(column, {})

    def parse(value: Any) -> str:
        key = _text(value).lower().replace(" ", "_").replace("-", "_")
        if key in values:
            return key
        if key in synonyms:
            return str(synonyms[key].value)
        reasons = {
            "target_type": _("unknown target type %(value)s"),
            "shop_branch": _("unknown shop branch %(value)s"),
            "weapon": _("unknown weapon %(value)s"),
            "loot_band": _("unknown loot band %(value)s"),
            "kind": _("unknown kind %(value)s"),
        }
        raise Invalid(reasons[column] % {"value": _shown(value)})

    return parse


def _limited(column: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = _text(value)
        if len(text) > MAX_TEXT[column]:
            raise Invalid(_("longer than %(count)d characters") % {"count": MAX_TEXT[column]})
        return text

    return parse


PARSERS: dict[str, Callable[[Any], Any]] = {
    "source": _limited("source"),
    "source_id": _limited("source_id"),
    "address": _limited("address"),
    "time": parse_time,
    "attempt": parse_bool,
    "violence": parse_bool,
    "suspect_arrested": parse_bool,
    "solved": parse_bool,
    "injured": parse_count,
    "offenders": parse_count,
    **{column: parse_choice(column) for column in CHOICES},
}


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def coordinate_pairs(header: list[str]) -> list[tuple[str, str]]:
    """The coordinate pairs a file has: WGS84 first, then RD New; at least one."""
    present = set(header)
    pairs = [pair for pair in (("lon", "lat"), ("x", "y")) if set(pair) <= present]
    return pairs or [("lon", "lat")]


def missing_columns(header: list[str]) -> list[RowError]:
    """The required columns the header lacks, each reported on line 1."""
    present = set(header)
    errors = [
        RowError(1, column, _("required column is missing"))
        for column in REQUIRED
        if column not in present
    ]
    if not ({"lon", "lat"} <= present or {"x", "y"} <= present):
        pair = ("x", "y") if present & {"x", "y"} else ("lon", "lat")
        errors += [
            RowError(1, column, _("required column is missing (give lon and lat, or x and y)"))
            for column in pair
            if column not in present
        ]
    return errors


def parse_row(
    line: int,
    raw: dict[str, Any],
    columns: list[str],
    today: dt.date,
    pairs: list[tuple[str, str]],
) -> tuple[ParsedRow | None, list[RowError]]:
    """Check one row. ``columns`` are the optional columns the file has, ``pairs`` its
    coordinate pairs (see :func:`coordinate_pairs`)."""
    errors: list[RowError] = []
    values: dict[str, Any] = {}

    for column in REQUIRED:
        value = raw.get(column)
        if _empty(value):
            errors.append(RowError(line, column, _("a value is required")))
            continue
        try:
            values[column] = (
                parse_date(value, today) if column == "date" else PARSERS[column](value)
            )
        except Invalid as problem:
            errors.append(RowError(line, column, str(problem)))
    for column in columns:
        value = raw.get(column)
        if _empty(value):
            values[column] = DEFAULTS[column]
            continue
        try:
            values[column] = PARSERS[column](value)
        except Invalid as problem:
            errors.append(RowError(line, column, str(problem)))

    shop_branch = values.get("shop_branch")
    target_type = values.get("target_type")
    if shop_branch and target_type and target_type != TargetType.SHOP:
        errors.append(
            RowError(line, "shop_branch", _("a shop branch is only allowed for target type shop"))
        )

    point: dict[str, float] = {}
    for pair in pairs:
        # With both pairs in the file, a row may leave one of them empty.
        if len(pairs) > 1 and all(_empty(raw.get(column)) for column in pair):
            continue
        for column in pair:
            value = raw.get(column)
            if _empty(value):
                errors.append(RowError(line, column, _("a value is required")))
                continue
            try:
                point[column] = parse_coordinate(value, *RANGES[column])
            except Invalid as problem:
                errors.append(RowError(line, column, str(problem)))
    if not point and not errors:
        errors += [RowError(line, column, _("a value is required")) for column in pairs[0]]

    if errors:
        return None, errors
    source = values.pop("source")
    source_id = values.pop("source_id")
    return ParsedRow(line, source, source_id, values, **point), []
