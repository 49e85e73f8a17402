"""A mild downward trend: a Poisson regression on yearly counts recovers the annual factor."""

import numpy as np

from tests.demo.recovery import clustering_inflation


def _poisson_slope(counts: np.ndarray) -> tuple[float, float]:
    """Slope of log(count) per year and its standard error (IRLS)."""
    t = np.arange(len(counts)) - (len(counts) - 1) / 2
    X = np.column_stack([np.ones_like(t), t])
    beta = np.array([np.log(counts.mean()), 0.0])
    for _ in range(50):
        mu = np.exp(X @ beta)
        step = np.linalg.solve(X.T @ (mu[:, None] * X), X.T @ (counts - mu))
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    mu = np.exp(X @ beta)
    covariance = np.linalg.inv(X.T @ (mu[:, None] * X))
    return float(beta[1]), float(np.sqrt(covariance[1, 1]))


def test_yearly_counts_recover_the_trend(town):
    p = town.parameters
    day = town.robbery_arrays()["day"]
    # Five November-October years: every season falls equally in each.
    counts = np.bincount((day // 365.25).astype(int), minlength=5)[:5].astype(float)
    slope, se = _poisson_slope(counts)
    assert slope < 0
    assert abs(slope - np.log(p.annual_trend)) <= 4 * clustering_inflation(p) * se


def test_voorbeeldstad_has_fifty_to_seventy_robberies_in_its_first_year(town):
    p = town.parameters
    day = town.robbery_arrays(p.town.code)["day"]
    expected = p.town.background_rate / (1 - p.branching_ratio)
    assert 50 <= expected <= 65
    assert abs((day < 365).sum() - expected) <= 4 * np.sqrt(expected) * clustering_inflation(p)


def test_neighbours_have_fewer_robberies_per_inhabitant(town):
    p = town.parameters
    per_100k = {}
    for spec in p.municipalities:
        n = len(town.robbery_arrays(spec.code)["day"])
        per_100k[spec.code] = n / spec.population * 100_000
    neighbours = [per_100k[m.code] for m in p.neighbours]
    assert per_100k[p.town.code] > 1.5 * np.mean(neighbours)
