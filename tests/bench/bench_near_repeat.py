"""Benchmark: the Knox near-repeat test against the straightforward all-pairs algorithm.

    python tests/bench/bench_near_repeat.py [--reference-permutations 2]

On the Chicago burglaries (``../shared/data/chicago-nearrepeat``): the 12,334 events of 2014
with 5 × 100 m and 4 × 7 day bands and 999 permutations, ours beside the all-pairs algorithm
(every pair's distance and time apart, per permutation, in row blocks) run with a few
permutations and scaled to 999; then all 45,319 events of 2014-2017 with ours alone, with
the peak memory of this process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from overvalregie.analysis.near_repeat import knox  # noqa: E402
from overvalregie.analysis.points import read_events  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "chicago-nearrepeat" / "chicago_burglary_2014_2017.csv"
BANDS = dict(spatial_bandwidth=100, spatial_bands=5, temporal_bandwidth=7, temporal_bands=4)


def all_pairs(x, y, days, permutations: int, seed: int) -> np.ndarray:
    """The straightforward algorithm: for each shuffle, every pair, row block by row block."""
    b, k = BANDS["spatial_bandwidth"], BANDS["spatial_bands"]
    t, m = BANDS["temporal_bandwidth"], BANDS["temporal_bands"]
    rng = np.random.default_rng(seed)
    tables = []
    for shuffle in range(permutations + 1):
        when = days if shuffle == 0 else rng.permutation(days)
        table = np.zeros((k + 1, m + 1), dtype=np.int64)
        for start in range(0, len(x), 256):
            rows = slice(start, start + 256)
            d = np.hypot(x[rows, None] - x[None, :], y[rows, None] - y[None, :])
            apart = np.abs(when[rows, None] - when[None, :])
            later = np.arange(len(x))[None, :] > np.arange(start, start + d.shape[0])[:, None]
            near = later & (d <= b * k)
            row = np.ceil(d[near] / b).astype(int)
            col = np.minimum(np.maximum(-(-apart[near] // t) - 1, 0), m)
            np.add.at(table, (row, col), 1)
        tables.append(table)
    return tables[0]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-permutations", type=int, default=2)
    args = parser.parse_args()
    events = read_events(DATA, "x", "y", "date_single", date_format="%d/%m/%Y")
    year = events.dates < np.datetime64("2015-01-01")
    x, y, dates = events.x[year], events.y[year], events.dates[year]
    days = dates.astype(np.int64)

    started = time.perf_counter()
    ours = knox(x, y, dates, permutations=999, seed=1, **BANDS)
    ours_s = time.perf_counter() - started

    p = args.reference_permutations
    started = time.perf_counter()
    reference = all_pairs(x, y, days, p, seed=1)
    reference_s = (time.perf_counter() - started) / (p + 1) * 1000  # observed + 999 shuffles
    assert (reference == ours.observed).all(), "the two algorithms disagree"
    print(
        f"knox 2014 ({len(x):,} events, 5 x 4 bands, 999 permutations): ours {ours_s:.2f} s, "
        f"all pairs {reference_s:.0f} s (scaled from {p} permutations), "
        f"ratio {reference_s / ours_s:.0f}x"
    )

    started = time.perf_counter()
    everything = knox(events.x, events.y, events.dates, permutations=999, seed=1, **BANDS)
    print(
        f"knox 2014-2017 ({len(events):,} events, {everything.n_pairs:,} pairs): ours "
        f"{time.perf_counter() - started:.2f} s; peak memory {peak_mib():.0f} MiB"
    )


if __name__ == "__main__":
    main()
