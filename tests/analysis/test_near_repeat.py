"""The Knox near-repeat test: exact against the Near Repeat Calculator's published table and
against a brute-force count of every pair under each band convention."""

import itertools
from pathlib import Path

import numpy as np
import pytest

from overvalregie.analysis.near_repeat import knox
from overvalregie.analysis.points import read_events

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "chicago-nearrepeat"
MONTH1 = DATA / "steenbeek_extdata" / "chicago_be_month1.csv"
MONTH1_NRC = DATA / "steenbeek_extdata" / "chicago_be_month1_NRverbose_2019-09-23_143005.csv"


def _nrc_observed(path: Path) -> list[list[int]]:
    """The 'Observed frequencies distribution' of an NRC verbose CSV, without 'More than'."""
    lines = path.read_text(encoding="latin-1").splitlines()
    start = lines.index("Observed frequencies distribution") + 3
    table = []
    for line in lines[start:]:
        cells = [cell.strip() for cell in line.split(",")]
        if len(cells) < 3 or cells[1].startswith("More than"):
            break
        table.append([int(cell) for cell in cells[2:] if cell])
    return table


def test_nrc_compatible_counts_equal_the_published_nrc_table():
    events = read_events(MONTH1, "1", "2", "3", header=False)

    result = knox(
        events.x, events.y, events.dates,
        spatial_bandwidth=100, spatial_bands=3, temporal_bandwidth=7, temporal_bands=3,
        metric="manhattan", permutations=19, seed=3, convention="nrc",
    )  # fmt: skip

    published = _nrc_observed(MONTH1_NRC)
    assert published[0] == [28, 5, 5, 2]  # the parser reads the table it should
    assert result.observed.tolist() == published


def _brute_force(x, y, days, b, k, t, m, metric, convention):
    """Every pair, every band test written out as the module docstring states the rules."""
    table = np.zeros((k + 1, m + 1), dtype=int)
    for a, c in itertools.combinations(range(len(x)), 2):
        dx, dy = abs(x[a] - x[c]), abs(y[a] - y[c])
        d = dx + dy if metric == "manhattan" else float(np.hypot(dx, dy))
        apart = abs(int(days[a]) - int(days[c]))
        if convention == "nrc":
            rows = [d < 1, *(lo <= d < hi for lo, hi in zip([1] + [b * i for i in range(1, k)],
                                                              [b * i for i in range(1, k + 1)],
                                                              strict=True))]  # fmt: skip
            cols = [t * i <= apart < t * (i + 1) for i in range(m)] + [apart >= t * m]
        else:
            rows = [d == 0, *(b * i < d <= b * (i + 1) for i in range(k))]
            cols = [apart <= t] + [t * i < apart <= t * (i + 1) for i in range(1, m)]
            cols.append(apart > t * m)
        if any(rows):
            assert sum(rows) == 1 and sum(cols) == 1
            table[rows.index(True), cols.index(True)] += 1
    return table


@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
@pytest.mark.parametrize("convention", ["labelled", "nrc"])
def test_counts_equal_a_brute_force_count_with_pairs_on_every_edge(metric, convention):
    rng = np.random.default_rng(7)
    n = 160
    # A 30 m lattice and whole days: many pairs fall exactly on band edges, and some share a spot.
    x = rng.integers(0, 12, n) * 30.0
    y = rng.integers(0, 12, n) * 30.0
    days = rng.integers(0, 40, n).astype("datetime64[D]")

    result = knox(
        x, y, days, spatial_bandwidth=60, spatial_bands=4, temporal_bandwidth=5,
        temporal_bands=3, metric=metric, permutations=0, convention=convention,
    )  # fmt: skip

    expected = _brute_force(x, y, days.astype(int), 60, 4, 5, 3, metric, convention)
    assert result.observed.tolist() == expected.tolist()
    assert result.n_pairs == expected.sum()


