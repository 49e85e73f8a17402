"""``overvalregie hotspots``: Getis-Ord Gi* or kernel density of events on a grid.

    overvalregie hotspots FILE --x-column X --y-column Y [--cell-size 125] --method gi|kde
        [--bandwidth H] [--kernel gaussian|quartic] [--permutations 999] [--seed S]
        [--no-header] [--json FILE]

Coordinates are projected metres (RD New in the Netherlands). The grid is the smallest grid of
``--cell-size`` cells, its lower-left corner snapped to a multiple of the cell size, that covers
every event; row 0 is the lowest y. Both methods report on that grid only. For ``kde`` the
density is evaluated at the centres of that grid's cells; kernels of events near the edge reach
beyond it, and that part is not in the output (the table says how much of the events' mass is).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from overvalregie.analysis.grid import Grid, bin_counts, grid_for
from overvalregie.analysis.hotspots import (
    DEFAULT_CELL_SIZE,
    GI_CLASS_LABELS,
    MIN_BANDWIDTH_CELLS,
    getis_ord_gi_star,
    kernel_density,
)
from overvalregie.analysis.points import InputError, read_events

#: Without --bandwidth, kde uses this many cell sizes (250 m on the 125 m grid): wide enough
#: to smooth over neighbouring cells, narrow enough to keep street-level hotspots apart.
#: Rules such as Silverman's, made for one smooth bump, give kilometres over a whole city.
DEFAULT_BANDWIDTH_CELLS = 2.0

#: Refuse grids larger than this (a typo in --cell-size or in a coordinate column).
MAX_CELLS = 25_000_000

TOP = 10


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or not np.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="overvalregie hotspots",
        description="Hotspots of events on a square grid: Getis-Ord Gi* or kernel density.",
    )
    parser.add_argument("file", type=Path, help="CSV file with one event per row")
    parser.add_argument("--x-column", required=True, help="x column (name, or 1-based position)")
    parser.add_argument("--y-column", required=True, help="y column (name, or 1-based position)")
    parser.add_argument(
        "--cell-size",
        type=_positive,
        default=DEFAULT_CELL_SIZE,
        help=f"cell size in metres (default {DEFAULT_CELL_SIZE:g}, the police grid)",
    )
    parser.add_argument("--method", choices=["gi", "kde"], required=True)
    parser.add_argument(
        "--bandwidth",
        type=_positive,
        help=f"kde bandwidth in metres (default {DEFAULT_BANDWIDTH_CELLS:g} x the cell size)",
    )
    parser.add_argument("--kernel", choices=["gaussian", "quartic"], default="gaussian")
    parser.add_argument(
        "--permutations", type=_count, default=999, help="gi permutations (default 999)"
    )
    parser.add_argument("--seed", type=int, help="random seed for the gi permutations")
    parser.add_argument(
        "--no-header", action="store_true", help="the file has no header row; name columns 1, 2"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the grids as JSON")
    return parser


def _finite(values: np.ndarray) -> list:
    if not np.isfinite(values).all():  # cannot happen; json.dump(allow_nan=False) would fail
        raise ValueError("non-finite value in the output")
    return values.tolist()


def _grid_json(grid: Grid, counts: np.ndarray) -> dict:
    return {
        "origin": [grid.x0, grid.y0],
        "cell_size": grid.cell_size,
        "shape": list(grid.shape),
        "counts": counts.tolist(),
    }


def _cell_rows(grid: Grid, cells: np.ndarray) -> list[tuple[int, int, float, float]]:
    rows, cols = np.unravel_index(cells, grid.shape)
    return [
        (int(r), int(c), float(grid.x_centres[c]), float(grid.y_centres[r]))
        for r, c in zip(rows, cols, strict=True)
    ]


def _gi(args, grid: Grid, counts: np.ndarray) -> dict:
    result = getis_ord_gi_star(counts, permutations=args.permutations, seed=args.seed)
    print("Getis-Ord Gi* (queen neighbours and the cell itself, binary weights)")
    if result.p is not None:
        print(f"  pseudo p-values from {result.permutations} permutations")
    for level in (3, 2, 1, -1, -2, -3):
        print(f"  {GI_CLASS_LABELS[level]:<26} {int((result.classes == level).sum()):>8,} cells")
    order = np.argsort(-result.z, axis=None, kind="stable")[:TOP]
    print(f"\n  top {len(order)} cells by z")
    print(f"  {'row':>5} {'col':>5} {'x':>12} {'y':>12} {'events':>7} {'z':>8} {'p':>7}")
    for (r, c, x, y), cell in zip(_cell_rows(grid, order), order, strict=True):
        p = f"{result.p.flat[cell]:.3f}" if result.p is not None else "-"
        print(
            f"  {r:>5} {c:>5} {x:>12.1f} {y:>12.1f} {int(counts[r, c]):>7} "
            f"{result.z.flat[cell]:>8.2f} {p:>7}"
        )
    out = {"z": _finite(result.z), "permutations": result.permutations}
    out["p"] = _finite(result.p) if result.p is not None else None
    return out


def _bandwidth(args) -> float:
    bandwidth = args.bandwidth or DEFAULT_BANDWIDTH_CELLS * args.cell_size
    minimum = MIN_BANDWIDTH_CELLS[args.kernel] * args.cell_size
    if bandwidth < minimum:
        raise InputError(
            f"--bandwidth {bandwidth:g}: a {args.kernel} bandwidth must be at least {minimum:g} m "
            f"with {args.cell_size:g} m cells"
        )
    return bandwidth


def _kde(args, grid: Grid, counts: np.ndarray, x: np.ndarray, y: np.ndarray) -> dict:
    bandwidth = _bandwidth(args)
    result = kernel_density(x, y, grid, bandwidth=bandwidth, kernel=args.kernel)
    source = "" if args.bandwidth else f" (default: {DEFAULT_BANDWIDTH_CELLS:g} x the cell size)"
    print(f"kernel density, {args.kernel} kernel, bandwidth {bandwidth:g} m{source}")
    captured = result.density.sum() * grid.cell_area / result.n
    print(f"  {captured:.1%} of the events' kernel mass lies on the grid")
    order = np.argsort(-result.density, axis=None, kind="stable")[:TOP]
    print(f"\n  top {len(order)} cells by density")
    print(f"  {'row':>5} {'col':>5} {'x':>12} {'y':>12} {'events':>7} {'per km²':>10}")
    for (r, c, x_, y_), cell in zip(_cell_rows(grid, order), order, strict=True):
        per_km2 = result.density.flat[cell] * 1e6
        print(f"  {r:>5} {c:>5} {x_:>12.1f} {y_:>12.1f} {int(counts[r, c]):>7} {per_km2:>10.2f}")
    return {"density": _finite(result.density), "bandwidth": bandwidth, "kernel": args.kernel}


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:  # --help, or a usage error argparse has already printed
        return int(exit_.code or 0)
    try:
        if args.method == "kde":
            _bandwidth(args)  # refuse a bad bandwidth before reading the file
        events = read_events(args.file, args.x_column, args.y_column, header=not args.no_header)
        grid = grid_for(events.x, events.y, args.cell_size)
        if grid.rows * grid.cols > MAX_CELLS:
            raise InputError(
                f"{grid.rows:,} x {grid.cols:,} cells of {args.cell_size:g} m is more than "
                f"{MAX_CELLS:,}: check the coordinate columns (metres?) or use larger cells"
            )
        counts = bin_counts(grid, events.x, events.y)
        print(f"{len(events):,} events from {args.file}")
        print(
            f"grid: {grid.rows} rows x {grid.cols} columns of {grid.cell_size:g} m, "
            f"lower-left corner ({grid.x0:g}, {grid.y0:g}), row 0 at the lowest y\n"
        )
        if args.method == "gi":
            output = _gi(args, grid, counts)
        else:
            output = _kde(args, grid, counts, events.x, events.y)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as handle:
                json.dump({**_grid_json(grid, counts), **output}, handle, allow_nan=False)
            print(f"\nwrote {args.json}")
    except ValueError as error:  # InputError is one
        print(f"overvalregie hotspots: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # the JSON file, or a closed standard output
        where = f" {error.filename}" if error.filename else ""
        print(f"overvalregie hotspots: cannot write{where}: {error.strerror}", file=sys.stderr)
        return 2
    return 0
