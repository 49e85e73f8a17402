"""An evening peak: the share of robberies between 18 and 22 h follows the hour weights."""

import numpy as np

from tests.demo.recovery import z_limit


def test_evening_share_matches_the_hour_distribution(town):
    p = town.parameters
    hours = town.robbery_arrays()["hour"]
    known = hours[~np.isnan(hours)]
    weights = np.asarray(p.hour_weights)
    expected = weights[18:22].sum() / weights.sum()
    observed = ((known >= 18) & (known < 22)).mean()
    assert abs(observed - expected) <= z_limit(expected, len(known))


def test_the_busiest_hours_are_in_the_evening(town):
    hours = town.robbery_arrays()["hour"]
    counts = np.bincount(hours[~np.isnan(hours)].astype(int), minlength=24)
    assert 17 <= np.argmax(counts) <= 22
    assert counts[18:22].sum() > 3 * counts[2:6].sum() + counts[8:12].sum()


def test_some_times_are_unknown(town):
    p = town.parameters
    unknown = np.mean([r.time is None for r in town.robberies])
    assert abs(unknown - p.time_unknown_probability) <= z_limit(
        p.time_unknown_probability, len(town.robberies)
    )
