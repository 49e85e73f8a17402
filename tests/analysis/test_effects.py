"""Measure effects: the WDQ and total net effect worked out by hand, the interpretation of every
sign, and the odds ratio and exact tests against direct computations."""

import math
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from overvalregie.analysis.effects import relative_effect_size, weighted_displacement_quotient


def test_wdq_on_a_worked_example():
    # Treatment A 100 -> 60, buffer B 80 -> 70, control C 200 -> 180.
    result = weighted_displacement_quotient(100, 60, 80, 70, 200, 180)
    # SM  = 60/180 - 100/200 = 0.33333 - 0.5  = -1/6
    # BDM = 70/180 -  80/200 = 0.38889 - 0.4  = -1/90
    # WDQ = (-1/90) / (-1/6) = 6/90 = 1/15 = 0.0667: a small diffusion of benefits.
    assert result.success_measure == pytest.approx(-1 / 6)
    assert result.buffer_displacement_measure == pytest.approx(-1 / 90)
    assert result.wdq == pytest.approx(1 / 15)
    assert result.interpretation == "diffusion"
    # Without the measure A and B would have followed C (x 180/200 = 0.9):
    # A: 100 * 0.9 = 90 expected, 60 seen -> 30 prevented; B: 80 * 0.9 = 72, 70 -> 2.
    # TNE = (90 - 60) + (72 - 70) = 32.
    assert result.expected_treatment_after == pytest.approx(90)
    assert result.expected_buffer_after == pytest.approx(72)
    assert result.total_net_effect == pytest.approx(32)


@pytest.mark.parametrize(
    ("counts", "interpretation", "wdq"),
    [
        # SM = 50/100 - 100/100 = -1/2 throughout; C 100 -> 100.
        ((100, 50, 100, 20, 100, 100), "diffusion_greater_than_effect", 1.6),  # BDM -0.8
        ((100, 50, 100, 50, 100, 100), "diffusion", 1.0),  # BDM -0.5: exactly 1
        ((100, 50, 100, 100, 100, 100), "no_buffer_change", 0.0),  # BDM 0
        ((100, 50, 100, 130, 100, 100), "displacement", -0.6),  # BDM +0.3
        ((100, 50, 100, 150, 100, 100), "displacement", -1.0),  # BDM +0.5: exactly -1
        ((100, 50, 100, 180, 100, 100), "displacement_greater_than_effect", -1.6),  # BDM +0.8
    ],
)
def test_wdq_sign_interpretation(counts, interpretation, wdq):
    result = weighted_displacement_quotient(*counts)
    assert result.success_measure == pytest.approx(-0.5)
    assert result.interpretation == interpretation
    assert result.wdq == pytest.approx(wdq)


def test_wdq_without_success_is_not_meaningful():
    # A went up relative to C: SM = 120/100 - 100/100 = +0.2.
    rising = weighted_displacement_quotient(100, 120, 50, 80, 100, 100)
    assert rising.interpretation == "no_success" and math.isnan(rising.wdq)
    assert rising.success_measure == pytest.approx(0.2)
    assert rising.buffer_displacement_measure == pytest.approx(0.3)
    # A followed C exactly: SM = 0, the quotient would divide by zero.
    flat = weighted_displacement_quotient(100, 90, 50, 40, 200, 180)
    assert flat.success_measure == 0.0 and flat.interpretation == "no_success"
    assert math.isnan(flat.wdq)


def test_wdq_with_a_zero_control_gives_a_flag_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        after_zero = weighted_displacement_quotient(10, 5, 8, 9, 20, 0)
        before_zero = weighted_displacement_quotient(10, 5, 8, 9, 0, 20)
        all_zero = weighted_displacement_quotient(0, 0, 0, 0, 0, 0)
    for result in (after_zero, before_zero, all_zero):
        assert result.interpretation == "control_zero"
        assert math.isnan(result.wdq) and math.isnan(result.success_measure)
    # C 20 -> 0: A and B were expected to drop to 0, so the TNE is -(5 + 9).
    assert after_zero.total_net_effect == pytest.approx(-14)
    assert math.isnan(before_zero.total_net_effect)


def test_wdq_rejects_what_is_not_a_count():
    with pytest.raises(ValueError, match="buffer_after"):
        weighted_displacement_quotient(1, 1, 1, -2, 1, 1)


