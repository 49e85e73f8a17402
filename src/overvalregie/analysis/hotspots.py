"""Hotspots on a grid: Getis-Ord Gi* with permutation p-values, and kernel density.

Both work on the cells of a :class:`~overvalregie.analysis.grid.Grid` (projected metres; row 0
at the lowest y) and run in well under a second on a million cells: the neighbourhood sums of
Gi* are a 3 x 3 box filter, the kernel density is an FFT convolution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import fft, ndimage

from overvalregie.analysis.grid import Grid, grid_for

#: The police's grid: 125 m cells.
DEFAULT_CELL_SIZE = 125.0

#: Two-sided standard normal thresholds for 90, 95 and 99 % confidence.
Z_THRESHOLDS = (1.645, 1.960, 2.576)

#: Gi* class (sign = hot/cold, size = confidence level) -> label.
GI_CLASS_LABELS: dict[int, str] = {
    3: "hot spot, 99% confidence",
    2: "hot spot, 95% confidence",
    1: "hot spot, 90% confidence",
    0: "not significant",
    -1: "cold spot, 90% confidence",
    -2: "cold spot, 95% confidence",
    -3: "cold spot, 99% confidence",
}

Kernel = Literal["gaussian", "quartic"]

#: How far a kernel reaches, in bandwidths: the gaussian is cut off at 4 h (3.4e-4 of its mass
#: lies beyond), the quartic ends at h.
KERNEL_REACH = {"gaussian": 4.0, "quartic": 1.0}

#: How far the caller pads a grid so the density on it holds (nearly) all of every event's
#: kernel: 3 h for the gaussian (0.5 % of its mass lies outside a 3 h square), h for the quartic.
KERNEL_PAD = {"gaussian": 3.0, "quartic": 1.0}

#: The smallest bandwidth, in cell sizes, for which sampling the kernel at cell centres still
#: makes sense (below it most of an event's kernel falls between cell centres).
MIN_BANDWIDTH_CELLS = {"gaussian": 0.5, "quartic": 1.0}


#: Sub-lattice nodes per bandwidth for binning events (see kernel_density): linear binning is
#: off by about (spacing / h)^2 times the kernel's curvature, and the quartic is steep near its
#: edge, so it needs a finer lattice to stay within 2 % where its value is small.
NODES_PER_BANDWIDTH = {"gaussian": 8, "quartic": 32}
#: At most this many sub-lattice nodes per cell along an axis (and so at most 32 x 32 phases).
MAX_NODES_PER_CELL = 32


@dataclass(frozen=True)
class GiStarResult:
    z: np.ndarray  # float64, shape of counts
    p: np.ndarray | None  # pseudo p-values from permutations; None with permutations=0
    classes: np.ndarray  # int8 -3..3, see GI_CLASS_LABELS
    permutations: int


@dataclass(frozen=True)
class KdeResult:
    grid: Grid
    density: np.ndarray  # events per square metre at each cell centre, shape grid.shape
    bandwidth: float  # metres
    kernel: str
    n: int  # number of events


# --------------------------------------------------------------------------------------------
# Getis-Ord Gi*
# --------------------------------------------------------------------------------------------


def _box_sum(values: np.ndarray) -> np.ndarray:
    """Sum over each cell and its 8 neighbours (cells beyond the edge count as absent)."""
    ones = np.ones(3)
    summed = ndimage.correlate1d(values, ones, axis=0, mode="constant", cval=0.0)
    return ndimage.correlate1d(summed, ones, axis=1, mode="constant", cval=0.0)


def _neighbour_counts(shape: tuple[int, int]) -> np.ndarray:
    """Number of cells in each cell's 3 x 3 neighbourhood on the grid, itself included."""
    rows, cols = (_cells_in_window(size) for size in shape)
    return np.multiply.outer(rows, cols)


def _cells_in_window(size: int) -> np.ndarray:
    """Per position along one axis: how many of positions i - 1, i, i + 1 exist."""
    index = np.arange(size)
    return np.minimum(index + 1, size - 1) - np.maximum(index - 1, 0) + 1


