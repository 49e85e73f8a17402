"""Importing CBS/PDOK boundaries from GeoJSON.

A file holds one level: ``regionale_eenheid`` (police units, ``REnn``), ``gemeente``
(``GMgggg``), ``wijk`` (``WKggggww``) or ``buurt`` (``BUggggwwbb``). Every feature has the
properties ``statcode`` and ``statnaam``, optionally ``jrstatcode`` (``2024GM0363``) and a
population, and a Polygon or MultiPolygon geometry in WGS84.

An import is all or nothing: every feature is checked first and every problem is reported;
only a file without problems is written, in one transaction, with one audit entry.
Re-importing the same file changes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
import shapely.geometry
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie.geography.models import Area, District, Municipality, Neighbourhood, PoliceUnit

#: (min_lon, min_lat, max_lon, max_lat): every coordinate must lie in this box.
NETHERLANDS_BBOX = (3.2, 50.7, 7.3, 53.7)
#: Property names that may hold the population, first one present wins.
POPULATION_KEYS = ("aantal_inwoners", "AANT_INW", "population")
POLYGONAL = ("Polygon", "MultiPolygon")
MAX_POPULATION = 100_000_000
MAX_NAME_LENGTH = 200
YEARS = range(1900, 2101)
BATCH_SIZE = 500


@dataclass(frozen=True)
class Level:
    name: str
    prefix: str
    digits: int
    model: type[Area]

    def code_pattern(self) -> re.Pattern:
        return re.compile(rf"{self.prefix}\d{{{self.digits}}}")


LEVELS: dict[str, Level] = {
    level.name: level
    for level in (
        Level("regionale_eenheid", "RE", 2, PoliceUnit),
        Level("gemeente", "GM", 4, Municipality),
        Level("wijk", "WK", 6, District),
        Level("buurt", "BU", 8, Neighbourhood),
    )
}


@dataclass(frozen=True)
class ImportProblem:
    """One problem: the feature's 1-based position in the file (None: the whole file)."""

    feature: int | None
    field: str
    reason: str

    def __str__(self) -> str:
        if self.feature is None:
            return _("File: %(reason)s") % {"reason": self.reason}
        return _("Feature %(number)d, %(field)s: %(reason)s") % {
            "number": self.feature,
            "field": self.field,
            "reason": self.reason,
        }


class GeographyImportError(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class ParsedFeature:
    number: int
    code: str
    name: str
    year: int
    population: int | None
    geometry: dict
    repaired: bool = False


@dataclass
class ImportResult:
    level: str
    years: list[int]
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    repaired: int = 0
    #: Municipalities whose police unit changed, and codes of those in no police unit.
    linked: int = 0
    unlinked: list[str] = field(default_factory=list)

    def as_detail(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "years": self.years,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "repaired": self.repaired,
            "police_unit_links_changed": self.linked,
            "municipalities_without_police_unit": len(self.unlinked),
        }


# --- checking one feature (no database) -------------------------------------------------------


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,12}\s*", value):
        return int(value)
    return None


def _population(properties: dict, number: int) -> tuple[int | None, list[ImportProblem]]:
    for key in POPULATION_KEYS:
        value = properties.get(key)
        if value is None or value == "":
            continue
        population = _whole_number(value)
        if population is None or population > MAX_POPULATION:
            reason = _("population %(value)s is not a plausible whole number") % {
                "value": str(value)[:40]
            }
            return None, [ImportProblem(number, key, reason)]
        # CBS marks secret or unknown figures with negative numbers.
        return (population if population >= 0 else None), []
    return None, []


def _year(properties: dict, code: str, year: int | None, number: int):
    if year is not None:
        return year, []
    jrstatcode = properties.get("jrstatcode")
    match = re.fullmatch(r"(\d{4})(\w+)", str(jrstatcode or "").strip())
    if not match:
        reason = _("no boundary year: give --year or a jrstatcode such as 2024GM0363")
        return None, [ImportProblem(number, "jrstatcode", reason)]
    if int(match.group(1)) not in YEARS:
        reason = _("jrstatcode %(jrstatcode)s does not start with a plausible year") % {
            "jrstatcode": jrstatcode
        }
        return None, [ImportProblem(number, "jrstatcode", reason)]
    if code and match.group(2) != code:
        reason = _("jrstatcode %(jrstatcode)s does not belong to statcode %(code)s") % {
            "jrstatcode": jrstatcode,
            "code": code,
        }
        return None, [ImportProblem(number, "jrstatcode", reason)]
    return int(match.group(1)), []


def _inside_netherlands(geom) -> bool:
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    box = NETHERLANDS_BBOX
    return box[0] <= min_lon and box[1] <= min_lat and max_lon <= box[2] and max_lat <= box[3]


def _is_polygonal(geom) -> bool:
    return geom.geom_type in POLYGONAL and not geom.is_empty and geom.is_valid


