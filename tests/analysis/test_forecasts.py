"""Forecast surfaces and their scores: hit rate, PAI and PEI against brute force."""

import itertools
import math

import numpy as np
import pytest

from overvalregie.analysis.forecasts import (
    evaluate,
    flagged_cells,
    prospective_surface,
    score_week,
)
from overvalregie.analysis.grid import Grid


def test_flagging_takes_exactly_the_share_with_ties_by_cell_order():
    scores = np.array([[1.0, 3.0, 3.0], [0.0, 3.0, 2.0]])

    flagged, area = flagged_cells(scores, coverage=0.5)

    assert area == 6 and flagged.tolist() == [1, 2, 4]


@pytest.mark.parametrize("seed", range(5))
def test_scores_equal_brute_force_on_small_grids(seed):
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 4, (3, 3)).astype(float)
    actual = rng.integers(0, 3, (3, 3))
    coverage = 2 / 9

    week = score_week(scores, actual, coverage, np.datetime64("2024-01-01"))

    flagged, _ = flagged_cells(scores, coverage)
    events = actual.sum()
    hits = actual.ravel()[flagged].sum()
    best = max(sum(actual.ravel()[list(c)]) for c in itertools.combinations(range(9), 2))
    if events == 0:
        assert week.hit_rate is None
        return
    assert week.hit_rate == pytest.approx(hits / events)
    assert week.pai == pytest.approx((hits / events) / (2 / 9))
    assert week.pei == (pytest.approx(hits / best) if best else None)
    assert week.best_possible == best


def test_the_prospective_surface_equals_its_formula_written_out():
    grid = Grid(x0=0.0, y0=0.0, cell_size=100.0, shape=(6, 6))
    x = np.array([50.0, 250.0, 550.0])
    y = np.array([50.0, 250.0, 550.0])
    dates = np.array(["2024-03-30", "2024-03-20", "2023-12-01"], dtype="datetime64[D]")
    start = np.datetime64("2024-04-01")

    risk = prospective_surface(grid, x, y, dates, start, distance=250, days=56)

    expected = np.zeros((6, 6))
    for ex, ey, day in zip(x, y, dates, strict=True):
        age = (start - day).astype(int)
        if not 0 < age <= 56:
            continue
        weeks = (age - 1) // 7
        er, ec = int(ey // 100), int(ex // 100)
        for r, c in itertools.product(range(6), range(6)):
            cells = math.hypot(r - er, c - ec)
            if cells * 100 <= 250:
                expected[r, c] += 1 / (1 + cells) * 1 / (1 + weeks)
    np.testing.assert_allclose(risk, expected)


def test_evaluation_rewards_the_method_that_knows_the_hotspot():
    rng = np.random.default_rng(3)
    # A year and ten weeks of events: half in one hot cell, the rest anywhere on a 20 x 20 grid.
    days = rng.integers(0, 435, 600)
    hot = rng.random(600) < 0.5
    x = np.where(hot, 1050 + rng.uniform(-40, 40, 600), rng.uniform(0, 2000, 600))
    y = np.where(hot, 1050 + rng.uniform(-40, 40, 600), rng.uniform(0, 2000, 600))
    dates = np.datetime64("2023-01-01") + days.astype("timedelta64[D]")
    grid = Grid(x0=0.0, y0=0.0, cell_size=100.0, shape=(20, 20))

    result = evaluate(x, y, dates, grid, start=np.datetime64("2024-01-01"), weeks=10, seed=1)

    naive = result.methods["naive"]
    assert result.flagged_cells == 20 and result.area_cells == 400
    assert len(naive.weeks) == 10
    # The hot cell holds about half of every week's events; chance would catch 5 %.
    assert naive.hit_rate.mean > 0.4
    assert naive.hit_rate.low <= naive.hit_rate.mean <= naive.hit_rate.high
    assert naive.pai.mean == pytest.approx(naive.hit_rate.mean / 0.05)
    for method in ("kde", "prospective", "best"):
        assert result.methods[method].hit_rate.mean > 0.3
    again = evaluate(x, y, dates, grid, start=np.datetime64("2024-01-01"), weeks=10, seed=1)
    assert again.methods["best"].pei == result.methods["best"].pei


def test_a_boundary_mask_limits_the_study_area():
    mask = np.zeros((4, 4), dtype=bool)
    mask[:2, :2] = True
    scores = np.arange(16, dtype=float).reshape(4, 4)  # the best cells lie outside the mask

    flagged, area = flagged_cells(scores, coverage=0.25, mask=mask)

    assert area == 4 and flagged.tolist() == [5]


def test_bad_arguments_are_refused():
    grid = Grid(x0=0.0, y0=0.0, cell_size=100.0, shape=(2, 2))
    one = (np.array([50.0]), np.array([50.0]), np.array(["2024-01-01"], dtype="datetime64[D]"))
    with pytest.raises(ValueError, match="coverage"):
        evaluate(*one, grid, start=np.datetime64("2024-02-01"), weeks=1, coverage=0)
    with pytest.raises(ValueError, match="unknown method"):
        evaluate(*one, grid, start=np.datetime64("2024-02-01"), weeks=1, methods=("magic",))
