"""Kernel density: close to exact evaluation at cell centres, and it integrates to n."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overvalregie.analysis.grid import grid_for
from overvalregie.analysis.hotspots import kernel_density, padded_grid

CELL = 125.0


def exact_density(x, y, grid, bandwidth, kernel, rows, cols):
    """The sum of every event's kernel at the given cells' centres, evaluated directly."""
    cx = grid.x_centres[cols][:, None]
    cy = grid.y_centres[rows][:, None]
    d2 = (cx - x[None, :]) ** 2 + (cy - y[None, :]) ** 2
    h2 = bandwidth**2
    if kernel == "gaussian":
        values = np.exp(-d2 / (2 * h2)) / (2 * math.pi * h2)
    else:
        values = np.where(d2 < h2, 3 / (math.pi * h2) * (1 - d2 / h2) ** 2, 0.0)
    return values.sum(axis=1)


def events(seed: int, n: int, clustered: bool = False):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 2000, n) + 155_000  # RD-like coordinates: precision matters
    y = rng.uniform(0, 1500, n) + 463_000
    if clustered:
        half = n // 2
        x[:half] = 155_700 + rng.normal(0, 120, half)
        y[:half] = 463_600 + rng.normal(0, 80, half)
    return x, y


CASES = [
    # kernel, bandwidth in cells, events, clustered
    ("gaussian", 0.75, 1, False),
    ("gaussian", 1.0, 5, False),
    ("gaussian", 2.0, 300, True),
    ("gaussian", 3.3, 40, False),
    ("quartic", 2.0, 1, False),
    ("quartic", 2.0, 300, True),
    ("quartic", 3.0, 7, False),
    ("quartic", 5.5, 60, False),
]


@pytest.mark.parametrize("kernel,cells,n,clustered", CASES)
def test_density_is_within_2_percent_of_exact_evaluation(kernel, cells, n, clustered):
    x, y = events(seed=n, n=n, clustered=clustered)
    bandwidth = cells * CELL
    grid = padded_grid(x, y, CELL, bandwidth=bandwidth, kernel=kernel)
    density = kernel_density(x, y, grid, bandwidth=bandwidth, kernel=kernel).density
    assert density.shape == grid.shape
    # Every cell above 5 % of the maximum, or a sample of 400 of them.
    rows, cols = np.nonzero(density > 0.05 * density.max())
    pick = np.random.default_rng(0).permutation(rows.size)[:400]
    rows, cols = rows[pick], cols[pick]
    exact = exact_density(x, y, grid, bandwidth, kernel, rows, cols)
    np.testing.assert_allclose(density[rows, cols], exact, rtol=0.02)
    # And the maximum itself is where the exact density peaks (not shifted by binning).
    assert density.max() == pytest.approx(
        exact_density(
            x, y, grid, bandwidth, kernel, *np.unravel_index([density.argmax()], grid.shape)
        )[0],
        rel=0.02,
    )


@pytest.mark.parametrize(
    "kernel,cells", [("gaussian", 0.5), ("gaussian", 2.0), ("quartic", 1.0), ("quartic", 2.5)]
)
def test_density_integrates_to_the_number_of_events_on_a_padded_grid(kernel, cells):
    x, y = events(seed=3, n=200, clustered=True)
    bandwidth = cells * CELL
    grid = padded_grid(x, y, CELL, bandwidth=bandwidth, kernel=kernel)
    result = kernel_density(x, y, grid, bandwidth=bandwidth, kernel=kernel)
    assert result.n == 200
    assert result.density.sum() * grid.cell_area == pytest.approx(200, rel=0.01)
    assert (result.density >= 0).all()


@settings(max_examples=30, deadline=None)
@given(
    offsets=st.lists(st.tuples(st.floats(0, 1000), st.floats(0, 1000)), min_size=1, max_size=12),
    kernel=st.sampled_from(["gaussian", "quartic"]),
    cells=st.floats(1.0, 4.0),
)
def test_every_event_adds_one_event_to_the_total(offsets, kernel, cells):
    x = 120_000 + np.array([o[0] for o in offsets])
    y = 480_000 + np.array([o[1] for o in offsets])
    bandwidth = cells * CELL
    grid = padded_grid(x, y, CELL, bandwidth=bandwidth, kernel=kernel)
    density = kernel_density(x, y, grid, bandwidth=bandwidth, kernel=kernel).density
    assert density.sum() * grid.cell_area == pytest.approx(len(x), rel=0.01)


@pytest.mark.parametrize("kernel,cells", [("quartic", 1.0), ("quartic", 2.0), ("gaussian", 0.5)])
def test_a_single_event_anywhere_in_its_cell_adds_exactly_one(kernel, cells):
    # Sampled at coarse cell centres, a kernel's sum depends on where in its cell the event
    # sits (up to 7 % off for the quartic at 1 cell, 3 % for the gaussian at half a cell);
    # the per-phase normalisation must cancel that for every position.
    for fx in (0.0, 0.3, 0.5, 0.99):
        for fy in (0.0, 0.5, 0.77):
            x, y = np.array([150_000 + fx * CELL]), np.array([460_000 + fy * CELL])
            bandwidth = cells * CELL
            grid = padded_grid(x, y, CELL, bandwidth=bandwidth, kernel=kernel)
            density = kernel_density(x, y, grid, bandwidth=bandwidth, kernel=kernel).density
            assert density.sum() * grid.cell_area == pytest.approx(1, rel=1e-3)


def test_unpadded_grid_loses_the_mass_beyond_its_edge():
    x, y = np.array([100_010.0]), np.array([400_010.0])  # in the corner of its cell
    grid = grid_for(x, y, CELL)  # one cell
    density = kernel_density(x, y, grid, bandwidth=2 * CELL, kernel="gaussian").density
    assert density.shape == (1, 1)
    exact = exact_density(x, y, grid, 2 * CELL, "gaussian", np.array([0]), np.array([0]))
    assert density[0, 0] == pytest.approx(exact[0], rel=0.02)
    assert density.sum() * grid.cell_area < 0.2


def test_density_is_symmetric_around_a_single_event_at_a_cell_centre():
    x, y = np.array([62.5]), np.array([62.5])
    grid = grid_for(x, y, CELL, pad=4)
    density = kernel_density(x, y, grid, bandwidth=2 * CELL, kernel="quartic").density
    assert np.unravel_index(density.argmax(), density.shape) == (4, 4)
    np.testing.assert_allclose(density, density[::-1, :], rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(density, density.T, rtol=1e-9, atol=1e-15)


def test_bad_arguments_are_refused():
    x, y = np.array([0.0, 500.0]), np.array([0.0, 500.0])
    grid = grid_for(x, y, CELL)
    with pytest.raises(ValueError, match="at least"):
        kernel_density(x, y, grid, bandwidth=0.4 * CELL, kernel="gaussian")
    with pytest.raises(ValueError, match="at least"):
        kernel_density(x, y, grid, bandwidth=0.9 * CELL, kernel="quartic")
    with pytest.raises(ValueError, match="kernel"):
        kernel_density(x, y, grid, bandwidth=CELL, kernel="epanechnikov")
    with pytest.raises(ValueError, match="outside the grid"):
        kernel_density(np.array([900.0]), np.array([0.0]), grid, bandwidth=CELL)
