"""Benchmark: Gi* against esda's G_Local and kernel density against scikit-learn.

    python tests/bench/bench_hotspots.py [--esda-budget 60] [--kde-sample 20000]

Gi*: a 1000 x 1000 grid of Poisson counts with 999 permutations, ours beside esda's
``G_Local(star=True, transform="B", n_jobs=1)`` on the largest of 100 x 100, 200 x 200, ...
that fits in ``--esda-budget`` seconds in all, its time per cell scaled to a million cells.
Without numba esda's per-cell work also grows with the grid, so the linear scaling flatters it.

Kernel density: the 12,334 Chicago burglaries of 2014 (``../shared/data/chicago-nearrepeat``)
onto about a million cells, gaussian kernel, ours beside scikit-learn's ``KernelDensity``
(``score_samples`` on ``--kde-sample`` cell centres, scaled to all cells); the two are also
compared on those cells. The peak memory beside ours is what it allocated itself (tracemalloc,
which sees NumPy's arrays); the process's peak (ru_maxrss) is printed at the end.
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from overvalregie.analysis.grid import grid_for  # noqa: E402
from overvalregie.analysis.hotspots import getis_ord_gi_star, kernel_density  # noqa: E402
from overvalregie.analysis.points import read_events  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "chicago-nearrepeat" / "chicago_burglary_2014_2017.csv"
SIDE = 1000  # Gi* grid: SIDE x SIDE cells
PERMUTATIONS = 999
BANDWIDTH = 250.0  # metres, kernel density


def process_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed(function, *args, **kwargs):
    """(result, seconds, peak MiB allocated during the call)."""
    tracemalloc.start()
    started = time.perf_counter()
    result = function(*args, **kwargs)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, seconds, peak


def esda_gi_star(counts: np.ndarray) -> float:
    """Seconds for esda's G_Local with 999 permutations on one process."""
    from esda.getisord import G_Local
    from libpysal.weights import lat2W

    w = lat2W(*counts.shape, rook=False)
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G_Local(
            counts.ravel().astype(float),
            w,
            transform="B",
            star=True,
            permutations=PERMUTATIONS,
            n_jobs=1,
            seed=1,
        )
    return time.perf_counter() - started


def bench_gi(budget: float) -> None:
    counts = np.random.default_rng(1).poisson(2.0, size=(SIDE, SIDE))
    _, ours, peak = timed(getis_ord_gi_star, counts, permutations=PERMUTATIONS, seed=1)
    print(
        f"gi* {counts.size:,} cells, {PERMUTATIONS} permutations: ours {ours:.2f} s, "
        f"peak memory {peak:.0f} MiB",
        flush=True,
    )

    spent, largest, per_cell = 0.0, 0, math.nan
    for side in range(100, SIDE + 1, 100):
        # The next size takes about (side / previous)^4 as long: esda's work is quadratic.
        if largest and spent + per_cell * side**2 * (side / largest) ** 2 > budget:
            break
        seconds = esda_gi_star(counts[:side, :side])
        spent += seconds
        largest, per_cell = side, seconds / side**2
        print(f"  esda {side} x {side}: {seconds:.1f} s", flush=True)
    scaled = per_cell * counts.size
    print(
        f"gi* {counts.size:,} cells: ours {ours:.2f} s, esda {scaled:,.0f} s "
        f"(scaled linearly from {largest**2:,} cells), ratio {scaled / ours:,.0f}x",
        flush=True,
    )


def bench_kde(sample: int) -> None:
    from sklearn.neighbors import KernelDensity

    events = read_events(DATA, "x", "y", "date_single", date_format="%d/%m/%Y")
    year = events.dates < np.datetime64("2015-01-01")
    x, y = events.x[year], events.y[year]
    area = np.ptp(x) * np.ptp(y)
    cell = round(math.sqrt(area / 1e6))  # about a million cells
    grid = grid_for(x, y, cell)

    result, ours, peak = timed(kernel_density, x, y, grid, bandwidth=BANDWIDTH, kernel="gaussian")
    print(
        f"kde {len(x):,} events onto {grid.rows} x {grid.cols} = {grid.rows * grid.cols:,} "
        f"cells of {cell} m, gaussian h = {BANDWIDTH:g} m: ours {ours:.2f} s, "
        f"peak memory {peak:.0f} MiB",
        flush=True,
    )
    _, quartic, peak = timed(kernel_density, x, y, grid, bandwidth=BANDWIDTH, kernel="quartic")
    print(f"  (quartic, same bandwidth: ours {quartic:.2f} s, peak memory {peak:.0f} MiB)")

    rng = np.random.default_rng(2)
    cells = rng.choice(grid.rows * grid.cols, size=sample, replace=False)
    rows, cols = np.unravel_index(cells, grid.shape)
    centres = np.column_stack([grid.x_centres[cols], grid.y_centres[rows]])
    started = time.perf_counter()
    model = KernelDensity(kernel="gaussian", bandwidth=BANDWIDTH).fit(np.column_stack([x, y]))
    theirs = np.exp(model.score_samples(centres)) * len(x)  # events per m²
    seconds = time.perf_counter() - started
    scaled = seconds * grid.rows * grid.cols / sample
    ours_there = result.density[rows, cols]
    strong = theirs > 0.05 * result.density.max()
    worst = np.abs(ours_there[strong] / theirs[strong] - 1).max()
    print(
        f"kde {grid.rows * grid.cols:,} cells: ours {ours:.2f} s, scikit-learn {scaled:,.0f} s "
        f"(scaled from {sample:,} cells), ratio {scaled / ours:,.0f}x; largest difference "
        f"{worst:.2%} on the {int(strong.sum())} sampled cells above 5 % of the maximum",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esda-budget", type=float, default=60.0, help="seconds for esda")
    parser.add_argument("--kde-sample", type=int, default=20_000, help="cells for scikit-learn")
    args = parser.parse_args()
    bench_gi(args.esda_budget)
    bench_kde(args.kde_sample)
    print(f"peak memory of the process: {process_peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