def gi_classes(z: np.ndarray) -> np.ndarray:
    """-3..3: sign of z times the highest confidence level (90/95/99 %) its size reaches."""
    level = np.zeros(z.shape, dtype=np.int8)
    for step, threshold in enumerate(Z_THRESHOLDS, start=1):
        level[np.abs(z) >= threshold] = step
    return (np.sign(z).astype(np.int8) * level).astype(np.int8)


def getis_ord_gi_star(
    counts: np.ndarray, *, permutations: int = 999, seed: int | None = None
) -> GiStarResult:
    """Local Getis-Ord Gi* over a 2-D grid of counts (or any non-negative values).

    Weights are binary: the cell itself and its (up to) 8 queen neighbours. The z-scores are
    those of esda's ``G_Local(y, w, star=True, transform="B")``:

        G_i = S_i / T,  S_i = sum of the k_i values in the neighbourhood, T = total, n = cells
        E[G_i] = k_i / n
        V[G_i] = k_i (n - k_i) / (n - 1) / n^2 * s^2 / ybar^2
        z_i = (G_i - E[G_i]) / sqrt(V[G_i])

    with ``ybar`` the mean and ``s^2`` the population variance (mean of squares minus squared
    mean) of all n values. This is Getis and Ord's (1995) Gi* z-score. Where it is undefined
    (every value equal, or a neighbourhood covering the whole grid) z is 0 and p is 1, where
    esda would give NaN.

    Permutation p-values follow esda's conditional randomisation: the cell keeps its own value,
    its k_i - 1 neighbours are drawn without replacement from the other n - 1 values;
    ``p = (larger + 1) / (permutations + 1)`` where ``larger`` counts random draws at least as
    large as the observed sum, or, when most draws are, those smaller (esda's one-sided
    "directed" p_sim). As in esda's conditional randomisation engine (``esda.crand``), every
    cell reuses the same random draws: permutation j draws one sequence of distinct cells, and
    cell i takes its first k_i - 1 entries, skipping i itself (hence one spare draw). Each
    cell's p-value is a valid Monte Carlo p-value for its own null distribution, but the
    p-values of different cells are not independent of each other. Sharing the draws turns
    the work into sorting a few sets of ``permutations`` sums, one binary search per cell, and
    a correction for the ~8 cells per permutation that drew themselves.
    """
    y = np.asarray(counts, dtype=np.float64)
    if y.ndim != 2 or y.size == 0:
        raise ValueError("counts must be a non-empty 2-D array")
    if not np.isfinite(y).all():
        raise ValueError("counts must be finite")
    if permutations < 0:
        raise ValueError("permutations must be >= 0")
    n = y.size
    neighbourhood = _box_sum(y)  # S_i
    k = _neighbour_counts(y.shape).astype(np.float64)  # k_i, self included

    total = y.sum()
    mean = total / n
    variance = (y * y).sum() / n - mean * mean
    z = np.zeros(y.shape)
    defined = (k < n) & (variance > 0) & (total != 0)
    if defined.any():
        statistic = neighbourhood[defined] / total
        expected = k[defined] / n
        expected_variance = k[defined] * (n - k[defined]) / (n - 1) / n**2
        expected_variance *= variance / mean**2
        z[defined] = (statistic - expected) / np.sqrt(expected_variance)

    p = None
    if permutations:
        p = _permutation_p_values(y, neighbourhood, k, permutations, seed)
        p[~defined] = 1.0
    return GiStarResult(z=z, p=p, classes=gi_classes(z), permutations=permutations)


