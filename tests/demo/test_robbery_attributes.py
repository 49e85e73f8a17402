"""The other attributes of a robbery have realistic mixes and valid values."""

import numpy as np

from overvalregie.incidents.choices import LootBand, Weapon
from tests.demo.recovery import z_limit


def test_attempts_arrests_and_solved_shares(town):
    p = town.parameters
    n = len(town.robberies)
    attempt = np.mean([r.attempt for r in town.robberies])
    assert abs(attempt - p.attempt_probability) <= z_limit(p.attempt_probability, n)
    arrested = np.mean([r.suspect_arrested for r in town.robberies])
    assert abs(arrested - p.arrest_probability) <= z_limit(p.arrest_probability, n)
    solved = np.mean([r.solved for r in town.robberies])
    expected = p.arrest_probability * p.solved_given_arrest_probability
    assert 0.30 <= expected <= 0.40
    assert abs(solved - expected) <= z_limit(expected, n)
    assert all(r.suspect_arrested for r in town.robberies if r.solved)


def test_values_are_valid_choices(town):
    for r in town.robberies:
        assert r.weapon in Weapon.values
        assert r.loot_band in LootBand.values
        assert r.offenders in (None, 1, 2, 3)
        assert r.injured in (0, 1, 2)
        assert not r.injured or r.violence
        if r.attempt:
            assert r.loot_band == LootBand.NONE


def test_dates_ids_and_places(town):
    p = town.parameters
    robberies = town.robberies
    assert all(p.period_start <= r.date <= p.period_end for r in robberies)
    assert [r.source_id for r in robberies] == [
        f"demo-{i:06d}" for i in range(1, len(robberies) + 1)
    ]
    assert [r.date for r in robberies] == sorted(r.date for r in robberies)
    codes = {n.code: n for n in town.neighbourhoods}
    for r in robberies:
        neighbourhood = codes[r.neighbourhood_code]
        assert neighbourhood.parent_code == r.district_code
        assert neighbourhood.municipality_code == r.municipality_code
