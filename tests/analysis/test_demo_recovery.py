"""On the demo region the analyses find what the generator put in (its parameters are known).

The generator draws background robberies with a dark-month and evening peak and adds
offspring: repeats at the same target and near repeats close by, days later.
"""

import numpy as np

from overvalregie.analysis.near_repeat import knox
from overvalregie.analysis.repeats import REPEAT, near_repeat_roles, repeat_victimisation
from overvalregie.analysis.time_patterns import (
    dark_month_share,
    evening_share,
    hour_weekday_matrix,
)


def _columns(town):
    columns = town.robbery_arrays()
    start = np.datetime64(town.parameters.period_start, "D")
    columns["date"] = start + columns["day"].astype("timedelta64[D]")
    return columns


def test_near_repeats_show_at_short_range_and_fade_with_distance(demo_town):
    c = _columns(demo_town)
    p = demo_town.parameters

    result = knox(
        c["x"], c["y"], c["date"], spatial_bandwidth=200, spatial_bands=4,
        temporal_bandwidth=14, temporal_bands=2, permutations=199, seed=1,
    )  # fmt: skip

    # Near repeats lie within about p.near_repeat_distance_scale_m and p.near_repeat_mean_delay
    # days: the short-range, short-time cells stand out, the far ones do not.
    assert p.near_repeat_distance_scale_m == 200 and p.near_repeat_mean_delay_days == 7
    assert result.knox_ratio[1, 0] > 1.5 and result.p_value[1, 0] <= 0.01
    assert result.knox_ratio[4, 0] < result.knox_ratio[1, 0]
    assert result.p_value[4, 0] > 0.01


def test_the_repeat_rate_matches_the_generated_repeats(demo_town):
    c = _columns(demo_town)
    planted = int((c["trigger"] == "repeat").sum())

    result = repeat_victimisation(list(c["target_key"]), c["date"], within=(42,))

    # A planted repeat follows 1 + Exp(30) days later: 75 % within six weeks. Background
    # robberies hit a target twice by chance too, but seldom within six weeks.
    assert demo_town.parameters.repeat_mean_delay_days == 30
    soon = round(result.share_repeats_within[42] * len(result.days_to_repeat))
    assert 0.6 * planted <= soon <= 1.2 * planted
    expected_share = demo_town.parameters.repeat_probability
    assert 0.5 * expected_share < planted / len(c["x"]) < 1.5 * expected_share


def test_roles_find_the_planted_repeats(demo_town):
    c = _columns(demo_town)

    roles = near_repeat_roles(
        c["x"], c["y"], c["date"], distance=600, days=90, keys=list(c["target_key"])
    )

    planted = c["trigger"] == "repeat"
    found = roles.roles == REPEAT
    # Most planted repeats fall within 90 days and are found as repeats of their target.
    assert (found & planted).sum() >= 0.6 * planted.sum()


def test_the_dark_month_share_recovers_the_generated_multiplier(demo_town):
    c = _columns(demo_town)
    p = demo_town.parameters
    period_end = np.datetime64(p.period_start, "D") + np.timedelta64(int(c["day"].max()), "D")

    result = dark_month_share(c["date"], start=np.datetime64(p.period_start, "D"), end=period_end)

    # Background robberies come 1.6 times as often per dark day; offspring blur it a little.
    m = p.dark_multiplier
    e = result.expected_share
    generated = m * e / (m * e + (1 - e))
    assert result.low <= generated <= result.high
    assert result.share > e and result.p_value < 0.01


def test_the_evening_peak_is_found(demo_town):
    c = _columns(demo_town)
    hours = np.where(np.isnan(c["hour"]), -1, c["hour"]).astype(int)
    weights = np.array(demo_town.parameters.hour_weights)

    evening = evening_share(hours, start=18, end=22)
    matrix = hour_weekday_matrix(c["date"], hours)

    generated = weights[18:22].sum() / weights.sum()
    assert evening.low <= generated <= evening.high and evening.p_value < 1e-6
    assert 18 <= matrix.peak_hour <= 21
    assert matrix.unknown_hour == int(np.isnan(c["hour"]).sum())
