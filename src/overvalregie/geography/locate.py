"""Which neighbourhood, district, municipality and police unit a point lies in.

The boundaries are loaded once per process into shapely STRtree indexes. Each lookup first asks
the database for a small version (per level: row count, highest id, last change, in one query)
and rebuilds the indexes when it differs, so an import in another process is picked up by the
next lookup. Use :func:`locate_many` for many points: it queries the trees vectorised.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
import shapely.geometry
from django.db import connection

from overvalregie.geography.models import District, Municipality, Neighbourhood, PoliceUnit

#: Smallest level first: the order in which points are matched.
LEVEL_MODELS = (Neighbourhood, District, Municipality, PoliceUnit)


@dataclass(frozen=True)
class AreaRef:
    """An area as the index knows it. Use ``id`` for foreign keys (``municipality_id=...``)."""

    id: int
    code: str
    name: str

    @property
    def pk(self) -> int:
        return self.id


@dataclass(frozen=True)
class Location:
    municipality: AreaRef | None = None
    district: AreaRef | None = None
    neighbourhood: AreaRef | None = None
    police_unit: AreaRef | None = None


@dataclass(frozen=True, eq=False)
class _Layer:
    """One level: refs and geometries in tree order, plus each area's parent ids."""

    refs: tuple[AreaRef, ...]
    tree: shapely.STRtree | None
    position: dict[int, int]  # area id -> tree index
    district_ids: tuple[int | None, ...] = ()
    municipality_ids: tuple[int | None, ...] = ()
    police_unit_ids: tuple[int | None, ...] = ()

    def first_matches(self, points: np.ndarray) -> np.ndarray:
        """Per point, the tree index of the first (lowest code) area containing it, or -1."""
        found = np.full(len(points), -1, dtype=np.intp)
        if self.tree is None or len(points) == 0:
            return found
        point_index, area_index = self.tree.query(points, predicate="intersects")
        order = np.lexsort((area_index, point_index))
        point_index, area_index = point_index[order], area_index[order]
        _unique, first = np.unique(point_index, return_index=True)
        found[point_index[first]] = area_index[first]
        return found

    def ref(self, pk: int | None) -> AreaRef | None:
        position = self.position.get(pk)
        return None if position is None else self.refs[position]


@dataclass(frozen=True, eq=False)
class GeographyIndex:
    neighbourhoods: _Layer
    districts: _Layer
    municipalities: _Layer
    police_units: _Layer

    def locate_points(self, points: np.ndarray) -> list[Location]:
        """Locate an array of shapely points (see :func:`locate_many`)."""
        n = len(points)
        neighbourhood = self.neighbourhoods.first_matches(points)
        district = np.full(n, -1, dtype=np.intp)
        municipality = np.full(n, -1, dtype=np.intp)
        police_unit = np.full(n, -1, dtype=np.intp)
        # Larger levels only for the points a smaller level did not place.
        rest = np.flatnonzero(neighbourhood < 0)
        district[rest] = self.districts.first_matches(points[rest])
        rest = rest[district[rest] < 0]
        municipality[rest] = self.municipalities.first_matches(points[rest])

        locations = []
        unplaced_units: list[int] = []
        for i in range(n):
            nb = dist = mun = None
            if neighbourhood[i] >= 0:
                j = neighbourhood[i]
                nb = self.neighbourhoods.refs[j]
                dist = self.districts.ref(self.neighbourhoods.district_ids[j])
                mun = self.municipalities.ref(self.neighbourhoods.municipality_ids[j])
            elif district[i] >= 0:
                j = district[i]
                dist = self.districts.refs[j]
                mun = self.municipalities.ref(self.districts.municipality_ids[j])
            elif municipality[i] >= 0:
                mun = self.municipalities.refs[municipality[i]]
            unit = None
            if mun is not None:
                j = self.municipalities.position[mun.id]
                unit = self.police_units.ref(self.municipalities.police_unit_ids[j])
            if unit is None:
                unplaced_units.append(i)
            locations.append(Location(mun, dist, nb, unit))

        # Points in no municipality, or in one not linked to a police unit: ask the units.
        if unplaced_units:
            rest = np.asarray(unplaced_units, dtype=np.intp)
            police_unit[rest] = self.police_units.first_matches(points[rest])
            for i in rest[police_unit[rest] >= 0]:
                unit = self.police_units.refs[police_unit[i]]
                location = locations[i]
                locations[i] = Location(
                    location.municipality, location.district, location.neighbourhood, unit
                )
        return locations


def _layer(model, parents: Sequence[str]) -> _Layer:
    rows = list(
        model.objects.order_by("code").values_list("pk", "code", "name", "geometry", *parents)
    )
    refs = tuple(AreaRef(row[0], row[1], row[2]) for row in rows)
    geometries = [shapely.geometry.shape(row[3]) for row in rows]
    tree = shapely.STRtree(geometries) if geometries else None
    columns = {f"{parent}s": tuple(row[4 + k] for row in rows) for k, parent in enumerate(parents)}
    position = {ref.id: i for i, ref in enumerate(refs)}
    return _Layer(refs, tree, position, **columns)


def build_index() -> GeographyIndex:
    """Load every boundary from the database: one query per level."""
    return GeographyIndex(
        neighbourhoods=_layer(Neighbourhood, ["district_id", "municipality_id"]),
        districts=_layer(District, ["municipality_id"]),
        municipalities=_layer(Municipality, ["police_unit_id"]),
        police_units=_layer(PoliceUnit, []),
    )


def geography_version() -> tuple:
    """Per level: row count, highest id and last change. One query."""
    quote = connection.ops.quote_name
    selects = [
        f"SELECT {i}, COUNT(*), MAX({quote('id')}), MAX({quote('updated')}) "
        f"FROM {quote(model._meta.db_table)}"
        for i, model in enumerate(LEVEL_MODELS)
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects))
        return tuple(sorted(tuple(str(value) for value in row) for row in cursor.fetchall()))


_lock = threading.Lock()
_cache: tuple[tuple, GeographyIndex] | None = None


def current_index() -> GeographyIndex:
    """The index for the boundaries now in the database, rebuilt only when they changed."""
    global _cache
    version = geography_version()
    cached = _cache
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cache is None or _cache[0] != version:
            _cache = (version, build_index())
        return _cache[1]


def clear_index_cache() -> None:
    global _cache
    with _lock:
        _cache = None


def locate(lon: float, lat: float) -> Location:
    """The areas a WGS84 point lies in; levels without a match are None.

    The smallest level that matches decides: a point in a neighbourhood gets that
    neighbourhood's district and municipality; the police unit is the municipality's, or the
    unit containing the point when the municipality has none.
    """
    return locate_many([lon], [lat])[0]


def locate_many(
    lons: Sequence[float] | np.ndarray, lats: Sequence[float] | np.ndarray
) -> list[Location]:
    """:func:`locate` for many points at once (one version query, vectorised tree queries)."""
    points = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
    return current_index().locate_points(np.atleast_1d(points))
