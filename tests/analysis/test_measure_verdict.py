"""The verdict on a measure, on synthetic counts whose truth is known: an effect, none, and
displacement. Poisson counts for the area (A), the buffer (B) and the comparison area (C)
before and after, from a fixed seed, so each run sees the same samples."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from overvalregie.analysis.effects import judge_measure

RUNS = 400


def simulate(seed, *, effect=1.0, displaced=0.0, trend=0.9, a=40.0, b=20.0, c=200.0):
    """``RUNS`` verdicts. Before: A, B and C at their means. After: all follow ``trend``; A
    keeps a share ``effect`` of its robberies, and ``displaced`` of those prevented happen
    in B instead."""
    rng = np.random.default_rng(seed)
    prevented = a * trend * (1 - effect)
    verdicts = []
    for _ in range(RUNS):
        counts = (
            rng.poisson(a),
            rng.poisson(a * trend * effect),
            rng.poisson(b),
            rng.poisson(b * trend + displaced * prevented),
            rng.poisson(c),
            rng.poisson(c * trend),
        )
        verdicts.append(judge_measure(*counts))
    return verdicts


def share(verdicts, **expected):
    return np.mean(
        [all(getattr(v, name) == value for name, value in expected.items()) for v in verdicts]
    )


def test_a_known_effect_is_found():
    # 60 % of the robberies prevented, 60 a period before: the test nearly always sees it.
    verdicts = simulate(1, effect=0.4, a=60)
    assert share(verdicts, effect="decline") > 0.85
    assert share(verdicts, effect="rise") == 0
    # Nothing moved to the buffer: displacement is rarely claimed.
    declines = [v for v in verdicts if v.effect == "decline"]
    assert share(declines, surroundings="displacement") < 0.1


def test_no_effect_is_rarely_called_one():
    # The area follows the comparison area: a decline is claimed about as often as the test's
    # level allows (Fisher's test is conservative, so at most about 5 %).
    verdicts = simulate(2, effect=1.0)
    assert share(verdicts, effect="decline") <= 0.05
    assert share(verdicts, effect="rise") <= 0.05
    assert share(verdicts, effect="no_difference") >= 0.9


def test_displacement_is_seen_in_the_buffer():
    # Every robbery prevented in A happens in B instead.
    verdicts = simulate(3, effect=0.4, displaced=1.0, a=60, b=30)
    declines = [v for v in verdicts if v.effect == "decline"]
    assert len(declines) > 0.9 * RUNS
    assert share(declines, surroundings="displacement") > 0.6
    # ... and the WDQ, where the buffer rose, is negative: displacement.
    assert np.median([v.wdq.wdq for v in declines]) < 0


def test_diffusion_of_benefits_is_seen_in_the_buffer():
    rng = np.random.default_rng(4)
    verdicts = [
        judge_measure(
            rng.poisson(60),
            rng.poisson(25),
            rng.poisson(40),
            rng.poisson(15),
            rng.poisson(300),
            rng.poisson(290),
        )  # fmt: skip
        for _ in range(RUNS)
    ]
    declines = [v for v in verdicts if v.effect == "decline"]
    assert share(declines, surroundings="diffusion") > 0.6


def test_too_few_robberies_give_no_verdict():
    # 4 before and 1 after in the area: a large fall, but too few to tell.
    verdict = judge_measure(4, 1, 3, 3, 100, 100)
    assert verdict.effect == "too_few"
    assert verdict.surroundings == "not_judged"
    # The numbers are still worked out for the analyst.
    assert verdict.wdq.success_measure == pytest.approx(1 / 100 - 4 / 100)


def test_an_empty_comparison_area_gives_no_verdict():
    assert judge_measure(30, 5, 10, 10, 0, 12).effect == "too_few"
    assert judge_measure(30, 5, 10, 10, 12, 0).effect == "too_few"


def test_a_clear_rise_is_called_one():
    verdict = judge_measure(10, 40, 10, 10, 100, 100)
    assert verdict.effect == "rise"
    assert verdict.treatment.odds_ratio < 1


def test_a_clear_decline_with_a_quiet_buffer():
    verdict = judge_measure(40, 10, 3, 4, 100, 100)
    assert (verdict.effect, verdict.surroundings) == ("decline", "too_few")


@given(st.lists(st.integers(0, 500), min_size=6, max_size=6))
def test_every_set_of_counts_gets_a_consistent_verdict(counts):
    verdict = judge_measure(*counts)
    assert verdict.effect in ("too_few", "decline", "no_difference", "rise")
    if verdict.effect != "decline":
        assert verdict.surroundings == "not_judged"
    if verdict.effect in ("decline", "rise"):
        assert verdict.treatment.fisher_p_value < verdict.alpha
        assert (verdict.treatment.odds_ratio > 1) == (verdict.effect == "decline")
