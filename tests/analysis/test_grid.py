"""The grid: snapped origin, every event in exactly one cell, counts that add up."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from overvalregie.analysis.grid import Grid, bin_counts, grid_for


def test_origin_is_snapped_down_to_a_multiple_of_the_cell_size():
    grid = grid_for(np.array([1010.0, 1300.0]), np.array([-260.0, 40.0]), 125)
    assert (grid.x0, grid.y0) == (1000.0, -375.0)
    # x: 1000..1375 -> 3 columns (1300 is in [1250, 1375)); y: -375..125 -> 4 rows
    assert grid.shape == (4, 3)


def test_event_on_the_upper_and_right_edge_gets_its_own_cell():
    x = np.array([0.0, 250.0])
    y = np.array([0.0, 125.0])
    grid = grid_for(x, y, 125)
    assert grid.shape == (2, 3)  # y = 125 starts row 1; x = 250 starts column 2
    counts = bin_counts(grid, x, y)
    assert counts[0, 0] == 1 and counts[1, 2] == 1


def test_row_zero_is_the_lowest_y():
    x = np.array([10.0, 10.0, 10.0])
    y = np.array([5.0, 5.0, 900.0])
    grid = grid_for(x, y, 100)
    counts = bin_counts(grid, x, y)
    assert counts[0, 0] == 2 and counts[-1, 0] == 1
    assert grid.y_centres[0] == 50.0 and grid.x_centres[0] == 50.0


def test_pad_widens_the_grid_by_whole_cells_on_each_side():
    x, y = np.array([130.0, 610.0]), np.array([10.0, 20.0])
    plain = grid_for(x, y, 125)
    padded = grid_for(x, y, 125, pad=2)
    assert padded.x0 == plain.x0 - 250 and padded.y0 == plain.y0 - 250
    assert padded.shape == (plain.rows + 4, plain.cols + 4)
    assert bin_counts(padded, x, y)[2:-2, 2:-2].tolist() == bin_counts(plain, x, y).tolist()


def test_a_point_off_the_grid_is_refused():
    grid = Grid(x0=0.0, y0=0.0, cell_size=10.0, shape=(2, 2))
    with pytest.raises(ValueError, match="outside the grid"):
        bin_counts(grid, np.array([5.0, 20.0]), np.array([5.0, 5.0]))


def test_bad_cell_size_is_refused():
    with pytest.raises(ValueError, match="cell size"):
        grid_for(np.array([0.0]), np.array([0.0]), 0)


coordinate = st.floats(-2e6, 2e6, allow_nan=False, allow_infinity=False)


@given(
    points=st.lists(st.tuples(coordinate, coordinate), min_size=1, max_size=60),
    cell_size=st.sampled_from([0.5, 1.0, 7.3, 100.0, 125.0, 1000.0]),
)
def test_every_event_lands_in_exactly_one_cell_that_holds_it(points, cell_size):
    x = np.array([p[0] for p in points])
    y = np.array([p[1] for p in points])
    spread = max(np.ptp(x), np.ptp(y)) / cell_size
    if spread > 2000:  # keep the grid small; the property is about placement, not size
        x = x[0] + (x - x[0]) * (2000 / spread)
        y = y[0] + (y - y[0]) * (2000 / spread)
    grid = grid_for(x, y, cell_size)
    for origin in (grid.x0, grid.y0):
        assert origin / cell_size == pytest.approx(round(origin / cell_size), abs=1e-6)
    assert grid.x0 <= x.min() and grid.y0 <= y.min()
    row, col = grid.cell_indices(x, y)
    # Exactly one cell each: indices on the grid, and that cell's bounds hold the point.
    assert ((row >= 0) & (row < grid.rows) & (col >= 0) & (col < grid.cols)).all()
    tolerance = 1e-9 * max(1.0, np.abs(x).max(), np.abs(y).max())
    assert (grid.x0 + col * cell_size <= x + tolerance).all()
    assert (x < grid.x0 + (col + 1) * cell_size + tolerance).all()
    assert (grid.y0 + row * cell_size <= y + tolerance).all()
    assert (y < grid.y0 + (row + 1) * cell_size + tolerance).all()
    counts = bin_counts(grid, x, y)
    assert counts.shape == grid.shape
    assert counts.sum() == len(x)
    expected = np.zeros(grid.shape, dtype=np.int64)
    np.add.at(expected, (row, col), 1)
    assert (counts == expected).all()
    # The grid is no larger than it needs to be: the last row and column hold an event.
    assert counts[-1, :].sum() > 0 and counts[:, -1].sum() > 0


def test_a_value_too_small_to_divide_still_lies_inside_its_cell():
    """Found by hypothesis: -5e-324 / 7.3 rounds to -0.0, which snapped the origin above it."""
    x, y = np.array([0.0]), np.array([-5e-324])

    grid = grid_for(x, y, 7.3)

    assert grid.y0 <= y.min() and grid.x0 <= x.min()
    assert bin_counts(grid, x, y).sum() == 1
