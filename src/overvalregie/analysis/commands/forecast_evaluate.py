"""``overvalregie forecast-evaluate FILE ...``: score next-week forecasts over rolling weeks."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

import numpy as np

from overvalregie.analysis.commands import add_input_arguments, read_input
from overvalregie.analysis.forecasts import METHODS, Evaluation, Interval, evaluate
from overvalregie.analysis.grid import grid_for
from overvalregie.analysis.points import InputError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def study_area(path: str, grid) -> np.ndarray:
    """The cells of ``grid`` whose centre lies inside the polygons of a GeoJSON file."""
    import shapely
    from shapely.geometry import shape

    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read the boundary {path}: {error}") from None
    features = document.get("features", [document]) if isinstance(document, dict) else []
    try:
        geometries = [shape(f.get("geometry", f)) for f in features if isinstance(f, dict)]
    except (AttributeError, TypeError, ValueError, shapely.errors.GeometryTypeError):
        raise InputError(f"the boundary {path} holds no valid GeoJSON geometry") from None
    polygons = [g for g in geometries if g.geom_type in ("Polygon", "MultiPolygon")]
    if not polygons:
        raise InputError(f"the boundary {path} holds no Polygon or MultiPolygon")
    area = shapely.union_all(polygons)
    xs, ys = np.meshgrid(grid.x_centres, grid.y_centres)
    return shapely.contains_xy(area, xs, ys)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="overvalregie forecast-evaluate",
        description="Forecast each week from --start on with the events before it, and score "
        "the forecasts: hit rate, PAI and PEI at a share of the area.",
    )
    add_input_arguments(p, dates=True)
    p.add_argument("--cell-size", type=float, required=True, help="Metres, e.g. 125.")
    p.add_argument("--start", type=_date, required=True, help="First week's Monday, YYYY-MM-DD.")
    p.add_argument("--weeks", type=int, required=True, help="Number of weeks to forecast.")
    p.add_argument("--coverage", type=float, default=0.05, help="Share of the area (0.05).")
    p.add_argument("--method", choices=[*METHODS, "all"], default="all")
    p.add_argument(
        "--boundary",
        metavar="GEOJSON",
        help="Study area: a GeoJSON (Multi)Polygon in the events' coordinates; cells whose "
        "centre lies inside count (default: the grid over the events' bounding box).",
    )
    p.add_argument("--seed", type=int, default=0, help="Seed of the bootstrap (0).")
    p.add_argument("--json", metavar="FILE", help="Also write the result as JSON to FILE.")
    return p


def _interval(interval: Interval) -> dict:
    return {"mean": interval.mean, "low": interval.low, "high": interval.high}


def as_json(result: Evaluation) -> dict:
    grid = result.grid
    return {
        "origin": [grid.x0, grid.y0],
        "cell_size": grid.cell_size,
        "shape": list(grid.shape),
        "coverage": result.coverage,
        "flagged_cells": result.flagged_cells,
        "area_cells": result.area_cells,
        "methods": {
            name: {
                "weeks": [str(week.start) for week in score.weeks],
                "events": [week.events for week in score.weeks],
                "hit_rates": [week.hit_rate for week in score.weeks],
                "pai": [week.pai for week in score.weeks],
                "pei": [week.pei for week in score.weeks],
                "mean_hit_rate": _interval(score.hit_rate),
                "mean_pai": _interval(score.pai),
                "mean_pei": _interval(score.pei),
            }
            for name, score in result.methods.items()
        },
    }


def _shown(interval: Interval, digits: int) -> str:
    if interval.mean is None:
        return "-"
    return f"{interval.mean:.{digits}f} ({interval.low:.{digits}f}-{interval.high:.{digits}f})"


def render(result: Evaluation, n_events: int) -> str:
    some = next(iter(result.methods.values()))
    lines = [
        f"{n_events} events; grid {result.grid.shape[0]} x {result.grid.shape[1]} cells of "
        f"{result.grid.cell_size:g} m; {len(some.weeks)} weeks; the top {result.flagged_cells} "
        f"cells ({result.coverage:.0%} of the area) flagged each week.",
        "Means over the weeks with events, with 95 % bootstrap intervals:",
        "",
        f"{'method':<12} {'hit rate':<22} {'PAI':<22} {'PEI':<22}",
    ]
    for name, score in result.methods.items():
        lines.append(
            f"{name:<12} {_shown(score.hit_rate, 3):<22} {_shown(score.pai, 2):<22} "
            f"{_shown(score.pei, 3):<22}".rstrip()
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    methods = tuple(METHODS) if args.method == "all" else (args.method,)
    try:
        events = read_input(args)
        grid = grid_for(events.x, events.y, args.cell_size)
        mask = study_area(args.boundary, grid) if args.boundary else None
        result = evaluate(
            events.x,
            events.y,
            events.dates,
            grid,
            start=np.datetime64(args.start, "D"),
            weeks=args.weeks,
            coverage=args.coverage,
            methods=methods,
            mask=mask,
            seed=args.seed,
        )
    except (InputError, ValueError) as error:
        print(f"overvalregie forecast-evaluate: {error}", file=sys.stderr)
        return 2
    print(render(result, len(events)))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(as_json(result), handle, indent=1)
    return 0
