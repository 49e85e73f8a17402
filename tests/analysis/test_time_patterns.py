"""Time patterns: the calendar's expectations computed exactly, tests that find a planted
pattern and not a uniform one, and counts that equal a plain Python loop."""

import datetime as dt
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from overvalregie.analysis.time_patterns import (
    dark_month_share,
    days_per_month,
    evening_share,
    hour_weekday_matrix,
    monthly_seasonality,
    weekdays,
)

START, END = np.datetime64("2001-01-01"), np.datetime64("2004-12-31")  # 4 years, 1 leap day
ALL_DAYS = np.arange(START, END + 1)
DARK = np.isin(ALL_DAYS.astype("datetime64[M]").astype(int) % 12 + 1, [10, 11, 12, 1, 2, 3])


def test_expected_dark_share_over_whole_years_counts_the_calendar_days():
    # Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + Mar 31 = 182 days; 183 in 2004 (Feb 29).
    dark_days, total_days = 3 * 182 + 183, 3 * 365 + 366
    result = dark_month_share(ALL_DAYS[::7], start=START, end=END)
    assert (result.dark_days, result.total_days) == (dark_days, total_days) == (729, 1461)
    assert result.expected_share == 729 / 1461
    assert result.expected_share == pytest.approx((31 + 30 + 31 + 31 + 28.25 + 31) / 365.25)
    assert result.expected_share == pytest.approx(0.49897, abs=1e-5)


def test_expected_dark_share_of_a_partial_period_defaults_to_the_first_and_last_event():
    dates = np.array(["2023-09-20", "2023-10-05", "2023-10-11"], dtype="datetime64[D]")
    result = dark_month_share(dates)
    # 20-30 September: 11 light days; 1-11 October: 11 dark days.
    assert (result.dark_days, result.total_days) == (11, 22)
    assert result.n_dark == 2 and result.share == pytest.approx(2 / 3)
    assert result.start == np.datetime64("2023-09-20") and result.end == np.datetime64("2023-10-11")


def _sample(rng, n, dark_probability):
    """n dates: dark with the given probability, uniform over the days within each half."""
    dark = rng.random(n) < dark_probability
    return np.where(dark, rng.choice(ALL_DAYS[DARK], n), rng.choice(ALL_DAYS[~DARK], n))


def test_dark_month_excess_is_detected_and_a_uniform_sample_is_not():
    planted_dates = _sample(np.random.default_rng(12), 1500, 0.56)
    planted = dark_month_share(planted_dates, start=START, end=END)
    uniform_dates = np.random.default_rng(13).choice(ALL_DAYS, 1500)
    uniform = dark_month_share(uniform_dates, start=START, end=END)
    assert planted.p_value < 0.01 and planted.ratio > 1.05
    assert planted.low > planted.expected_share
    assert uniform.p_value > 0.05
    assert uniform.low < uniform.expected_share < uniform.high


def test_dark_month_test_holds_its_level_on_uniform_samples():
    rng = np.random.default_rng(99)
    p_values = [
        dark_month_share(rng.choice(ALL_DAYS, 300), start=START, end=END).p_value
        for _ in range(300)
    ]
    # An exact test rejects at most 5 % of true nulls (up to sampling error of 300 draws).
    assert np.mean(np.array(p_values) < 0.05) < 0.08
    assert np.mean(np.array(p_values) < 0.5) > 0.3  # and is not stuck at p = 1


def test_dark_month_test_equals_binomtest_and_clopper_pearson():
    rng = np.random.default_rng(3)
    dates = rng.choice(ALL_DAYS, 400)
    result = dark_month_share(dates, start=START, end=END, confidence=0.9)
    k = int(
        np.isin(dates.astype("datetime64[M]").astype(int) % 12 + 1, [10, 11, 12, 1, 2, 3]).sum()
    )
    test = stats.binomtest(k, 400, p=729 / 1461)
    interval = test.proportion_ci(confidence_level=0.9, method="exact")
    assert result.n_dark == k
    assert result.p_value == pytest.approx(test.pvalue)
    assert (result.low, result.high) == pytest.approx((interval.low, interval.high))


def test_dark_month_share_rejects_events_outside_the_period_and_no_events():
    with pytest.raises(ValueError, match="outside"):
        dark_month_share(["2020-01-05"], start="2020-02-01", end="2020-03-01")
    with pytest.raises(ValueError, match="no events"):
        dark_month_share(np.array([], dtype="datetime64[D]"))


# --- hour x weekday ------------------------------------------------------------------------


def test_monday_is_row_zero():
    assert dt.date(2024, 1, 1).weekday() == 0  # the calendar agrees: a Monday
    result = hour_weekday_matrix(["2024-01-01", "2024-01-07"], hours=[9, 23])
    assert result.counts[0, 9] == 1 and result.counts[6, 23] == 1
    assert result.counts.sum() == 2
    assert weekdays(["2024-01-01", "1969-12-31", "1970-01-01"]).tolist() == [0, 2, 3]


def test_hour_weekday_counts_equal_a_python_loop():
    rng = np.random.default_rng(5)
    dates = rng.choice(np.arange(np.datetime64("1968-06-01"), np.datetime64("2026-01-01")), 3000)
    hours = rng.integers(-1, 24, 3000)
    result = hour_weekday_matrix(dates, hours)

    table = [[0] * 24 for _ in range(7)]
    unknown = [0] * 7
    for date, hour in zip(dates.tolist(), hours.tolist(), strict=True):
        if hour < 0:
            unknown[date.weekday()] += 1
        else:
            table[date.weekday()][hour] += 1
    assert result.counts.tolist() == table
    assert result.unknown_per_weekday.tolist() == unknown
    assert result.unknown_hour == sum(unknown) == int((hours < 0).sum())
    assert result.per_hour.tolist() == [sum(row[h] for row in table) for h in range(24)]
    assert result.per_weekday.tolist() == [sum(row) for row in table]
    busiest = max(range(24), key=lambda h: (result.per_hour[h], -h))
    assert result.peak_hour == busiest