def _repair(geom):
    """A valid polygonal version of ``geom`` covering the same area, or None."""
    repaired = shapely.make_valid(geom)  # keeps all area, may add lines or points
    if _is_polygonal(repaired):
        return repaired
    buffered = geom.buffer(0)  # drops those lines and points
    if _is_polygonal(buffered) and abs(buffered.area - repaired.area) <= 0.01 * repaired.area:
        return buffered
    return None


def _geometry(raw: Any, number: int) -> tuple[dict | None, bool, list[ImportProblem]]:
    """The checked GeoJSON geometry, whether it was repaired, and the problems."""

    def problem(reason: str):
        return None, False, [ImportProblem(number, "geometry", reason)]

    if not isinstance(raw, dict) or raw.get("type") not in POLYGONAL:
        kind = raw.get("type") if isinstance(raw, dict) else None
        return problem(
            _("geometry must be a Polygon or MultiPolygon, not %(kind)s") % {"kind": kind}
        )
    try:
        geom = shapely.geometry.shape(raw)
    except Exception:  # shapely raises several kinds for malformed coordinates
        return problem(_("the coordinates do not form a polygon"))
    if geom.is_empty:
        return problem(_("the geometry is empty"))
    if not _inside_netherlands(geom):
        return problem(
            _(
                "coordinates lie outside the Netherlands; the file must use WGS84 "
                "longitude/latitude (EPSG:4326)"
            )
        )
    if geom.is_valid:
        return {"type": raw["type"], "coordinates": raw["coordinates"]}, False, []
    repaired = _repair(geom)
    if repaired is None:
        return problem(
            _("invalid geometry (%(why)s) that cannot be repaired into a polygon")
            % {"why": shapely.is_valid_reason(geom)}
        )
    return json.loads(shapely.to_geojson(repaired)), True, []


def check_feature(
    number: int, feature: Any, level: Level, year: int | None = None
) -> tuple[ParsedFeature | None, list[ImportProblem]]:
    """Check one feature without touching the database; never raises on bad input."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, [ImportProblem(number, "type", _("not a GeoJSON Feature"))]
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        properties = {}
    problems: list[ImportProblem] = []

    code = str(properties.get("statcode") or "").strip()
    if not code:
        problems.append(ImportProblem(number, "statcode", _("the code is missing")))
    elif not level.code_pattern().fullmatch(code):
        reason = _(
            "code %(code)s is not a %(level)s code (%(prefix)s followed by %(digits)d digits); "
            "check the file and --level"
        ) % {"code": code, "level": level.name, "prefix": level.prefix, "digits": level.digits}
        problems.append(ImportProblem(number, "statcode", reason))

    name = str(properties.get("statnaam") or "").strip()
    if not name:
        problems.append(ImportProblem(number, "statnaam", _("the name is missing")))
    elif len(name) > MAX_NAME_LENGTH:
        reason = _("the name is longer than %(max)d characters") % {"max": MAX_NAME_LENGTH}
        problems.append(ImportProblem(number, "statnaam", reason))

    feature_year, year_problems = _year(properties, code, year, number)
    population, population_problems = _population(properties, number)
    geometry, repaired, geometry_problems = _geometry(feature.get("geometry"), number)
    problems += year_problems + population_problems + geometry_problems
    if problems:
        return None, problems
    return ParsedFeature(number, code, name, feature_year, population, geometry, repaired), []


def check_features(
    data: Any, level: Level, year: int | None = None
) -> tuple[list[ParsedFeature], list[ImportProblem]]:
    """Check every feature of a FeatureCollection, and that no code occurs twice."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [], [ImportProblem(None, "type", _("the file is not a GeoJSON FeatureCollection"))]
    features = data.get("features")
    if not isinstance(features, list) or not features:
        return [], [ImportProblem(None, "features", _("the file holds no features"))]
    parsed: list[ParsedFeature] = []
    problems: list[ImportProblem] = []
    first_seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        result, feature_problems = check_feature(number, feature, level, year)
        problems += feature_problems
        if result is None:
            continue
        if result.code in first_seen:
            reason = _("code %(code)s also appears in feature %(first)d") % {
                "code": result.code,
                "first": first_seen[result.code],
            }
            problems.append(ImportProblem(number, "statcode", reason))
            continue
        first_seen[result.code] = number
        parsed.append(result)
    return parsed, problems


# --- parents and writing ----------------------------------------------------------------------


def municipality_code(code: str) -> str:
    """The municipality of a district or neighbourhood code: WK036301 -> GM0363."""
    return "GM" + code[2:6]


def district_code(code: str) -> str:
    """The district of a neighbourhood code: BU03630100 -> WK036301."""
    return "WK" + code[2:8]


