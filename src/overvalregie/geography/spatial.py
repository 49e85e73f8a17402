"""Geometry helpers: bounds, WGS84 <-> RD New (EPSG:28992) conversion."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
import shapely.geometry
from pyproj import Transformer


def geometry_bounds(geojson: dict) -> tuple[float, float, float, float]:
    """Bounding box (min_lon, min_lat, max_lon, max_lat) of a GeoJSON geometry."""
    return tuple(float(v) for v in shapely.geometry.shape(geojson).bounds)


@lru_cache(maxsize=1)
def _to_rd() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)


@lru_cache(maxsize=1)
def _to_wgs84() -> Transformer:
    return Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def to_rd(lon, lat):
    """WGS84 longitude/latitude to RD New x/y in metres (scalars or arrays)."""
    return _to_rd().transform(lon, lat)


def to_wgs84(x, y):
    """RD New x/y in metres to WGS84 longitude/latitude (scalars or arrays)."""
    return _to_wgs84().transform(x, y)


def geometry_to_rd(geojson: dict):
    """A GeoJSON geometry in WGS84 as a shapely geometry in RD New metres."""

    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = to_rd(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(shapely.geometry.shape(geojson), transform)