def test_hour_weekday_from_timestamps_including_before_1970():
    stamps = np.array(
        ["2024-01-01T00:00", "2024-01-07T23:59:59", "1969-12-31T22:30"], dtype="datetime64[s]"
    )
    result = hour_weekday_matrix(stamps)
    assert result.counts[0, 0] == 1  # Monday 00:00
    assert result.counts[6, 23] == 1  # Sunday 23:59
    assert result.counts[2, 22] == 1  # Wednesday 22:30
    assert result.unknown_hour == 0
    as_objects = hour_weekday_matrix([dt.datetime(2024, 1, 3, 17, 45), "2024-01-04T08:00"])
    assert as_objects.counts[2, 17] == 1 and as_objects.counts[3, 8] == 1


def test_hour_weekday_rejects_dates_without_hours_and_bad_hours():
    with pytest.raises(ValueError, match="hours"):
        hour_weekday_matrix(np.array(["2024-01-01"], dtype="datetime64[D]"))
    with pytest.raises(ValueError, match="0–23"):
        hour_weekday_matrix(["2024-01-01"], hours=[24])


def test_hour_weekday_with_only_unknown_hours_has_no_peak():
    result = hour_weekday_matrix(["2024-01-01", "2024-01-02"], hours=[-1, -1])
    assert result.peak_hour is None and result.peak_weekday is None
    assert result.unknown_per_weekday.tolist() == [1, 1, 0, 0, 0, 0, 0]


@given(
    st.lists(
        st.tuples(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.integers(-1, 23)),
        max_size=200,
    )
)
def test_hour_weekday_totals_sum_to_the_number_of_events(events):
    dates = np.array([d for d, _ in events], dtype="datetime64[D]")
    hours = np.array([h for _, h in events], dtype=np.int64)
    result = hour_weekday_matrix(dates, hours)
    assert result.counts.sum() + result.unknown_hour == result.n_events == len(events)
    assert result.per_hour.sum() == result.per_weekday.sum() == result.counts.sum()
    weekday_all = result.per_weekday + result.unknown_per_weekday
    assert weekday_all.tolist() == [sum(d.weekday() == w for d, _ in events) for w in range(7)]


# --- evening share -------------------------------------------------------------------------


def test_evening_share_leaves_out_unknown_hours_and_wraps_past_midnight():
    hours = [18, 19, 23, 0, 5, -1, 12, 6]
    evening = evening_share(hours)
    assert (evening.n_known, evening.n_evening, evening.n_unknown) == (7, 3, 1)
    assert evening.share == pytest.approx(3 / 7) and evening.expected_share == 0.25
    assert evening.p_value == pytest.approx(stats.binomtest(3, 7, p=0.25).pvalue)
    night = evening_share(hours, start=22, end=6)
    assert night.n_evening == 3  # 23, 0 and 5; not 6
    assert night.expected_share == pytest.approx(8 / 24)


def test_evening_share_without_known_hours_is_nan_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = evening_share([-1, -1])
    assert result.n_known == 0 and np.isnan(result.share) and np.isnan(result.p_value)
    with pytest.raises(ValueError, match="start"):
        evening_share([1], start=5, end=5)


# --- monthly seasonality -------------------------------------------------------------------


def test_days_per_month_counts_partial_months_and_leap_days():
    per_month = days_per_month("2023-12-15", "2024-03-02")
    assert per_month.tolist() == [31, 29, 2, 0, 0, 0, 0, 0, 0, 0, 0, 17]


def test_seasonal_index_of_an_even_spread_over_the_days_is_one():
    # One event a day over a period of partial years: months occur 4 or 5 times, some in part.
    days = np.arange(np.datetime64("2019-03-15"), np.datetime64("2023-08-21"))
    result = monthly_seasonality(days)
    assert np.abs(result.index - 1).max() < 1e-12
    assert result.counts.tolist() == result.exposure_days.tolist()
    assert result.chi2 == pytest.approx(0.0, abs=1e-9) and result.p_value == pytest.approx(1.0)


def test_seasonal_index_and_chi_square_of_a_planted_december_excess():
    days = np.arange(np.datetime64("2023-01-01"), np.datetime64("2024-01-01"))
    december = days[days >= np.datetime64("2023-12-01")]
    result = monthly_seasonality(np.concatenate([days, december]))
    n = 365 + 31
    expected = n * np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]) / 365
    assert result.expected == pytest.approx(expected)
    assert result.index[11] == pytest.approx(62 / (n * 31 / 365))
    assert result.index[0] == pytest.approx(31 / (n * 31 / 365))
    direct = stats.chisquare(result.counts, f_exp=expected)
    assert result.chi2 == pytest.approx(direct.statistic) and result.dof == 11
    assert result.p_value == pytest.approx(direct.pvalue) and result.p_value < 0.01


def test_seasonality_leaves_out_months_outside_the_period():
    result = monthly_seasonality(["2024-03-05", "2024-04-20"], start="2024-03-01", end="2024-04-30")
    assert np.isnan(result.index[[0, 1, 4, 11]]).all()
    assert result.index[2] == pytest.approx(1 / (2 * 31 / 61))
    assert result.dof == 1 and result.small_expected
