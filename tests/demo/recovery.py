"""Small estimators the recovery tests share: what an analyst would compute from the data."""

import numpy as np


def z_limit(p: float, n: int, inflation: float = 1.0, z: float = 4.0) -> float:
    """A tolerance of ``z`` standard errors for a share ``p`` out of ``n``."""
    return z * inflation * np.sqrt(p * (1 - p) / n)


def clustering_inflation(parameters) -> float:
    """How much offspring clustering widens the sampling error of counts (standard deviation).

    Each background robbery brings a cluster of on average 1 / (1 - b) robberies, which scales
    the variance of counts by about 1 / (1 - b)^2.
    """
    return 1 / (1 - parameters.branching_ratio)


def same_place(arrays) -> np.ndarray:
    """Pairwise: robberies at exactly the same spot (a repeat hits the same target)."""
    x, y = arrays["x"], arrays["y"]
    return (x[:, None] == x[None, :]) & (y[:, None] == y[None, :])
