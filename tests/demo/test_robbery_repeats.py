"""Repeat victimisation: the same target robbed again, mostly within six weeks."""

import numpy as np

from tests.demo.recovery import same_place, z_limit

SIX_WEEKS = 42


def _repeat_share(day: np.ndarray, same: np.ndarray) -> float:
    """Share of robberies that follow one at the same place within six weeks."""
    gap = day[None, :] - day[:, None]  # [i, j]: days from robbery i to robbery j
    return float((same & (gap > 0) & (gap <= SIX_WEEKS)).any(axis=0).mean())


def test_repeat_share_within_six_weeks_matches_the_repeat_probability(town):
    p = town.parameters
    arrays = town.robbery_arrays()
    same = same_place(arrays)
    observed = _repeat_share(arrays["day"], same)
    # Robberies at the same popular business by chance: the share with shuffled dates.
    rng = np.random.default_rng(0)
    chance = np.mean([_repeat_share(rng.permutation(arrays["day"]), same) for _ in range(50)])
    # A repeat comes 1 + floor(Exp(mean)) days later: within six weeks when Exp < 42.
    within = 1 - np.exp(-SIX_WEEKS / p.repeat_mean_delay_days)
    expected = p.repeat_probability * within + chance
    assert abs(observed - expected) <= z_limit(expected, len(arrays["day"]))
    assert observed > 2 * chance


def test_risk_is_highest_in_the_first_six_weeks(town):
    arrays = town.robbery_arrays()
    same = same_place(arrays)
    gap = arrays["day"][None, :] - arrays["day"][:, None]
    early = (same & (gap > 0) & (gap <= SIX_WEEKS)).sum() / SIX_WEEKS
    later = (same & (gap > SIX_WEEKS) & (gap <= 365)).sum() / (365 - SIX_WEEKS)
    assert early > 3 * later  # repeats per day after a robbery: far more at first


def test_repeats_hit_the_same_business_or_address(town):
    by_index = {r.index: r for r in town.robberies}
    repeats = [r for r in town.robberies if r.trigger == "repeat"]
    assert repeats
    for r in repeats:
        parent = by_index[r.parent_index]
        assert (r.target_key, r.address, r.x, r.y) == (
            parent.target_key,
            parent.address,
            parent.x,
            parent.y,
        )
        assert r.date > parent.date
