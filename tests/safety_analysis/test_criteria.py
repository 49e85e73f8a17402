"""Each criterion at, just below and just above its threshold; the advice from the count."""

import pytest

from overvalregie.safety_analysis.criteria import (
    BROADER,
    MONITORING,
    SPECIFIC,
    Thresholds,
    evaluate,
)

T = Thresholds()


def _figures(trend=None, low=None, ratio=None, repeats=None, hot=None, days=None):
    return {
        "trend": {"percent_per_year": trend, "low_percent": low},
        "rates": {"ratio_to_region": ratio},
        "repeats": {"repeat_targets": repeats},
        "hotspots": {"hot_cells": hot},
        "high_impact": {"days_since_last": days},
    }


def _met(figures, name, thresholds=T):
    criteria, _advice = evaluate(figures, thresholds)
    return next(c for c in criteria if c.name == name).met


@pytest.mark.parametrize(
    ("percent", "low", "met"),
    [(10.0, 0.1, True), (9.99, 5.0, False), (25.0, 0.0, False), (25.0, -3.0, False),
     (None, None, False)],
)  # fmt: skip
def test_rising_trend(percent, low, met):
    assert _met(_figures(trend=percent, low=low), "rising_trend") is met


@pytest.mark.parametrize(
    ("ratio", "met"), [(1.2, True), (1.1999, False), (3.0, True), (None, False)]
)
def test_rate_above_region(ratio, met):
    assert _met(_figures(ratio=ratio), "rate_above_region") is met


@pytest.mark.parametrize(("count", "met"), [(2, True), (1, False), (0, False), (None, False)])
def test_repeat_victims(count, met):
    assert _met(_figures(repeats=count), "repeat_victims") is met


@pytest.mark.parametrize(("cells", "met"), [(1, True), (0, False), (None, False)])
def test_hotspot(cells, met):
    assert _met(_figures(hot=cells), "hotspot") is met


@pytest.mark.parametrize(("days", "met"), [(90, True), (91, False), (0, True), (None, False)])
def test_recent_high_impact(days, met):
    assert _met(_figures(days=days), "recent_high_impact") is met


def test_a_municipalitys_own_thresholds_apply():
    strict = Thresholds(repeat_targets=5, recent_high_impact_days=30)
    assert not _met(_figures(repeats=4), "repeat_victims", strict)
    assert _met(_figures(repeats=5), "repeat_victims", strict)
    assert not _met(_figures(days=31), "recent_high_impact", strict)


@pytest.mark.parametrize(
    ("figures", "advice"),
    [
        (_figures(), MONITORING),
        (_figures(repeats=2), BROADER),
        (_figures(repeats=2, hot=1), BROADER),
        (_figures(repeats=2, hot=1, days=10), SPECIFIC),
        (_figures(trend=30, low=5, ratio=2, repeats=9, hot=3, days=1), SPECIFIC),
    ],
)
def test_the_advice_follows_the_number_of_criteria_met(figures, advice):
    criteria, result = evaluate(figures, T)
    assert result == advice
    assert len(criteria) == 5
    assert all({"name", "met", "value", "threshold"} <= set(c.as_dict()) for c in criteria)