def test_the_pathological_pair_of_the_nrc_falls_in_the_band_its_label_says():
    """100 m and 3 days apart: (0, 100] × [0, 3] as labelled; the NRC puts it one band out."""
    events = read_events(DATA / "pathological_example.csv", "x", "y", "t", date_format="%d/%m/%Y")
    common = dict(spatial_bandwidth=100, spatial_bands=2, temporal_bandwidth=3, temporal_bands=2)

    labelled = knox(events.x, events.y, events.dates, permutations=0, **common)
    nrc = knox(events.x, events.y, events.dates, permutations=0, convention="nrc", **common)

    assert labelled.observed[1, 0] == 1 and labelled.observed.sum() == 1
    assert nrc.observed[2, 1] == 1 and nrc.observed.sum() == 1


def test_permutations_keep_the_pairs_and_find_a_planted_near_repeat_pattern():
    rng = np.random.default_rng(11)
    n = 400
    x, y = rng.uniform(0, 5000, n), rng.uniform(0, 5000, n)
    days = rng.integers(0, 365, n)
    # 40 follow-ups 20-80 m and 1-5 days after an earlier event.
    for follower in range(40):
        origin = follower + 100
        x[follower], y[follower] = x[origin] + rng.uniform(20, 80), y[origin]
        days[follower] = days[origin] + rng.integers(1, 6)

    result = knox(
        x, y, days.astype("datetime64[D]"), spatial_bandwidth=100, spatial_bands=3,
        temporal_bandwidth=7, temporal_bands=2, permutations=199, seed=5,
    )  # fmt: skip

    # Shuffling dates moves pairs between time bands, never between distance bands.
    np.testing.assert_allclose(result.expected.sum(axis=1), result.observed.sum(axis=1))
    assert result.p_value[1, 0] == pytest.approx(1 / 200)  # the planted cell
    assert result.knox_ratio[1, 0] > 3
    assert ((result.p_value >= 1 / 200) & (result.p_value <= 1)).all()
    assert result.p_resolution == pytest.approx(1 / 200)
    again = knox(
        x, y, days.astype("datetime64[D]"), spatial_bandwidth=100, spatial_bands=3,
        temporal_bandwidth=7, temporal_bands=2, permutations=199, seed=5,
    )  # fmt: skip
    np.testing.assert_array_equal(again.p_value, result.p_value)


@pytest.mark.parametrize(
    "arguments",
    [
        dict(spatial_bandwidth=0, spatial_bands=1, temporal_bandwidth=1, temporal_bands=1),
        dict(spatial_bandwidth=10, spatial_bands=0, temporal_bandwidth=1, temporal_bands=1),
        dict(spatial_bandwidth=10, spatial_bands=1, temporal_bandwidth=1.5, temporal_bands=1),
        dict(spatial_bandwidth=1, spatial_bands=1, temporal_bandwidth=1, temporal_bands=1,
             convention="nrc"),
    ],
)  # fmt: skip
def test_impossible_bands_are_refused(arguments):
    with pytest.raises(ValueError):
        knox(np.zeros(3), np.zeros(3), np.zeros(3, dtype="datetime64[D]"), **arguments)


def test_pooling_sums_the_groups_and_shuffles_dates_within_each():
    rng = np.random.default_rng(2)
    n = 120
    x, y = rng.uniform(0, 400, n), rng.uniform(0, 400, n)  # both groups share the space
    group = np.repeat([2023, 2024], n // 2)
    # Within a group every event has the same date: shuffling within groups changes nothing.
    days = np.where(group == 2023, 100, 500).astype("datetime64[D]")
    bands = dict(spatial_bandwidth=50, spatial_bands=3, temporal_bandwidth=7, temporal_bands=2)

    pooled = knox(x, y, days, permutations=49, seed=1, groups=group, **bands)
    first = knox(x[:60], y[:60], days[:60], permutations=0, **bands)
    second = knox(x[60:], y[60:], days[60:], permutations=0, **bands)
    unpooled = knox(x, y, days, permutations=49, seed=1, **bands)

    np.testing.assert_array_equal(pooled.observed, first.observed + second.observed)
    np.testing.assert_array_equal(pooled.expected, pooled.observed)
    assert (pooled.n_groups, pooled.min_group_size) == (2, 60)
    # One stratum: pairs across the years count, and shuffles mix the two dates.
    assert unpooled.observed.sum() > pooled.observed.sum()
    assert not np.array_equal(unpooled.expected, unpooled.observed)
