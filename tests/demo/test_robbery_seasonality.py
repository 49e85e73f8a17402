"""More robberies in the dark months (October-March), as the dark-month multiplier says."""

import datetime as dt

import numpy as np

from tests.demo.recovery import clustering_inflation, z_limit


def _expected_dark_share(p) -> float:
    """Share of robberies in dark months under the true rate (trend included)."""
    days = np.arange(p.days)
    months = np.array([(p.period_start + dt.timedelta(days=int(d))).month for d in days])
    dark = np.isin(months, p.dark_months)
    weight = np.where(dark, p.dark_multiplier, 1.0) * p.annual_trend ** (days / 365.25)
    return weight[dark].sum() / weight.sum()


def test_dark_month_share_matches_the_multiplier(town):
    p = town.parameters
    months = town.robbery_arrays()["month"]
    observed = np.isin(months, p.dark_months).mean()
    expected = _expected_dark_share(p)
    assert expected > 0.6  # the parameter makes a real difference ...
    # ... and the data show it, within sampling error.
    assert abs(observed - expected) <= z_limit(expected, len(months), clustering_inflation(p))


def test_rate_ratio_of_dark_to_light_months_recovers_the_multiplier(town):
    p = town.parameters
    months = town.robbery_arrays()["month"]
    days = np.arange(p.days)
    dark_day = np.isin(
        [(p.period_start + dt.timedelta(days=int(d))).month for d in days], p.dark_months
    )
    exposure = p.annual_trend ** (days / 365.25)  # days, weighted by the known trend
    dark = np.isin(months, p.dark_months).sum()
    light = len(months) - dark
    ratio = (dark / exposure[dark_day].sum()) / (light / exposure[~dark_day].sum())
    se = np.sqrt(1 / dark + 1 / light)  # of log(ratio)
    assert ratio > 1
    assert abs(np.log(ratio) - np.log(p.dark_multiplier)) <= 4 * clustering_inflation(p) * se