def _parent_ids(parsed: list[ParsedFeature], level: Level):
    """Per code, the foreign keys to its parents; problems for parents not in the database."""
    parents: dict[str, dict[str, int]] = {}
    problems: list[ImportProblem] = []
    if level.name not in ("wijk", "buurt"):
        return parents, problems
    municipalities = dict(Municipality.objects.values_list("code", "pk"))
    districts = dict(District.objects.values_list("code", "pk")) if level.name == "buurt" else {}
    for feature in parsed:
        ids: dict[str, int] = {}
        wanted = [("municipality_id", municipality_code(feature.code), municipalities)]
        if level.name == "buurt":
            wanted.append(("district_id", district_code(feature.code), districts))
        for attname, code, known in wanted:
            if code in known:
                ids[attname] = known[code]
            else:
                reason = _("%(parent)s is not in the database; import it first") % {"parent": code}
                problems.append(ImportProblem(feature.number, "statcode", reason))
        parents[feature.code] = ids
    return parents, problems


def _write(parsed: list[ParsedFeature], level: Level, parents, result: ImportResult) -> None:
    model = level.model
    existing = {obj.code: obj for obj in model.objects.all()}
    now = timezone.now()
    to_create, to_update = [], []
    for feature in parsed:
        values: dict[str, Any] = {
            "name": feature.name,
            "boundary_year": feature.year,
            "geometry": feature.geometry,
            **parents.get(feature.code, {}),
        }
        # A boundary file without population keeps the figure already stored.
        if feature.population is not None:
            values["population"] = feature.population
        obj = existing.get(feature.code)
        if obj is None:
            obj = model(code=feature.code, **values)
            obj.set_bbox()
            to_create.append(obj)
        elif any(getattr(obj, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(obj, key, value)
            obj.set_bbox()
            obj.updated = now
            to_update.append(obj)
        else:
            result.unchanged += 1
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    update_fields = ["name", "boundary_year", "geometry", "population", "updated"]
    update_fields += ["min_lon", "min_lat", "max_lon", "max_lat"]
    update_fields += sorted({key.removesuffix("_id") for ids in parents.values() for key in ids})
    model.objects.bulk_update(to_update, update_fields, batch_size=BATCH_SIZE)
    result.created, result.updated = len(to_create), len(to_update)


def link_police_units() -> tuple[int, list[str]]:
    """Link every municipality to the police unit that contains its representative point.

    Returns how many links changed and the codes of municipalities in no police unit (those
    keep their current link).
    """
    units = list(PoliceUnit.objects.order_by("code").values_list("pk", "geometry"))
    municipalities = list(Municipality.objects.order_by("code"))
    if not units or not municipalities:
        return 0, []
    unit_ids = [pk for pk, _geometry in units]
    tree = shapely.STRtree([shapely.geometry.shape(geometry) for _pk, geometry in units])
    points = [shapely.geometry.shape(m.geometry).representative_point() for m in municipalities]
    point_index, unit_index = tree.query(points, predicate="intersects")
    found: dict[int, int] = {}
    for p, u in sorted(zip(point_index.tolist(), unit_index.tolist(), strict=True)):
        found.setdefault(p, unit_ids[u])
    now = timezone.now()
    changed, unlinked = [], []
    for i, municipality in enumerate(municipalities):
        unit_id = found.get(i)
        if unit_id is None:
            unlinked.append(municipality.code)
        elif municipality.police_unit_id != unit_id:
            municipality.police_unit_id = unit_id
            municipality.updated = now
            changed.append(municipality)
    Municipality.objects.bulk_update(changed, ["police_unit", "updated"], batch_size=BATCH_SIZE)
    return len(changed), unlinked


def import_geography(data: Any, level: str, year: int | None = None, user=None) -> ImportResult:
    """Import a parsed GeoJSON FeatureCollection; raises GeographyImportError on any problem."""
    from overvalregie.audit.models import AuditAction
    from overvalregie.audit.services import record

    spec = LEVELS[level]
    if year is not None and year not in YEARS:
        reason = _("year %(year)d is not a plausible boundary year") % {"year": year}
        raise GeographyImportError([ImportProblem(None, "year", reason)])
    with transaction.atomic():
        parsed, problems = check_features(data, spec, year)
        parents, parent_problems = _parent_ids(parsed, spec)
        problems = sorted(problems + parent_problems, key=lambda p: p.feature or 0)
        if problems:
            raise GeographyImportError(problems)
        result = ImportResult(level=level, years=sorted({feature.year for feature in parsed}))
        result.repaired = sum(feature.repaired for feature in parsed)
        _write(parsed, spec, parents, result)
        if level in ("regionale_eenheid", "gemeente"):
            result.linked, result.unlinked = link_police_units()
        record(
            user,
            AuditAction.IMPORT,
            object_type=spec.model._meta.label_lower,
            purpose="import-geography",
            detail=result.as_detail(),
        )
    return result


def import_geography_file(
    path: str | Path, level: str, year: int | None = None, user=None
) -> ImportResult:
    """Read a GeoJSON file and import it (see :func:`import_geography`)."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        reason = _("cannot read %(path)s as GeoJSON: %(error)s") % {"path": path, "error": error}
        raise GeographyImportError([ImportProblem(None, "file", reason)]) from error
    return import_geography(data, level, year=year, user=user)
