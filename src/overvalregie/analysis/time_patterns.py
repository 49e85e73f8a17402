"""When events happen: the dark months, hour × weekday, the evening, and the months of the year.

Dates are whole days (``datetime64[D]``, or anything NumPy turns into one); times are local
clock times (the caller converts to Europe/Amsterdam first). Every comparison is against what
the calendar itself predicts, so a period that is not whole years is no problem:

- **Dark months** are October to March. Over ``[start, end]`` (default: the first and last
  event) the expected share of events in them is the share of *calendar days* in them, counted
  day by day (leap days included). Over whole years that is 182.25 / 365.25 ≈ 0.4990. The
  observed share gets an exact binomial test against it (``scipy.stats.binomtest``) and a
  Clopper-Pearson interval.
- **Hour × weekday** counts events in a 7 × 24 table, Monday = row 0, hour ``h`` = column ``h``
  (the hour that starts at ``h:00``). Events of unknown time (hour −1) are counted apart, per
  weekday.
- **Evening share**: the share of events of known hour in ``[start, end)`` o'clock (wrapping
  past midnight when ``start > end``), against the share of the day's hours that window holds.
- **Monthly seasonality**: the count per calendar month against its expectation
  ``E_m = n · days_m / days``, with ``days_m`` the calendar days of month ``m`` inside
  ``[start, end]``: that adjusts for both the length of the month and how often it occurs in
  the period (a partial month counts its days only). The seasonal index ``count_m / E_m`` is 1
  for events spread evenly over the days; the chi-square goodness-of-fit test against ``E_m``
  (``scipy.stats.chisquare``) asks whether the months differ more than chance allows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

#: October to March, as month numbers.
DARK_MONTHS = (10, 11, 12, 1, 2, 3)

#: 1970-01-01, day 0 of datetime64[D], was a Thursday (Monday = 0).
_EPOCH_WEEKDAY = 3


def _dates(dates, name: str = "dates") -> np.ndarray:
    days = np.atleast_1d(np.asarray(dates, dtype="datetime64[D]"))
    if days.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if np.isnat(days).any():
        raise ValueError(f"{name} holds {int(np.isnat(days).sum())} missing dates")
    return days


def _period(days: np.ndarray, start, end) -> tuple[np.datetime64, np.datetime64]:
    """``[start, end]`` (whole days, both included), defaulting to the first and last event."""
    if len(days) == 0:
        raise ValueError("there are no events")
    first = days.min() if start is None else np.datetime64(start, "D")
    last = days.max() if end is None else np.datetime64(end, "D")
    if np.isnat(first) or np.isnat(last) or last < first:
        raise ValueError("the period needs a start on or before its end")
    outside = int(((days < first) | (days > last)).sum())
    if outside:
        raise ValueError(f"{outside} events lie outside the period {first} to {last}")
    return first, last


def month_numbers(dates) -> np.ndarray:
    """The calendar month (1–12) of each date."""
    months = np.asarray(dates, dtype="datetime64[D]").astype("datetime64[M]").astype(np.int64)
    return months % 12 + 1


def weekdays(dates) -> np.ndarray:
    """The weekday of each date, Monday = 0 … Sunday = 6."""
    days = np.asarray(dates, dtype="datetime64[D]").astype(np.int64)
    return (days + _EPOCH_WEEKDAY) % 7


def days_per_month(start, end) -> np.ndarray:
    """How many calendar days of each month (index 0 = January) lie in ``[start, end]``."""
    every_day = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
    return np.bincount(month_numbers(every_day) - 1, minlength=12)


def _clopper_pearson(k: int, n: int, confidence: float) -> tuple[float, float]:
    interval = stats.binomtest(k, n).proportion_ci(confidence_level=confidence, method="exact")
    return float(interval.low), float(interval.high)


def _check_confidence(confidence: float) -> float:
    confidence = float(confidence)
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence}")
    return confidence


@dataclass(frozen=True)
class DarkMonthResult:
    n_events: int
    n_dark: int  # events in October to March
    share: float  # n_dark / n_events
    low: float  # Clopper-Pearson interval on the share
    high: float
    expected_share: float  # dark_days / total_days
    ratio: float  # share / expected_share (nan when the period holds no dark day)
    p_value: float  # exact two-sided binomial test of share == expected_share
    dark_days: int
    total_days: int
    start: np.datetime64
    end: np.datetime64
    confidence: float


def dark_month_share(dates, start=None, end=None, confidence: float = 0.95) -> DarkMonthResult:
    """The share of events in October–March against the share of days in those months."""
    confidence = _check_confidence(confidence)
    days = _dates(dates)
    first, last = _period(days, start, end)
    per_month = days_per_month(first, last)
    dark_index = [month - 1 for month in DARK_MONTHS]
    dark_days, total_days = int(per_month[dark_index].sum()), int(per_month.sum())
    n = len(days)
    n_dark = int(np.isin(month_numbers(days), DARK_MONTHS).sum())
    expected = dark_days / total_days
    low, high = _clopper_pearson(n_dark, n, confidence)
    share = n_dark / n
    return DarkMonthResult(
        n_events=n,
        n_dark=n_dark,
        share=share,
        low=low,
        high=high,
        expected_share=expected,
        ratio=share / expected if expected > 0 else float("nan"),
        p_value=float(stats.binomtest(n_dark, n, p=expected).pvalue),
        dark_days=dark_days,
        total_days=total_days,
        start=first,
        end=last,
        confidence=confidence,
    )


@dataclass(frozen=True)
class HourWeekdayResult:
    counts: np.ndarray  # (7, 24) int64: weekday (Monday = 0) × hour
    per_hour: np.ndarray  # (24,) events of known hour
    per_weekday: np.ndarray  # (7,) events of known hour
    unknown_hour: int  # events whose time is unknown
    unknown_per_weekday: np.ndarray  # (7,) those events by weekday (their date is known)
    n_events: int  # all events, known hour or not
    peak_hour: int | None  # the busiest hour (the earliest on a tie); None without known hours
    peak_weekday: int | None


def _hours(hours, n: int) -> np.ndarray:
    array = np.atleast_1d(np.asarray(hours))
    if array.shape != (n,):
        raise ValueError(f"hours has shape {array.shape}, the dates {(n,)}")
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise ValueError("hours must be whole numbers (-1 for an unknown time)")
    array = array.astype(np.int64)
    if np.any((array < -1) | (array > 23)):
        raise ValueError("hours must lie in 0–23, or be -1 for an unknown time")
    return array


def hour_weekday_matrix(when, hours=None) -> HourWeekdayResult:
    """Events counted by weekday (rows, Monday = 0) and hour of the day (columns).

    Either ``when`` holds timestamps (``datetime64`` finer than a day, all times known), or
    ``when`` holds dates and ``hours`` the hour of each event (0–23, −1 when unknown).
    """
    stamps = np.atleast_1d(np.asarray(when))
    if hours is None:
        if stamps.dtype.kind in "OUS":  # datetime objects or ISO strings
            stamps = stamps.astype("datetime64")
        if not np.issubdtype(stamps.dtype, np.datetime64):
            raise ValueError("pass timestamps as datetime64, or dates together with hours")
        unit = np.datetime_data(stamps.dtype)[0]
        if unit in ("Y", "M", "W", "D", "generic"):
            raise ValueError("these are dates without a time: pass the hours (-1 for unknown)")
        if np.isnat(stamps).any():
            raise ValueError("timestamps must not be missing; pass dates and hours instead")
        days = stamps.astype("datetime64[D]")
        hours = ((stamps - days) // np.timedelta64(1, "h")).astype(np.int64)
    else:
        days = _dates(stamps)
        hours = _hours(hours, len(days))
    weekday = weekdays(days)
    known = hours >= 0
    cells = weekday[known] * 24 + hours[known]
    counts = np.bincount(cells, minlength=7 * 24).reshape(7, 24)
    per_hour, per_weekday = counts.sum(axis=0), counts.sum(axis=1)
    has_known = bool(known.any())
    return HourWeekdayResult(
        counts=counts,
        per_hour=per_hour,
        per_weekday=per_weekday,
        unknown_hour=int((~known).sum()),
        unknown_per_weekday=np.bincount(weekday[~known], minlength=7),
        n_events=len(days),
        peak_hour=int(np.argmax(per_hour)) if has_known else None,
        peak_weekday=int(np.argmax(per_weekday)) if has_known else None,
    )


@dataclass(frozen=True)
class EveningResult:
    start: int
    end: int
    n_known: int  # events of known hour
    n_evening: int  # of those, in [start, end)
    n_unknown: int
    share: float  # n_evening / n_known; nan without known hours
    low: float  # Clopper-Pearson interval on the share
    high: float
    expected_share: float  # hours in the window / 24
    p_value: float  # exact binomial test of share == expected_share
    confidence: float


def evening_share(hours, start: int = 18, end: int = 24, confidence: float = 0.95) -> EveningResult:
    """The share of events of known hour (−1 = unknown) that fall in ``[start, end)``.

    ``start`` 0–23 and ``end`` 1–24; ``start > end`` wraps past midnight (22 to 6 is
    22:00–05:59).
    """
    confidence = _check_confidence(confidence)
    hours = _hours(hours, np.size(hours))
    if not (0 <= start <= 23 and 1 <= end <= 24 and start != end):
        raise ValueError("start must lie in 0–23, end in 1–24, and they must differ")
    known = hours[hours >= 0]
    if start < end:
        inside = (known >= start) & (known < end)
        width = end - start
    else:
        inside = (known >= start) | (known < end)
        width = 24 - start + end
    n, k = len(known), int(inside.sum())
    expected = width / 24
    nan = float("nan")
    if n:
        low, high = _clopper_pearson(k, n, confidence)
        share, p_value = k / n, float(stats.binomtest(k, n, p=expected).pvalue)
    else:
        low = high = share = p_value = nan
    return EveningResult(
        start=start,
        end=end,
        n_known=n,
        n_evening=k,
        n_unknown=int(len(hours) - n),
        share=share,
        low=low,
        high=high,
        expected_share=expected,
        p_value=p_value,
        confidence=confidence,
    )


@dataclass(frozen=True)
class SeasonalityResult:
    """Index 0 = January throughout."""

    counts: np.ndarray  # (12,) events per calendar month
    exposure_days: np.ndarray  # (12,) calendar days of each month in [start, end]
    expected: np.ndarray  # (12,) n · exposure_days / total days
    index: np.ndarray  # (12,) counts / expected; nan for a month outside the period
    chi2: float  # goodness of fit against expected, over months with exposure
    dof: int  # months with exposure - 1
    p_value: float  # nan when fewer than two months have exposure
    small_expected: bool  # some expected count below 5: the chi-square p-value is rough
    n_events: int
    start: np.datetime64
    end: np.datetime64


def monthly_seasonality(dates, start=None, end=None) -> SeasonalityResult:
    """Counts per calendar month against an even spread over the days of ``[start, end]``."""
    days = _dates(dates)
    first, last = _period(days, start, end)
    exposure = days_per_month(first, last)
    counts = np.bincount(month_numbers(days) - 1, minlength=12)
    n = len(days)
    expected = n * exposure / exposure.sum()
    covered = exposure > 0
    index = np.full(12, np.nan)
    index[covered] = counts[covered] / expected[covered]
    dof = int(covered.sum()) - 1
    if dof >= 1:
        test = stats.chisquare(counts[covered], f_exp=expected[covered])
        chi2, p_value = float(test.statistic), float(test.pvalue)
    else:
        chi2 = p_value = float("nan")
    return SeasonalityResult(
        counts=counts,
        exposure_days=exposure,
        expected=expected,
        index=index,
        chi2=chi2,
        dof=max(dof, 0),
        p_value=p_value,
        small_expected=bool(np.any(expected[covered] < 5)),
        n_events=n,
        start=first,
        end=last,
    )
