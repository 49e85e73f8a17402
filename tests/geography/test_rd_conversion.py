"""WGS84 <-> RD New (EPSG:28992) against the published Amersfoort reference point."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from overvalregie.geography.spatial import to_rd, to_wgs84

# The RD origin at the Onze Lieve Vrouwetoren in Amersfoort (RDNAPTRANS reference values).
AMERSFOORT_RD = (155_000.0, 463_000.0)
AMERSFOORT_WGS84 = (5.38720621, 52.15517440)  # lon, lat


def _metres_between(lon1, lat1, lon2, lat2) -> float:
    dy = (lat2 - lat1) * 111_320
    dx = (lon2 - lon1) * 111_320 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy)


def test_amersfoort_to_rd_within_a_metre():
    x, y = to_rd(*AMERSFOORT_WGS84)
    assert math.hypot(x - AMERSFOORT_RD[0], y - AMERSFOORT_RD[1]) < 1.0


def test_amersfoort_to_wgs84_within_a_metre():
    lon, lat = to_wgs84(*AMERSFOORT_RD)
    assert _metres_between(lon, lat, *AMERSFOORT_WGS84) < 1.0


def test_arrays_convert_like_scalars():
    lons, lats = np.array([4.8936, 5.3872]), np.array([52.3731, 52.1552])
    xs, ys = to_rd(lons, lats)
    assert (xs[1], ys[1]) == to_rd(lons[1], lats[1])


@given(lon=st.floats(3.2, 7.3), lat=st.floats(50.7, 53.7))
def test_round_trip_over_the_netherlands(lon, lat):
    x, y = to_rd(lon, lat)
    assert -10_000 < x < 300_000 and 270_000 < y < 640_000
    back_lon, back_lat = to_wgs84(x, y)
    assert _metres_between(lon, lat, back_lon, back_lat) < 0.01