def _permutation_p_values(
    y: np.ndarray,
    neighbourhood: np.ndarray,
    k: np.ndarray,
    permutations: int,
    seed: int | None,
) -> np.ndarray:
    values = y.ravel()
    n = values.size
    others = (k.ravel() - 1).astype(np.int64)  # how many values each cell draws
    most = int(others.max())
    # The random sum must reach S_i - y_i (the neighbours' observed sum) for a cell to count it.
    needed = (neighbourhood.ravel() - values).astype(np.float64)

    rng = np.random.default_rng(seed)
    # One sequence of most + 1 distinct cells per permutation (one spare to replace the cell
    # itself when it was drawn).
    draws = np.stack([rng.choice(n, size=most + 1, replace=False) for _ in range(permutations)])
    drawn = values[draws]
    partial = np.concatenate([np.zeros((permutations, 1)), np.cumsum(drawn, axis=1)], axis=1)

    larger = np.zeros(n, dtype=np.int64)
    for size in np.unique(others):
        cells = np.flatnonzero(others == size)
        sums = np.sort(partial[:, size])
        larger[cells] = permutations - np.searchsorted(sums, needed[cells], side="left")

    # Correct the few (cell, permutation) pairs where the cell drew itself: its sum swaps its own
    # value for the spare draw.
    perm, position = np.divmod(np.arange(permutations * most), most)
    cell = draws[perm, position]
    size = others[cell]
    hit = position < size
    perm, cell, size = perm[hit], cell[hit], size[hit]
    shared = partial[perm, size]
    own = shared - values[cell] + values[draws[perm, size]]
    change = (own >= needed[cell]).astype(np.int64) - (shared >= needed[cell]).astype(np.int64)
    np.add.at(larger, cell, change)

    low = (permutations - larger) < larger
    larger[low] = permutations - larger[low]
    return ((larger + 1) / (permutations + 1)).reshape(y.shape)


# --------------------------------------------------------------------------------------------
# Kernel density
# --------------------------------------------------------------------------------------------


def _kernel(kernel: str, distance_squared: np.ndarray, bandwidth: float) -> np.ndarray:
    h2 = bandwidth * bandwidth
    if kernel == "gaussian":
        return np.exp(-distance_squared / (2.0 * h2)) / (2.0 * math.pi * h2)
    if kernel == "quartic":
        inside = distance_squared < h2
        return np.where(inside, 3.0 / (math.pi * h2) * (1.0 - distance_squared / h2) ** 2, 0.0)
    raise ValueError(f"kernel must be 'gaussian' or 'quartic', not {kernel!r}")


def padded_grid(
    x: np.ndarray,
    y: np.ndarray,
    cell_size: float = DEFAULT_CELL_SIZE,
    *,
    bandwidth: float,
    kernel: Kernel = "gaussian",
) -> Grid:
    """``grid_for`` widened by KERNEL_PAD bandwidths, so the density on it sums to ~n events."""
    if kernel not in KERNEL_PAD:
        raise ValueError(f"kernel must be 'gaussian' or 'quartic', not {kernel!r}")
    pad = math.ceil(KERNEL_PAD[kernel] * bandwidth / cell_size)
    return grid_for(x, y, cell_size, pad=pad)


