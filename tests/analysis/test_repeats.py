"""Repeat victimisation and the originator / near-repeat / repeat role of each event."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from overvalregie.analysis.repeats import (
    ISOLATED,
    NEAR_REPEAT,
    ORIGINATOR,
    REPEAT,
    near_repeat_roles,
    repeat_victimisation,
)


def _dates(*days):
    return np.array(days, dtype="datetime64[D]")


def test_repeat_victimisation_counts_targets_gaps_and_shares():
    keys = ["A", "B", "A", None, "A", "C", "B"]
    dates = _dates("2024-01-01", "2024-01-05", "2024-01-04", "2024-02-01", "2024-03-04",
                   "2024-03-01", "2024-12-31")  # fmt: skip

    result = repeat_victimisation(keys, dates)

    assert (result.n_events, result.n_with_target, result.targets) == (7, 6, 3)
    assert result.targets_by_count == {1: 1, 2: 1, 3: 1, 4: 0, 5: 0}
    assert result.repeat_targets == 2 and result.events_at_repeat_targets == 5
    assert result.share_at_repeat_targets == pytest.approx(5 / 6)
    # A: 3 and 60 days; B: 361 days.
    assert sorted(result.days_to_repeat.tolist()) == [3, 60, 361]
    assert result.median_days_to_repeat == 60
    assert result.share_repeats_within == {7: pytest.approx(1 / 3), 30: pytest.approx(1 / 3),
                                           365: 1.0}  # fmt: skip


def test_roles_on_a_small_story():
    # 0: first at (0,0); 1: same place 3 days later -> repeat; 2: 50 m away 2 days after 0
    # -> near repeat; 3: far away -> isolated; 4: 50 m from 3 but 40 days later -> isolated.
    x = np.array([0.0, 0.0, 50.0, 5000.0, 5050.0])
    y = np.zeros(5)
    dates = _dates("2024-01-01", "2024-01-04", "2024-01-03", "2024-01-01", "2024-02-10")

    result = near_repeat_roles(x, y, dates, distance=100, days=7)

    assert result.roles.tolist() == [ORIGINATOR, REPEAT, NEAR_REPEAT, ISOLATED, ISOLATED]
    assert result.counts == {ORIGINATOR: 1, NEAR_REPEAT: 1, REPEAT: 1, ISOLATED: 2}


def test_the_same_day_tie_break_uses_the_time_then_the_input_order():
    x, y = np.zeros(2), np.zeros(2)
    dates = _dates("2024-05-01", "2024-05-01")

    by_input = near_repeat_roles(x, y, dates, distance=10, days=1)
    by_time = near_repeat_roles(x, y, dates, distance=10, days=1, minutes=np.array([22 * 60, 60]))

    assert by_input.roles.tolist() == [ORIGINATOR, REPEAT]
    assert by_time.roles.tolist() == [REPEAT, ORIGINATOR]  # 01:00 came before 22:00


def test_a_key_makes_a_repeat_of_a_target_whose_coordinates_differ():
    x, y = np.array([0.0, 8.0]), np.zeros(2)
    dates = _dates("2024-05-01", "2024-05-03")

    plain = near_repeat_roles(x, y, dates, distance=10, days=7)
    keyed = near_repeat_roles(x, y, dates, distance=10, days=7, keys=["shop-1", "shop-1"])

    assert plain.roles[1] == NEAR_REPEAT and keyed.roles[1] == REPEAT


def _roles_brute_force(x, y, day, distance, days):
    n = len(x)
    order = sorted(range(n), key=lambda k: (day[k], k))
    rank = {k: r for r, k in enumerate(order)}
    roles = [ISOLATED] * n
    repeat, near, followed = set(), set(), set()
    for a in range(n):
        for b in range(n):
            if a == b or rank[a] > rank[b]:
                continue
            d = float(np.hypot(x[a] - x[b], y[a] - y[b]))
            if d <= distance and abs(day[a] - day[b]) <= days:
                followed.add(a)
                (repeat if d == 0 else near).add(b)
    for k in range(n):
        if k in repeat:
            roles[k] = REPEAT
        elif k in near:
            roles[k] = NEAR_REPEAT
        elif k in followed:
            roles[k] = ORIGINATOR
    return roles


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 20)), min_size=1, max_size=40
    )
)
def test_roles_equal_a_brute_force_on_random_events(events):
    x = np.array([e[0] * 40.0 for e in events])
    y = np.array([e[1] * 40.0 for e in events])
    day = np.array([e[2] for e in events])

    result = near_repeat_roles(x, y, day.astype("datetime64[D]"), distance=80, days=3)

    assert result.roles.tolist() == _roles_brute_force(x, y, day, 80, 3)
    assert sum(result.counts.values()) == len(events)
