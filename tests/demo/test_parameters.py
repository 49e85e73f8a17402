"""The true parameters travel as JSON and come back unchanged."""

import datetime as dt
import json

from overvalregie.demo.generator import DemoParameters


def test_parameters_round_trip_through_json():
    parameters = DemoParameters(seed=3, dark_multiplier=1.9)
    data = json.loads(json.dumps(parameters.to_json()))
    assert data["period_start"] == "2021-11-01"
    assert data["town"]["code"] == "GM9999"
    assert DemoParameters.from_json(data) == parameters


def test_period_is_fixed_five_years_and_not_today():
    parameters = DemoParameters()
    assert parameters.period_start == dt.date(2021, 11, 1)
    assert parameters.period_end == dt.date(2026, 10, 31)
    assert parameters.days == 1826


def test_mixes_are_distributions():
    p = DemoParameters()
    for mix in (p.target_mix, p.shop_branch_mix, p.weapon_mix, p.loot_mix, p.offender_count_mix):
        assert abs(sum(share for _, share in mix) - 1) < 1e-9
    assert abs(sum(share for *_, share in p.business_mix) - 1) < 1e-9
    assert len(p.hour_weights) == 24
    assert abs(sum(p.weekday_weights) / 7 - 1) < 1e-9
