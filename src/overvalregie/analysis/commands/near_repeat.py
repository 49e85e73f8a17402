"""``overvalregie near-repeat FILE ...``: the Knox near-repeat test on a CSV of events."""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from overvalregie.analysis.commands import add_input_arguments, read_input
from overvalregie.analysis.near_repeat import KnoxResult, knox
from overvalregie.analysis.points import InputError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="overvalregie near-repeat",
        description="Knox near-repeat test with Monte Carlo permutations of the dates.",
    )
    add_input_arguments(p, dates=True)
    p.add_argument(
        "--group-column",
        help="Pool strata (year, municipality): pairs only within a group, dates shuffled "
        "within each group.",
    )
    p.add_argument("--spatial-bandwidth", type=float, required=True, help="Metres per band.")
    p.add_argument("--spatial-bands", type=int, required=True, help="Number of distance bands.")
    p.add_argument("--temporal-bandwidth", type=int, required=True, help="Days per band.")
    p.add_argument("--temporal-bands", type=int, required=True, help="Number of time bands.")
    p.add_argument("--metric", choices=["euclidean", "manhattan"], default="euclidean")
    p.add_argument("--permutations", type=int, default=999, help="Default 999.")
    p.add_argument("--seed", type=int, help="Seed of the permutations, for repeatable runs.")
    p.add_argument(
        "--nrc-compatible",
        action="store_true",
        help="Count as the Near Repeat Calculator does: [0,1), [1,b), [b,2b) m; [0,t), [t,2t) d.",
    )
    p.add_argument("--json", metavar="FILE", help="Also write the result as JSON to FILE.")
    return p


def as_json(result: KnoxResult) -> dict:
    def table(values: np.ndarray) -> list:
        return [[None if not np.isfinite(v) else float(v) for v in row] for row in values]

    return {
        "n_events": result.n_events,
        "n_pairs": result.n_pairs,
        "n_groups": result.n_groups,
        "min_group_size": result.min_group_size,
        "permutations": result.permutations,
        "p_value_resolution": result.p_resolution,
        "metric": result.metric,
        "convention": result.convention,
        "seed": result.seed,
        "distance_bands": [band.as_list() for band in result.distance_bands],
        "distance_band_labels": [band.label for band in result.distance_bands],
        "time_bands": [band.as_list() for band in result.time_bands],
        "time_band_labels": [band.label for band in result.time_bands],
        "observed": result.observed.tolist(),
        "expected": table(result.expected),
        "knox_ratio": table(result.knox_ratio),
        "p_value": table(result.p_value),
    }


def render(result: KnoxResult) -> str:
    """Observed pairs, Knox ratio and p-value per cell, as a readable table."""
    heads = ["metres \\ days", *(band.label for band in result.time_bands)]
    rows = [heads]
    for r, band in enumerate(result.distance_bands):
        label = "same location" if band.low == band.high == 0 else band.label
        cells = []
        for c in range(len(result.time_bands)):
            ratio = result.knox_ratio[r, c]
            shown = "-" if not np.isfinite(ratio) else f"{ratio:.2f}"
            cells.append(f"{result.observed[r, c]} ({shown}, p={result.p_value[r, c]:.3f})")
        rows.append([label, *cells])
    widths = [max(len(row[i]) for row in rows) for i in range(len(heads))]
    lines = [
        f"Knox near-repeat test: {result.n_events} events, {result.n_pairs} pairs within the "
        f"outermost band, {result.permutations} permutations ({result.metric}, "
        f"{'NRC-compatible' if result.convention == 'nrc' else 'bands as labelled'}).",
        *(
            [f"Pooled over {result.n_groups} groups; the smallest has {result.min_group_size}."]
            if result.n_groups > 1
            else []
        ),
        "Each cell: observed pairs (Knox ratio = observed / mean of the permutations, p-value). "
        f"The smallest possible p-value is {result.p_resolution:.4f}.",
        "",
    ]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        events = read_input(args, group_column=args.group_column)
        result = knox(
            events.x,
            events.y,
            events.dates,
            spatial_bandwidth=args.spatial_bandwidth,
            spatial_bands=args.spatial_bands,
            temporal_bandwidth=args.temporal_bandwidth,
            temporal_bands=args.temporal_bands,
            metric=args.metric,
            permutations=args.permutations,
            seed=args.seed,
            convention="nrc" if args.nrc_compatible else "labelled",
            groups=events.groups,
        )
    except (InputError, ValueError) as error:
        print(f"overvalregie near-repeat: {error}", file=sys.stderr)
        return 2
    print(render(result))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(as_json(result), handle, indent=1)
    return 0
