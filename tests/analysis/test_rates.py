"""Rates and trends: exact intervals against published values and brute-force searches, the
log-linear trend against known growth, and zeros that give flags instead of errors."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import optimize, stats

from overvalregie.analysis.rates import (
    compare_with_reference,
    log_linear_trend,
    period_change,
    poisson_interval,
    rate_per_1000,
)

# --- Poisson (Garwood) interval -------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "low", "high"),
    [
        # The standard tabulated 95 % exact (Garwood) limits, to the printed precision.
        (0, 0.0, 3.689),
        (1, 0.0253, 5.572),
        (2, 0.2422, 7.225),
        (10, 4.795, 18.39),
    ],
)
def test_garwood_interval_equals_published_values(count, low, high):
    got_low, got_high = poisson_interval(count)
    assert got_low == pytest.approx(low, abs=5e-4)
    assert got_high == pytest.approx(high, rel=5e-4)


def test_garwood_interval_is_vectorised_and_keeps_the_shape():
    counts = np.array([[0, 1], [10, 2]])
    low, high = poisson_interval(counts)
    assert low.shape == high.shape == (2, 2)
    for index, count in np.ndenumerate(counts):
        one_low, one_high = poisson_interval(int(count))
        assert low[index] == one_low and high[index] == one_high


def test_garwood_interval_is_the_root_of_the_poisson_tails():
    """The definition itself: P(X >= k | low) = P(X <= k | high) = alpha / 2."""
    for k in (1, 3, 17, 250):
        low, high = poisson_interval(k, confidence=0.9)
        assert stats.poisson.sf(k - 1, low) == pytest.approx(0.05, rel=1e-9)
        assert stats.poisson.cdf(k, high) == pytest.approx(0.05, rel=1e-9)


def test_garwood_interval_rejects_what_is_not_a_count():
    for bad in (-1, 2.5, math.nan):
        with pytest.raises(ValueError, match="count"):
            poisson_interval(bad)
    with pytest.raises(ValueError, match="confidence"):
        poisson_interval(3, confidence=95)


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_garwood_interval_contains_the_count_and_grows_with_it(k, confidence):
    low, high = poisson_interval(k, confidence)
    next_low, next_high = poisson_interval(k + 1, confidence)
    assert 0 <= low <= k < high
    assert next_low > low and next_high > high
    wider_low, wider_high = poisson_interval(k, min(confidence + 0.005, 0.999))
    assert wider_low <= low and wider_high >= high


# --- rate per 1,000 --------------------------------------------------------------------------


def test_rate_per_1000_and_its_interval():
    result = rate_per_1000([10, 0], [2000, 500])
    assert result.rate.tolist() == [5.0, 0.0]
    low, high = poisson_interval(10)
    assert result.low[0] == pytest.approx(low / 2000 * 1000)
    assert result.high[0] == pytest.approx(high / 2000 * 1000)
    assert result.low[1] == 0.0
    assert result.high[1] == pytest.approx(3.6889 / 500 * 1000, rel=1e-4)
    assert not result.no_population.any()


def test_rate_without_population_is_nan_and_flagged_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = rate_per_1000([4, 5, 6], [0, None, 1000])
    assert result.no_population.tolist() == [True, True, False]
    assert np.isnan(result.rate[:2]).all() and np.isnan(result.high[:2]).all()
    assert result.rate[2] == 6.0


def test_rate_rejects_negative_population_and_mismatched_lengths():
    with pytest.raises(ValueError, match="population"):
        rate_per_1000([1], [-5])
    with pytest.raises(ValueError, match="shape"):
        rate_per_1000([1, 2], [100])


# --- period change: conditional binomial rate ratio -----------------------------------------


def _brute_force_ratio_interval(c, p, exposure_ratio, confidence):
    """RR bounds where the one-sided binomial tails equal alpha / 2, found with brentq."""
    alpha = 1 - confidence
    n = c + p

    def share(log_rr):
        rr_e = math.exp(log_rr) * exposure_ratio
        return rr_e / (1 + rr_e)

    def upper_tail(log_rr):  # P(X >= c) - alpha / 2, increasing in RR
        return stats.binom.sf(c - 1, n, share(log_rr)) - alpha / 2

    def lower_tail(log_rr):  # P(X <= c) - alpha / 2, decreasing in RR
        return stats.binom.cdf(c, n, share(log_rr)) - alpha / 2

    low = 0.0 if c == 0 else math.exp(optimize.brentq(upper_tail, -30, 30, xtol=1e-14))
    high = math.inf if p == 0 else math.exp(optimize.brentq(lower_tail, -30, 30, xtol=1e-14))
    return low, high


@pytest.mark.parametrize(
    ("current", "previous", "exposure_ratio", "confidence"),
    [
        (30, 20, 1.0, 0.95),
        (3, 11, 1.0, 0.95),
        (120, 80, 1.5, 0.95),
        (7, 0, 1.0, 0.95),
        (0, 9, 0.5, 0.9),
        (1, 1, 2.0, 0.99),
    ],
)
def test_rate_ratio_interval_equals_a_brute_force_tail_search(
    current, previous, exposure_ratio, confidence
):
    result = period_change(current, previous, confidence, exposure_ratio=exposure_ratio)
    low, high = _brute_force_ratio_interval(current, previous, exposure_ratio, confidence)
    assert result.low == pytest.approx(low, rel=1e-7)
    if math.isinf(high):
        assert math.isinf(result.high)
    else:
        assert result.high == pytest.approx(high, rel=1e-7)
    assert result.low <= result.rate_ratio <= result.high


def test_rate_ratio_p_value_equals_binomtest():
    for c, p, e in [(30, 20, 1.0), (3, 11, 1.0), (120, 80, 1.5), (7, 0, 1.0)]:
        result = period_change(c, p, exposure_ratio=e)
        expected = stats.binomtest(c, c + p, p=e / (1 + e)).pvalue
        assert result.p_value == pytest.approx(expected, rel=1e-12)


def test_rate_ratio_accounts_for_the_exposure_ratio():
    # 60 events in 2 years against 20 in 1: the same rate per year.
    result = period_change(60, 20, exposure_ratio=2.0)
    assert result.rate_ratio == pytest.approx(1.5)
    assert result.relative_change == pytest.approx(0.5)
    assert result.absolute_change == 40
    same = period_change(60, 30, exposure_ratio=2.0)
    assert same.rate_ratio == pytest.approx(1.0) and same.p_value == pytest.approx(1.0)


def test_period_change_zeros_give_flags_not_errors_or_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from_zero = period_change(5, 0)
        both = period_change(0, 0)
        to_zero = period_change(0, 5)
    assert from_zero.status == "previous_zero"
    assert math.isinf(from_zero.rate_ratio) and math.isinf(from_zero.high)
    assert 0 < from_zero.low < math.inf
    assert from_zero.p_value == pytest.approx(0.0625)  # 2 * 0.5**5
    assert both.status == "both_zero"
    assert math.isnan(both.rate_ratio) and math.isnan(both.p_value) and both.absolute_change == 0
    assert to_zero.status == "ok" and to_zero.rate_ratio == 0.0 and to_zero.low == 0.0
    assert to_zero.relative_change == -1.0


def test_period_change_rejects_bad_input():
    with pytest.raises(ValueError, match="previous"):
        period_change(3, -1)
    with pytest.raises(ValueError, match="exposure_ratio"):
        period_change(3, 4, exposure_ratio=0)


# --- log-linear trend -----------------------------------------------------------------------


def test_trend_on_noiseless_expected_counts_is_exact():
    growth = math.log(1.05)
    years = np.arange(2014, 2024)
    population = np.linspace(80_000, 95_000, len(years))
    expected = population * 0.02 * np.exp(growth * (years - 2014))
    result = log_linear_trend(expected, population, years)
    assert result.status == "ok"
    assert result.slope == pytest.approx(growth, abs=1e-8)
    assert result.pct_change == pytest.approx(5.0, abs=1e-6)
    assert result.dispersion == pytest.approx(0.0, abs=1e-12)


def test_trend_recovers_a_known_growth_rate_from_poisson_data():
    rng = np.random.default_rng(20240601)
    years = np.arange(12)
    population = np.full(12, 50_000.0)
    true_pct = -4.0
    counts = rng.poisson(population * 0.01 * (1 + true_pct / 100) ** years)
    result = log_linear_trend(counts, population, years)
    assert result.low < true_pct < result.high
    assert result.low_overdispersed <= result.low and result.high_overdispersed >= result.high
    assert abs(result.pct_change - true_pct) < 1.0


def test_trend_equals_a_direct_maximisation_of_the_poisson_likelihood():
    rng = np.random.default_rng(7)
    t = np.arange(8, dtype=float)
    exposure = rng.uniform(1_000, 3_000, 8)
    counts = rng.poisson(exposure * 0.05 * np.exp(0.1 * t))

    def negative_log_likelihood(beta):
        mu = exposure * np.exp(beta[0] + beta[1] * t)
        return float(np.sum(mu - counts * np.log(mu)))

    direct = optimize.minimize(
        negative_log_likelihood, [math.log(0.05), 0.0], method="BFGS", options={"gtol": 1e-10}
    )
    result = log_linear_trend(counts, exposure)
    assert result.slope == pytest.approx(direct.x[1], abs=1e-6)
    # The Wald se is the inverse Fisher information: compare with the numerical Hessian.
    mu = exposure * np.exp(direct.x[0] + direct.x[1] * t)
    information = np.array([[mu.sum(), (mu * t).sum()], [(mu * t).sum(), (mu * t * t).sum()]])
    assert result.slope_se == pytest.approx(math.sqrt(np.linalg.inv(information)[1, 1]), rel=1e-5)


def test_trend_dispersion_flags_overdispersed_counts():
    counts = np.array([100, 160, 90, 170, 95, 180, 100, 175])
    result = log_linear_trend(counts)
    assert result.dispersion > 5
    assert result.high_overdispersed - result.low_overdispersed > 2 * (result.high - result.low)


def test_trend_edge_cases_give_a_status_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert log_linear_trend([0, 0, 0]).status == "no_events"
        assert log_linear_trend([4]).status == "too_few_periods"
        assert log_linear_trend([4, 5], [100, 0]).status == "too_few_periods"
        assert log_linear_trend([0, 0, 7]).status == "not_estimable"
        assert log_linear_trend([7, 0, 0]).status == "not_estimable"
        two = log_linear_trend([10, 20])
    assert math.isnan(log_linear_trend([0, 0, 7]).slope)
    assert two.status == "ok" and two.pct_change == pytest.approx(100.0)
    assert math.isnan(two.dispersion)


# --- local against reference ----------------------------------------------------------------


def test_comparison_ratio_is_observed_over_expected_with_an_exact_interval():
    result = compare_with_reference(
        [30, 24, 40], [10_000, 10_000, 12_000], [2_000, 2_200, 2_400], [1_000_000] * 3
    )
    # Expected = local population * reference rate: 10000 * 0.002 = 20, 22, 12000 * 0.0024.
    assert result.expected == pytest.approx([20.0, 22.0, 28.8])
    assert result.ratio == pytest.approx([1.5, 24 / 22, 40 / 28.8])
    low, high = poisson_interval(30)
    assert result.low[0] == pytest.approx(low / 20) and result.high[0] == pytest.approx(high / 20)
    assert result.overall_ratio == pytest.approx(94 / 70.8)
    o_low, o_high = poisson_interval(94)
    assert result.overall_low == pytest.approx(o_low / 70.8)
    assert result.overall_high == pytest.approx(o_high / 70.8)
    assert result.local.rate == pytest.approx([3.0, 2.4, 40 / 12])
    assert result.local_trend.status == result.reference_trend.status == "ok"
    # Reference rate 2.0, 2.2, 2.4 per 1000: a trend between +9.5 % and +10 % a year.
    assert 9 < result.reference_trend.pct_change < 10.5


def test_comparison_with_missing_population_or_no_reference_events_is_flagged():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = compare_with_reference(
            [5, 6, 7, 8], [1000, None, 1000, 1000], [100, 100, 0, 100], [10_000, 10_000, 10_000, 0]
        )
    assert result.ratio_defined.tolist() == [True, False, False, False]
    assert np.isnan(result.ratio[1:]).all()
    assert result.overall_ratio == pytest.approx(5 / 10)


def test_comparison_rejects_series_of_different_lengths():
    with pytest.raises(ValueError, match="same length"):
        compare_with_reference([1, 2], [10, 10], [1, 2, 3], [10, 10, 10])
