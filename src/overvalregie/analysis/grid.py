"""A regular grid of square cells over projected coordinates (metres), and counting events on it.

The grid's origin ``(x0, y0)`` is its lower-left corner, snapped down to a multiple of the cell
size, so grids made with the same cell size line up with each other (and with the police's
125 m grid). Row 0 is the lowest ``y`` and column 0 the lowest ``x``; ``counts[row, col]``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Grid:
    x0: float  # lower-left corner, a multiple of cell_size
    y0: float
    cell_size: float
    shape: tuple[int, int]  # (rows, cols); row 0 at the lowest y

    @property
    def rows(self) -> int:
        return self.shape[0]

    @property
    def cols(self) -> int:
        return self.shape[1]

    @property
    def cell_area(self) -> float:
        return self.cell_size * self.cell_size

    @property
    def x_centres(self) -> np.ndarray:
        """The x of each column's cell centres, shape (cols,)."""
        return self.x0 + (np.arange(self.cols) + 0.5) * self.cell_size

    @property
    def y_centres(self) -> np.ndarray:
        """The y of each row's cell centres, shape (rows,)."""
        return self.y0 + (np.arange(self.rows) + 0.5) * self.cell_size

    def cell_indices(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(row, col)`` of the cell holding each point; ValueError for a point off the grid.

        A cell holds its lower and left edges; the grid's upper and right edges belong to the
        last row and column (``grid_for`` makes the grid one cell larger when a point sits
        exactly on them).
        """
        col = _index(np.asarray(x, dtype=np.float64), self.x0, self.cell_size)
        row = _index(np.asarray(y, dtype=np.float64), self.y0, self.cell_size)
        outside = (row < 0) | (row >= self.rows) | (col < 0) | (col >= self.cols)
        if outside.any():
            raise ValueError(f"{int(outside.sum())} points lie outside the grid")
        return row, col


def _index(values: np.ndarray, origin: float, cell_size: float) -> np.ndarray:
    """Cell index along one axis; the one formula both grid_for and cell_indices use."""
    return np.floor((values - origin) / cell_size).astype(np.int64)


def _axis(values: np.ndarray, cell_size: float, pad: int) -> tuple[float, int]:
    """Origin and number of cells along one axis, covering every value plus ``pad`` cells."""
    low, high = float(values.min()), float(values.max())
    origin = math.floor(low / cell_size) * cell_size
    # Division rounding (or a value too small to divide, such as -5e-324) can put the
    # smallest value just below a snapped origin.
    while origin > low or _index(np.array([low]), origin, cell_size)[0] < 0:
        origin -= cell_size
    count = int(_index(np.array([high]), origin, cell_size)[0]) + 1
    return origin - pad * cell_size, count + 2 * pad


def grid_for(x: np.ndarray, y: np.ndarray, cell_size: float, *, pad: int = 0) -> Grid:
    """The smallest snapped grid covering every point, widened by ``pad`` cells on each side.

    ``x0 = floor(min(x) / cell_size) * cell_size`` (likewise ``y0``) and
    ``cols = floor((max(x) - x0) / cell_size) + 1``, so a point exactly on the upper or right
    edge still gets a cell.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if not cell_size > 0 or not math.isfinite(cell_size):
        raise ValueError(f"cell size must be a positive number, not {cell_size!r}")
    if pad < 0:
        raise ValueError(f"pad must be >= 0, not {pad!r}")
    if x.size == 0 or x.shape != y.shape:
        raise ValueError("need at least one point, with as many x as y")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("coordinates must be finite")
    x0, cols = _axis(x, cell_size, pad)
    y0, rows = _axis(y, cell_size, pad)
    return Grid(x0=x0, y0=y0, cell_size=float(cell_size), shape=(rows, cols))


def bin_counts(grid: Grid, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Number of points per cell, an int64 array of ``grid.shape`` (one pass of np.bincount)."""
    row, col = grid.cell_indices(x, y)
    flat = row * grid.cols + col
    return np.bincount(flat, minlength=grid.rows * grid.cols).reshape(grid.shape)
