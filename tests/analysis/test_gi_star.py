"""Getis-Ord Gi*: z-scores equal esda's G_Local(star=True, transform="B"); p-values agree."""

import warnings

import numpy as np
import pytest
from esda.getisord import G_Local
from libpysal.weights import lat2W

from overvalregie.analysis.hotspots import GI_CLASS_LABELS, getis_ord_gi_star, gi_classes


def esda_gi_star(counts: np.ndarray, permutations: int = 0, seed: int | None = None) -> G_Local:
    """esda on the same cells: lat2W numbers cells row by row (id = row * cols + col), which is
    counts.ravel()'s order. Queen contiguity is symmetric under flipping rows, so it does not
    matter that our row 0 is the lowest y. star=True adds the self weight 1 to the binary W."""
    rows, cols = counts.shape
    w = lat2W(rows, cols, rook=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # esda's notices about numba and 'alternative'
        return G_Local(
            counts.ravel().astype(float),
            w,
            transform="B",
            permutations=permutations,
            star=True,
            n_jobs=1,
            seed=seed,
        )


def grids():
    rng = np.random.default_rng(20240601)
    sparse = rng.poisson(0.3, size=(9, 14))  # mostly zeros, many ties
    clustered = rng.poisson(1.0, size=(17, 6))
    clustered[3:6, 2:5] += 7
    floats = rng.gamma(2.0, 1.5, size=(5, 5))
    row = rng.poisson(2.0, size=(1, 12))
    column = rng.poisson(2.0, size=(11, 1))
    return [sparse, clustered, floats, row, column]


@pytest.mark.parametrize("counts", grids(), ids=["sparse", "clustered", "floats", "row", "column"])
def test_z_scores_equal_esda(counts):
    ours = getis_ord_gi_star(counts, permutations=0)
    reference = esda_gi_star(counts)
    assert np.isfinite(reference.Zs).all()
    assert ours.z.shape == counts.shape
    np.testing.assert_allclose(ours.z.ravel(), reference.Zs, rtol=0, atol=1e-9)
    assert ours.p is None


def test_self_weight_is_included_once():
    # The cell itself counts: with esda's star=True the weight matrix gets a unit diagonal.
    counts = np.zeros((5, 5))
    counts[0, 0] = 4
    w = esda_gi_star(counts).w
    assert w.sparse.diagonal().tolist() == [1.0] * 25
    z = getis_ord_gi_star(counts, permutations=0).z
    # Corner cell: its own 4 is the whole sum S of its 4-cell neighbourhood (without the self
    # weight it would be 0 and z negative). Getis and Ord's Gi* by hand, n = 25:
    n, k, s = 25, 4, 4.0
    mean = 4 / n
    sd = np.sqrt(16 / n - mean**2)
    assert z[0, 0] == pytest.approx((s - k * mean) / (sd * np.sqrt(k * (n - k) / (n - 1))))
    # (1, 1) has the same sum over 9 cells: less extreme. (2, 2) sees nothing: below 0.
    assert z[0, 0] > z[1, 1] > 0 > z[2, 2]


def test_where_z_is_undefined_it_is_zero_not_nan():
    # All equal: zero variance. 3 x 3: the centre's neighbourhood is the whole grid.
    for counts in (np.full((4, 6), 3), np.arange(9).reshape(3, 3)):
        result = getis_ord_gi_star(counts, permutations=99, seed=0)
        assert np.isfinite(result.z).all() and np.isfinite(result.p).all()
    result = getis_ord_gi_star(np.arange(9).reshape(3, 3), permutations=99, seed=0)
    assert result.z[1, 1] == 0 and result.p[1, 1] == 1
    assert (getis_ord_gi_star(np.full((4, 6), 3), permutations=0).z == 0).all()


def test_strong_hotspot_has_the_smallest_p_in_both():
    rng = np.random.default_rng(7)
    counts = rng.poisson(0.5, size=(20, 20))
    counts[9:12, 9:12] = 12
    permutations = 999
    ours = getis_ord_gi_star(counts, permutations=permutations, seed=1)
    reference = esda_gi_star(counts, permutations=permutations, seed=1)
    floor = 1 / (permutations + 1)
    assert ours.p[10, 10] == pytest.approx(floor)
    assert reference.p_sim.reshape(counts.shape)[10, 10] == pytest.approx(floor)
    assert ours.classes[10, 10] == 3


def test_p_values_are_consistent_with_esda():
    rng = np.random.default_rng(11)
    counts = rng.poisson(1.5, size=(25, 30))
    counts[4:8, 20:26] += 4
    ours = getis_ord_gi_star(counts, permutations=9999, seed=3).p.ravel()
    theirs = esda_gi_star(counts, permutations=999, seed=3).p_sim
    assert ((ours >= 1 / 10000) & (ours <= 1)).all()
    # Same null distribution, different random draws. esda's p with 999 permutations has a
    # Monte Carlo sd of at most 0.016 (at p = 0.5), ours with 9999 a third of that; neither
    # may lean to one side. (Measured: mean 0.015, max 0.054, signed mean 0.003.)
    difference = ours - theirs
    assert np.abs(difference).max() < 0.08
    assert np.abs(difference).mean() < 0.025
    assert abs(difference.mean()) < 0.01
    # The cell with z nearest 0 is far from significant in both (a discrete null with ties
    # keeps its directed p below 0.5).
    null = np.argmin(np.abs(getis_ord_gi_star(counts, permutations=0).z.ravel()))
    assert ours[null] > 0.2 and theirs[null] > 0.2


def test_p_values_follow_the_exact_null_for_a_small_grid():
    # 3 x 4 grid: for the corner cell (3 neighbours drawn from 11 others) enumerate every
    # subset: the exact directed p, against which ours must lie within Monte Carlo error.
    from itertools import combinations

    counts = np.array([[5, 4, 0, 1], [3, 0, 1, 0], [0, 2, 0, 1]])
    values = counts.ravel().astype(float)
    others = values[1:]
    observed = values[1] + values[4] + values[5]  # neighbours of cell (0, 0)
    sums = np.array([others[list(c)].sum() for c in combinations(range(11), 3)])
    larger = (sums >= observed).mean()
    exact = min(larger, 1 - larger)
    p = getis_ord_gi_star(counts, permutations=9999, seed=5).p[0, 0]
    assert p == pytest.approx(exact, abs=4 * np.sqrt(exact * (1 - exact) / 9999) + 2e-4)


def test_same_seed_same_p_values():
    counts = np.random.default_rng(2).poisson(1.0, size=(15, 15))
    first = getis_ord_gi_star(counts, permutations=199, seed=42).p
    again = getis_ord_gi_star(counts, permutations=199, seed=42).p
    assert (first == again).all()
    assert not (getis_ord_gi_star(counts, permutations=199, seed=43).p == first).all()


def test_classes_use_two_sided_normal_thresholds():
    z = np.array([-3.0, -2.0, -1.7, -1.0, 0.0, 1.644, 1.645, 1.96, 2.575, 2.576])
    assert gi_classes(z).tolist() == [-3, -2, -1, 0, 0, 0, 1, 2, 2, 3]
    assert set(GI_CLASS_LABELS) == set(range(-3, 4))


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        getis_ord_gi_star(np.arange(5))
    with pytest.raises(ValueError):
        getis_ord_gi_star(np.array([[1.0, np.nan]]))