@given(st.lists(st.integers(min_value=1, max_value=5_000), min_size=6, max_size=6))
def test_wdq_is_bdm_over_sm_and_tne_adds_up(counts):
    a_b, a_a, b_b, b_a, c_b, c_a = counts
    result = weighted_displacement_quotient(*counts)
    sm = a_a / c_a - a_b / c_b
    bdm = b_a / c_a - b_b / c_b
    assert result.success_measure == pytest.approx(sm, abs=1e-12)
    assert result.buffer_displacement_measure == pytest.approx(bdm, abs=1e-12)
    if result.interpretation == "no_success":
        assert a_a * c_b >= a_b * c_a  # SM >= 0 in exact arithmetic
    else:
        assert result.wdq == pytest.approx(bdm / sm, rel=1e-9)
    tne = (a_b * c_a / c_b - a_a) + (b_b * c_a / c_b - b_a)
    assert result.total_net_effect == pytest.approx(tne, rel=1e-9, abs=1e-9)


# --- odds ratio and exact tests ------------------------------------------------------------


def test_odds_ratio_and_interval_equal_a_direct_computation():
    # Treatment 120 -> 80, control 300 -> 290.
    result = relative_effect_size(120, 80, 300, 290)
    odds_ratio = (120 * 290) / (80 * 300)  # = 1.45: 1/1.45 = 31 % fewer than expected
    se = math.sqrt(1 / 120 + 1 / 80 + 1 / 300 + 1 / 290)
    assert result.odds_ratio == pytest.approx(odds_ratio)
    assert result.log_se == pytest.approx(se)
    assert result.low == pytest.approx(math.exp(math.log(odds_ratio) - 1.959963984540054 * se))
    assert result.high == pytest.approx(math.exp(math.log(odds_ratio) + 1.959963984540054 * se))
    z = math.log(odds_ratio) / se
    assert result.z == pytest.approx(z)
    assert result.p_value == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))
    assert not result.continuity_corrected


def test_exact_tests_equal_scipy_on_the_derived_numbers():
    result = relative_effect_size(120, 80, 300, 290)
    # Given 200 events in A, A_a ~ Binomial(200, 290 / 590) when A changes as C did.
    assert result.null_share == pytest.approx(290 / 590)
    assert result.exact_p_value == pytest.approx(stats.binomtest(80, 200, p=290 / 590).pvalue)
    assert result.exact_status == "ok"
    fisher = stats.fisher_exact([[120, 80], [300, 290]]).pvalue
    assert result.fisher_p_value == pytest.approx(fisher)
    # Allowing for chance in the control too makes the evidence weaker, not stronger.
    assert result.fisher_p_value > result.exact_p_value


def test_variance_inflation_widens_the_interval():
    plain = relative_effect_size(120, 80, 300, 290)
    inflated = relative_effect_size(120, 80, 300, 290, variance_inflation=4.0)
    assert inflated.log_se == pytest.approx(2 * plain.log_se)
    assert inflated.odds_ratio == plain.odds_ratio
    assert inflated.p_value > plain.p_value


def test_zero_counts_are_corrected_and_flagged_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        no_after = relative_effect_size(12, 0, 40, 38)
        no_treatment = relative_effect_size(0, 0, 40, 38)
        control_gone = relative_effect_size(12, 5, 40, 0)
    assert no_after.continuity_corrected
    assert no_after.odds_ratio == pytest.approx((12.5 * 38.5) / (0.5 * 40.5))
    assert no_after.log_se == pytest.approx(math.sqrt(1 / 12.5 + 1 / 0.5 + 1 / 40.5 + 1 / 38.5))
    assert no_after.exact_p_value == pytest.approx(stats.binomtest(0, 12, p=38 / 78).pvalue)
    assert no_treatment.exact_status == "no_treatment_events"
    assert math.isnan(no_treatment.exact_p_value) and math.isnan(no_treatment.fisher_p_value)
    assert control_gone.exact_status == "control_zero"
    assert math.isnan(control_gone.exact_p_value)
    assert control_gone.fisher_p_value == pytest.approx(
        stats.fisher_exact([[12, 5], [40, 0]]).pvalue
    )
