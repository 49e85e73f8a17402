"""Rates and trends of event counts: exact intervals, period-on-period change, a local area
against its region, and log-linear trends.

Every count here is treated as a Poisson variable. The intervals are exact in the sense of
being built from the Poisson or binomial distribution itself, not from a normal approximation;
they are conservative (cover at least the stated confidence).

**Poisson interval** (Garwood 1936, Biometrika 28; Ulm 1990 for its use with SMRs). For an
observed count ``k`` the two-sided interval for the mean at confidence ``1 − α`` is::

    low  = χ²(α/2;  2k)     / 2     (0 when k = 0)
    high = χ²(1−α/2; 2k + 2) / 2

with ``χ²(q; ν)`` the ``q`` quantile of the chi-square distribution with ``ν`` degrees of
freedom. At 95 %: 0 → (0, 3.689), 1 → (0.0253, 5.572), 10 → (4.795, 18.39).

**Rate per 1,000.** ``rate = count / population × 1000``; its interval is the Poisson interval
of the count divided the same way (the population is taken as known without error).

**Rate ratio of two periods** (the conditional binomial method, e.g. Breslow & Day 1987,
*Statistical Methods in Cancer Research* vol. II). Given the total ``n = c + p`` of two
independent Poisson counts (current ``c``, previous ``p``) with exposures in the ratio
``e = exposure_current / exposure_previous``, ``c ~ Binomial(n, π)`` with
``π = RR·e / (1 + RR·e)`` and ``RR`` the ratio of the rates. The Clopper-Pearson interval
``(π_L, π_U)`` on ``π`` maps to ``RR = π / ((1 − π)·e)``. The two-sided p-value for ``RR = 1``
is the exact binomial test of ``π = e / (1 + e)`` (``scipy.stats.binomtest``; it sums the
outcomes no more likely than the observed one, so near the 5 % edge it can disagree with the
central Clopper-Pearson interval).

**Local against a reference** (indirect standardisation, the standardised incidence ratio). Per
period the expected local count is ``E = local population × reference rate``; the ratio
``O / E`` gets the Poisson interval of ``O`` divided by ``E`` (``E`` is taken as known). When the
reference includes the local area the ratio is pulled towards 1.

**Trend.** A log-linear Poisson regression ``log μ_t = log(exposure_t) + a + b·t``, fitted by
iteratively reweighted least squares (Newton's method for this canonical link; McCullagh &
Nelder 1989, *Generalized Linear Models*). ``100·(exp(b) − 1)`` is the % change per period
(per year for yearly periods) with a Wald interval ``100·(exp(b ± z·se) − 1)``. Crime counts
usually vary more between periods than Poisson allows; the Pearson dispersion
``φ = Σ (y − μ)² / μ / (T − 2)`` is reported with a second, quasi-Poisson interval that widens
``se`` by ``√max(φ, 1)``. Trust that one when ``φ`` is well above 1. The maximum-likelihood
slope exists only when the events are not all in the first or all in the last period;
otherwise the status says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import stats
from scipy.special import xlogy

#: Rates are per this many inhabitants (or businesses).
PER = 1000.0

ChangeStatus = Literal["ok", "previous_zero", "both_zero"]
TrendStatus = Literal["ok", "too_few_periods", "no_events", "not_estimable"]


def _check_confidence(confidence: float) -> float:
    confidence = float(confidence)
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence}")
    return confidence


def _counts(values, name: str) -> np.ndarray:
    """Non-negative whole numbers as float64 (the distributions take floats)."""
    array = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite numbers (no missing counts)")
    if np.any(array < 0) or np.any(array != np.floor(array)):
        raise ValueError(f"{name} must be non-negative whole numbers")
    return array


def _populations(values, name: str) -> np.ndarray:
    """Non-negative or missing (None/nan) populations as float64."""
    array = np.asarray(values, dtype=np.float64)
    if np.any(np.isinf(array)) or np.any(array < 0):
        raise ValueError(f"{name} must be non-negative numbers or missing")
    return array


def _scalar_or_array(value: np.ndarray, like) -> float | np.ndarray:
    return float(value) if np.ndim(like) == 0 else value


def poisson_interval(
    count, confidence: float = 0.95
) -> tuple[float | np.ndarray, float | np.ndarray]:
    """The exact (Garwood) interval ``(low, high)`` for the mean of a Poisson count.

    ``count`` is a whole number or an array of them; the result has the same shape (floats for
    a scalar). ``low`` is 0 for a count of 0.
    """
    alpha = 1.0 - _check_confidence(confidence)
    k = _counts(count, "count")
    # chi2 with 0 degrees of freedom is degenerate: ask for 2 and replace by 0 afterwards.
    low = np.where(k > 0, stats.chi2.ppf(alpha / 2, 2 * np.maximum(k, 1)) / 2, 0.0)
    high = stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    return _scalar_or_array(low, count), _scalar_or_array(high, count)


@dataclass(frozen=True)
class RateResult:
    """Rates per 1,000 per period, with their exact intervals."""

    counts: np.ndarray  # float64 holding whole numbers
    population: np.ndarray  # float64, nan where missing
    rate: np.ndarray  # per 1,000; nan where there is no population
    low: np.ndarray  # per 1,000; nan where there is no population
    high: np.ndarray
    no_population: np.ndarray  # bool: population 0 or missing, so no rate
    confidence: float
    per: float = PER


def rate_per_1000(counts, population, confidence: float = 0.95) -> RateResult:
    """Counts per 1,000 of ``population`` (inhabitants or businesses), period by period.

    A population of 0 or missing (None/nan) gives a nan rate and ``no_population`` True.
    """
    confidence = _check_confidence(confidence)
    k = np.atleast_1d(_counts(counts, "counts"))
    pop = np.atleast_1d(_populations(population, "population"))
    if k.shape != pop.shape:
        raise ValueError(f"counts {k.shape} and population {pop.shape} differ in shape")
    defined = np.isfinite(pop) & (pop > 0)
    safe = np.where(defined, pop, 1.0)
    low, high = poisson_interval(k, confidence)
    return RateResult(
        counts=k,
        population=pop,
        rate=np.where(defined, k / safe * PER, np.nan),
        low=np.where(defined, low / safe * PER, np.nan),
        high=np.where(defined, high / safe * PER, np.nan),
        no_population=~defined,
        confidence=confidence,
    )


@dataclass(frozen=True)
class ChangeResult:
    """The current period against the previous one.

    ``status``: ``"ok"``; ``"previous_zero"`` (no events before: the rate ratio and relative
    change are inf, the upper bound is inf, the lower bound and p-value are still exact); or
    ``"both_zero"`` (no events at all: ratio, interval and p-value are nan).
    """

    current: int
    previous: int
    exposure_ratio: float  # exposure of the current period / of the previous one
    absolute_change: int  # current - previous, in events
    relative_change: float  # rate_ratio - 1 (the change of the rate, as a fraction)
    rate_ratio: float  # (current / exposure_current) / (previous / exposure_previous)
    low: float  # exact interval on the rate ratio
    high: float
    p_value: float  # exact two-sided test of rate_ratio == 1
    status: ChangeStatus
    confidence: float


def _whole(value, name: str) -> int:
    number = float(value)
    if not math.isfinite(number) or number < 0 or not number.is_integer():
        raise ValueError(f"{name} must be a non-negative whole number, not {value!r}")
    return int(number)


def _ratio_from_share(share: float, exposure_ratio: float) -> float:
    """``RR = π / ((1 − π)·e)``, inf for π = 1."""
    if share >= 1.0:
        return math.inf
    return share / ((1.0 - share) * exposure_ratio)


def period_change(
    current, previous, confidence: float = 0.95, exposure_ratio: float = 1.0
) -> ChangeResult:
    """Change from ``previous`` to ``current`` events, with an exact rate-ratio interval.

    ``exposure_ratio`` is exposure_current / exposure_previous: the ratio of the period lengths
    times the ratio of the populations (1 for equal periods of an unchanged population).
    """
    confidence = _check_confidence(confidence)
    c, p = _whole(current, "current"), _whole(previous, "previous")
    e = float(exposure_ratio)
    if not (math.isfinite(e) and e > 0):
        raise ValueError(f"exposure_ratio must be a positive number, not {exposure_ratio!r}")
    n = c + p
    if n == 0:
        nan = math.nan
        return ChangeResult(c, p, e, 0, nan, nan, nan, nan, nan, "both_zero", confidence)
    test = stats.binomtest(c, n, p=e / (1.0 + e))
    interval = test.proportion_ci(confidence_level=confidence, method="exact")
    if p == 0:
        ratio, status = math.inf, "previous_zero"
    else:
        ratio, status = (c / p) / e, "ok"
    return ChangeResult(
        current=c,
        previous=p,
        exposure_ratio=e,
        absolute_change=c - p,
        relative_change=ratio - 1.0,
        rate_ratio=ratio,
        low=_ratio_from_share(interval.low, e),
        high=_ratio_from_share(interval.high, e),
        p_value=float(test.pvalue),
        status=status,
        confidence=confidence,
    )


@dataclass(frozen=True)
class TrendResult:
    """A log-linear Poisson trend: the % change per period (per year for yearly periods).

    ``status``: ``"ok"``; ``"too_few_periods"`` (fewer than two periods with a population);
    ``"no_events"``; or ``"not_estimable"`` (every event in the first or every event in the
    last period: the slope runs off to ∓inf). All numbers are nan unless the status is ok.
    """

    status: TrendStatus
    periods_used: int
    slope: float  # b, on the log scale, per unit of the period values
    slope_se: float
    pct_change: float  # 100 (exp(b) - 1)
    low: float  # Wald interval on pct_change (Poisson variance)
    high: float
    dispersion: float  # Pearson chi2 / (T - 2); nan for two periods
    low_overdispersed: float  # quasi-Poisson: se widened by sqrt(max(dispersion, 1))
    high_overdispersed: float
    iterations: int
    confidence: float


def _no_trend(status: TrendStatus, used: int, confidence: float) -> TrendResult:
    nan = math.nan
    return TrendResult(status, used, nan, nan, nan, nan, nan, nan, nan, nan, 0, confidence)


def _poisson_deviance(y: np.ndarray, mu: np.ndarray) -> float:
    return float(2.0 * np.sum(xlogy(y, y / mu) - (y - mu)))


def log_linear_trend(
    counts, exposure=None, periods=None, confidence: float = 0.95, *, max_iterations: int = 100
) -> TrendResult:
    """Fit ``log E[count_t] = log(exposure_t) + a + b·period_t`` by IRLS.

    ``counts`` may be any non-negative numbers (expected counts too; the fit is then a
    quasi-likelihood one). ``exposure`` defaults to 1 per period; periods whose exposure is 0
    or missing are left out. ``periods`` defaults to 0, 1, 2, …; pass years to read the slope
    per year.
    """
    confidence = _check_confidence(confidence)
    y = np.atleast_1d(np.asarray(counts, dtype=np.float64))
    if not np.all(np.isfinite(y)) or np.any(y < 0):
        raise ValueError("counts must be finite non-negative numbers")
    exposure = np.ones_like(y) if exposure is None else _populations(exposure, "exposure")
    t = np.arange(len(y), dtype=np.float64) if periods is None else np.asarray(periods, float)
    if not (y.shape == np.shape(exposure) == t.shape) or y.ndim != 1:
        raise ValueError("counts, exposure and periods must be 1-D and of the same length")
    if not np.all(np.isfinite(t)):
        raise ValueError("periods must be finite numbers")
    keep = np.isfinite(exposure) & (exposure > 0)
    y, exposure, t = y[keep], exposure[keep], t[keep]
    used = int(keep.sum())
    if used < 2 or np.ptp(t) == 0:
        return _no_trend("too_few_periods", used, confidence)
    total = y.sum()
    if total == 0:
        return _no_trend("no_events", used, confidence)
    # The score equations make the count-weighted mean of t equal the fitted-mean-weighted one,
    # which lies strictly inside (min t, max t): no finite solution when the data's does not.
    weighted_t = float(np.dot(y, t) / total)
    if weighted_t <= t.min() or weighted_t >= t.max():
        return _no_trend("not_estimable", used, confidence)

    offset = np.log(exposure)
    centre = t.mean()
    X = np.column_stack([np.ones_like(t), t - centre])
    mu = y + 0.1 * max(total / used, 1e-8)  # a start that is positive everywhere
    eta = np.log(mu)
    beta = np.zeros(2)
    deviance = math.inf
    iterations = 0
    while iterations < max_iterations:
        iterations += 1
        z = eta - offset + (y - mu) / mu
        information = X.T @ (X * mu[:, None])
        proposal = np.linalg.solve(information, X.T @ (mu * z))
        # Newton steps on a concave log-likelihood; halve a step that overshoots.
        for _ in range(30):
            eta_new = offset + X @ proposal
            mu_new = np.exp(eta_new)
            new_deviance = _poisson_deviance(y, mu_new)
            if np.isfinite(new_deviance) and new_deviance <= deviance * (1 + 1e-12) + 1e-12:
                break
            proposal = (proposal + beta) / 2
        step = np.max(np.abs(proposal - beta))
        converged = abs(deviance - new_deviance) <= 1e-12 * (abs(new_deviance) + 1) and (
            step <= 1e-12 * (1 + np.max(np.abs(proposal)))
        )
        beta, eta, mu, deviance = proposal, eta_new, mu_new, new_deviance
        if converged:
            break

    information = X.T @ (X * mu[:, None])
    se = float(math.sqrt(np.linalg.inv(information)[1, 1]))
    slope = float(beta[1])
    z_crit = float(stats.norm.ppf(0.5 + confidence / 2))

    def pct(value: float) -> float:
        return 100.0 * math.expm1(value)

    if used > 2:
        dispersion = float(np.sum((y - mu) ** 2 / mu) / (used - 2))
        wide = se * math.sqrt(max(dispersion, 1.0))
        low_od, high_od = pct(slope - z_crit * wide), pct(slope + z_crit * wide)
    else:
        dispersion = low_od = high_od = math.nan
    return TrendResult(
        status="ok",
        periods_used=used,
        slope=slope,
        slope_se=se,
        pct_change=pct(slope),
        low=pct(slope - z_crit * se),
        high=pct(slope + z_crit * se),
        dispersion=dispersion,
        low_overdispersed=low_od,
        high_overdispersed=high_od,
        iterations=iterations,
        confidence=confidence,
    )


@dataclass(frozen=True)
class ComparisonResult:
    """A local area against its reference (region or country), period by period."""

    local: RateResult
    reference: RateResult
    expected: np.ndarray  # local population × reference rate; nan where undefined
    ratio: np.ndarray  # observed / expected (SIR); nan where undefined
    low: np.ndarray  # exact interval on the ratio
    high: np.ndarray
    ratio_defined: np.ndarray  # bool: both populations known and expected > 0
    overall_ratio: float  # sum of observed / sum of expected, over the defined periods
    overall_low: float
    overall_high: float
    local_trend: TrendResult
    reference_trend: TrendResult
    confidence: float


def compare_with_reference(
    local_counts,
    local_population,
    reference_counts,
    reference_population,
    *,
    periods=None,
    confidence: float = 0.95,
) -> ComparisonResult:
    """The local rate against the reference rate per period, and the trend of each.

    ``periods`` (e.g. the years) label the periods for the trends; default 0, 1, 2, ….
    """
    confidence = _check_confidence(confidence)
    local = rate_per_1000(local_counts, local_population, confidence)
    reference = rate_per_1000(reference_counts, reference_population, confidence)
    if local.counts.shape != reference.counts.shape or local.counts.ndim != 1:
        raise ValueError("local and reference series must be 1-D and of the same length")
    ref_pop = np.where(reference.no_population, 1.0, reference.population)
    expected = np.where(
        local.no_population | reference.no_population,
        np.nan,
        local.population * reference.counts / ref_pop,
    )
    defined = np.isfinite(expected) & (expected > 0)
    safe = np.where(defined, expected, 1.0)
    low, high = poisson_interval(local.counts, confidence)
    observed_total = float(local.counts[defined].sum())
    expected_total = float(expected[defined].sum())
    if expected_total > 0:
        o_low, o_high = poisson_interval(observed_total, confidence)
        overall = (
            observed_total / expected_total,
            o_low / expected_total,
            o_high / expected_total,
        )
    else:
        overall = (math.nan, math.nan, math.nan)
    return ComparisonResult(
        local=local,
        reference=reference,
        expected=expected,
        ratio=np.where(defined, local.counts / safe, np.nan),
        low=np.where(defined, low / safe, np.nan),
        high=np.where(defined, high / safe, np.nan),
        ratio_defined=defined,
        overall_ratio=overall[0],
        overall_low=overall[1],
        overall_high=overall[2],
        local_trend=log_linear_trend(
            local.counts, local.population, periods, confidence=confidence
        ),
        reference_trend=log_linear_trend(
            reference.counts, reference.population, periods, confidence=confidence
        ),
        confidence=confidence,
    )
