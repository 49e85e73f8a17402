"""Near-repeats: robberies cluster in space and time beyond what chance gives (Knox test)."""

import numpy as np

CLOSE_METRES = 400
CLOSE_DAYS = 14


def _close_pairs(day, near) -> int:
    return int((near & (np.abs(day[:, None] - day[None, :]) <= CLOSE_DAYS)).sum() // 2)


def test_close_in_space_and_time_more_often_than_with_shuffled_dates(town):
    arrays = town.robbery_arrays()
    x, y, day = arrays["x"], arrays["y"], arrays["day"]
    distance = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    near = (distance <= CLOSE_METRES) & (distance > 1)  # another target: not a repeat
    observed = _close_pairs(day, near)
    rng = np.random.default_rng(0)
    shuffled = np.array([_close_pairs(rng.permutation(day), near) for _ in range(199)])
    p_value = (1 + (shuffled >= observed).sum()) / (1 + len(shuffled))
    assert p_value <= 0.05
    assert observed >= 1.3 * shuffled.mean()


def test_near_repeats_are_close_to_their_trigger_and_soon_after(town):
    p = town.parameters
    by_index = {r.index: r for r in town.robberies}
    near = [r for r in town.robberies if r.trigger == "near_repeat"]
    assert near
    distance = np.array(
        [np.hypot(r.x - by_index[r.parent_index].x, r.y - by_index[r.parent_index].y) for r in near]
    )
    delay = np.array([(r.date - by_index[r.parent_index].date).days for r in near])
    assert (distance <= p.near_repeat_max_distance_m + 41).all()  # cash transports: +40 m
    assert (delay >= 1).all()
    assert np.median(delay) <= 2 * p.near_repeat_mean_delay_days
    for r in near:
        parent = by_index[r.parent_index]
        assert r.target_type == parent.target_type
        assert r.target_key != parent.target_key  # another business, home or spot