def kernel_density(
    x: np.ndarray,
    y: np.ndarray,
    grid: Grid,
    *,
    bandwidth: float,
    kernel: Kernel = "gaussian",
) -> KdeResult:
    """Kernel density of the events at the centre of each cell of ``grid``, in events per m².

    ``gaussian``: K(d) = exp(-d²/2h²) / (2 pi h²), cut off at 4 h.
    ``quartic``: K(d) = 3/(pi h²) (1 - d²/h²)² for d < h.

    Every event must lie on ``grid``. The density is evaluated only at the grid's cell centres,
    so the part of a kernel that reaches beyond the grid is not shown: on a grid padded by
    :func:`padded_grid`, ``density.sum() * grid.cell_area`` is n to within 0.6 % (gaussian) or
    exactly (quartic); on an unpadded grid it is less.

    How: the events are binned linearly (each split over its four nearest nodes) onto a
    sub-lattice whose nodes include the cell centres, with a spacing of at most h / 8 (gaussian)
    or h / 32 (quartic), capped at 32 nodes per cell. Nodes at the same position within their
    cell (a "phase") share one kernel sampled at cell spacing; each phase is convolved by FFT,
    zero-padded so nothing wraps, and the phases are summed in the frequency domain. The work is
    about phases x cells, so a quartic with a bandwidth of a few cells on a million-cell grid
    takes seconds rather than a fraction of one.

    Each phase's sampled kernel is scaled to sum to exactly 1 / cell_area, so each event adds
    exactly one event to the total however coarse the cells. That scale factor is the
    kernel's aliasing error and, with binning, all that separates the values from exact
    evaluation at the cell centres. Measured against exact evaluation on cells above 5 % of
    the maximum: within 1 % for the gaussian with h >= 0.75 cell (about 3 % at 0.5 cell); for
    the quartic, whose edge is not smooth, within 1.5 % for h >= 2 cells but up to 7 % at 1 cell.
    Smaller bandwidths than 0.5 cell (gaussian) or 1 cell (quartic) raise ValueError: most of a
    kernel would fall between cell centres.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if kernel not in KERNEL_REACH:
        raise ValueError(f"kernel must be 'gaussian' or 'quartic', not {kernel!r}")
    if not bandwidth > 0 or not math.isfinite(bandwidth):
        raise ValueError(f"bandwidth must be a positive number, not {bandwidth!r}")
    cell = grid.cell_size
    if bandwidth < MIN_BANDWIDTH_CELLS[kernel] * cell:
        raise ValueError(
            f"a {kernel} bandwidth must be at least {MIN_BANDWIDTH_CELLS[kernel]:g} x the cell "
            f"size ({cell:g} m); use smaller cells or a larger bandwidth"
        )
    grid.cell_indices(x, y)  # every event on the grid, or ValueError

    # Sub-lattice: `factor` nodes per cell along each axis, node 0 at the first cell centre.
    factor = math.ceil(NODES_PER_BANDWIDTH[kernel] * cell / bandwidth)
    factor = min(MAX_NODES_PER_CELL, max(1, factor))
    step = cell / factor
    rows, cols = grid.shape
    # Node m (per axis) sits at centre_0 + m * step; shift by one cell so indices start at 0.
    # Per axis: phase a = M % factor, coarse index j = M // factor (cell j - 1's centre + a*step).
    ur = (y - (grid.y0 + cell / 2)) / step + factor
    uc = (x - (grid.x0 + cell / 2)) / step + factor
    mr, mc = np.floor(ur).astype(np.int64), np.floor(uc).astype(np.int64)
    tr, tc = ur - mr, uc - mc
    node_r = np.concatenate([mr, mr, mr + 1, mr + 1])
    node_c = np.concatenate([mc, mc + 1, mc, mc + 1])
    weight = np.concatenate([(1 - tr) * (1 - tc), (1 - tr) * tc, tr * (1 - tc), tr * tc])
    coarse_shape = (rows + 2, cols + 2)
    phase = (node_r % factor) * factor + node_c % factor
    coarse = (node_r // factor) * coarse_shape[1] + node_c // factor

    reach = KERNEL_REACH[kernel] * bandwidth
    offset_min = -math.ceil(reach / cell)  # kernel offsets t (cells) from offset_min ...
    offset_max = math.ceil(reach / cell) + 1  # ... to offset_max, inclusive
    offsets = np.arange(offset_min, offset_max + 1) * cell
    length = offsets.size
    fft_shape = tuple(fft.next_fast_len(size + length - 1, real=True) for size in coarse_shape)

    order = np.argsort(phase, kind="stable")
    bounds = np.searchsorted(phase[order], np.arange(factor * factor + 1))
    spectrum = None
    for p in range(factor * factor):
        chosen = order[bounds[p] : bounds[p + 1]]
        if chosen.size == 0:
            continue
        a, b = divmod(p, factor)
        binned = np.bincount(
            coarse[chosen], weights=weight[chosen], minlength=coarse_shape[0] * coarse_shape[1]
        ).reshape(coarse_shape)
        # Kernel at (centre of cell i) - (node) = (i - j + 1) * cell - a * step, per axis.
        dy = offsets - a * step
        dx = offsets - b * step
        sampled = _kernel(kernel, dy[:, None] ** 2 + dx[None, :] ** 2, bandwidth)
        total = sampled.sum()
        if total <= 0:  # cannot happen above MIN_BANDWIDTH_CELLS; guard anyway
            raise ValueError("bandwidth too small for the cell size")
        sampled /= total * grid.cell_area
        term = fft.rfft2(binned, fft_shape) * fft.rfft2(sampled, fft_shape)
        spectrum = term if spectrum is None else spectrum + term
    full = fft.irfft2(spectrum, fft_shape)
    # Full convolution index q = j + (t - offset_min) with t = i - j + 1, so q = i + 1 - offset_min.
    start = 1 - offset_min
    density = full[start : start + rows, start : start + cols]
    density = np.maximum(density, 0.0)  # FFT round-off leaves tiny negatives where it is ~0
    return KdeResult(
        grid=grid, density=density, bandwidth=float(bandwidth), kernel=kernel, n=int(x.size)
    )
