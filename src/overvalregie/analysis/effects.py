"""The effect of a measure on crime: displacement and diffusion, and whether it is significant.

Counts before (``_b``) and after (``_a``) the measure in three areas: the treatment area ``A``
(where the measure ran), a buffer ``B`` around it (where crime could be displaced to) and a
control area ``C`` (comparable, far enough away to be untouched). ``C`` stands for what would
have happened without the measure.

**Weighted displacement quotient** (Bowers & Johnson 2003, J. Quant. Criminol. 19(3) 275–301;
formulas as restated by Guerette 2009, *Analyzing Crime Displacement and Diffusion*, POP Center
Tool Guide 10, appendices B and C)::

    success measure               SM  = A_a/C_a − A_b/C_b
    buffer displacement measure   BDM = B_a/C_a − B_b/C_b
    WDQ = BDM / SM
    total net effect              TNE = (A_b·C_a/C_b − A_a) + (B_b·C_a/C_b − B_a)

``SM < 0``: crime fell in ``A`` relative to ``C``, the measure looks successful. Only then is
the WDQ read (Bowers & Johnson; Guerette appendix C): ``WDQ > 1`` diffusion of benefits greater
than the direct effect; ``0 < WDQ ≤ 1`` diffusion of benefits; ``0`` neither; ``−1 ≤ WDQ < 0``
displacement, no larger than the direct effect (a net benefit remains); ``WDQ < −1``
displacement larger than the direct effect. ``SM ≥ 0`` means no success, and the WDQ is then
not meaningful: it is left nan and ``interpretation`` says ``"no_success"``.
``A_b·C_a/C_b`` is the count ``A`` would have had after if it had followed ``C``; the TNE adds
the events so prevented in ``A`` and in ``B`` (positive: fewer events overall, in events).
Multiplying out, ``WDQ = (B_a·C_b − B_b·C_a) / (A_a·C_b − A_b·C_a)``: computed that way from the
integer counts, the sign and the comparisons with ±1 are exact.

**Relative effect size** (Farrington & Welsh 2002, street lighting, Justice Quarterly 19(2);
Welsh & Farrington 2009, CCTV, Justice Quarterly 26(4)): the odds ratio::

    OR = (A_b·C_a) / (A_a·C_b),   var(log OR) = 1/A_b + 1/A_a + 1/C_b + 1/C_a

``OR > 1`` means crime went down in ``A`` relative to ``C`` (``OR = 1.25``: 20 % fewer in ``A``
than expected, since ``1/1.25 = 0.8``). The interval is ``exp(log OR ± z·√var)`` and the test
``z = log OR / √var``, two-sided. A zero count leaves the OR or its variance undefined: then
0.5 is added to all four counts (the Haldane–Anscombe correction) and ``continuity_corrected``
says so. Farrington and colleagues note that crime counts vary more than Poisson; the optional
``variance_inflation`` multiplies ``var(log OR)`` by a factor the analyst chooses (default 1).

**Exact conditional test.** Given ``n = A_b + A_a``, ``A_a ~ Binomial(n, π)``. With no effect
``A`` changes as ``C`` did, so ``π₀ = C_a / (C_a + C_b)``; ``scipy.stats.binomtest(A_a, n, π₀)``
gives the exact two-sided p-value. This treats the control's change as known. The test that
also allows for chance in ``C`` conditions on the control's total too: ``A_a`` and ``C_a`` are
then two binomials, and equal ``π`` is Fisher's exact test on ``[[A_b, A_a], [C_b, C_a]]``
(``fisher_p_value``). The binomial test is undefined (nan, and ``exact_status`` says why) when
``A`` has no events or ``C`` has none in one of the periods (``π₀`` would be 0 or 1); Fisher's
test only when ``A`` or ``C`` has no events at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from scipy import stats

WdqInterpretation = Literal[
    "diffusion_greater_than_effect",  # WDQ > 1
    "diffusion",  # 0 < WDQ <= 1
    "no_buffer_change",  # WDQ == 0
    "displacement",  # -1 <= WDQ < 0: a net benefit remains
    "displacement_greater_than_effect",  # WDQ < -1
    "no_success",  # SM >= 0: the WDQ is not meaningful
    "control_zero",  # C_b or C_a is 0: no measure can be computed
]

ExactStatus = Literal["ok", "no_treatment_events", "control_zero"]


def _count(value, name: str) -> int:
    number = float(value)
    if not math.isfinite(number) or number < 0 or not number.is_integer():
        raise ValueError(f"{name} must be a non-negative whole number, not {value!r}")
    return int(number)


@dataclass(frozen=True)
class WdqResult:
    treatment_before: int
    treatment_after: int
    buffer_before: int
    buffer_after: int
    control_before: int
    control_after: int
    success_measure: float  # SM = A_a/C_a - A_b/C_b; negative is success; nan if C is 0
    buffer_displacement_measure: float  # BDM = B_a/C_a - B_b/C_b; positive hints displacement
    wdq: float  # BDM / SM; nan unless SM < 0
    interpretation: WdqInterpretation
    expected_treatment_after: float  # A_b * C_a / C_b; nan if C_b is 0
    expected_buffer_after: float  # B_b * C_a / C_b
    total_net_effect: float  # events prevented in A and B together (TNE); nan if C_b is 0


def _interpret(wdq: Fraction) -> WdqInterpretation:
    if wdq > 1:
        return "diffusion_greater_than_effect"
    if wdq > 0:
        return "diffusion"
    if wdq == 0:
        return "no_buffer_change"
    if wdq >= -1:
        return "displacement"
    return "displacement_greater_than_effect"


def weighted_displacement_quotient(
    treatment_before,
    treatment_after,
    buffer_before,
    buffer_after,
    control_before,
    control_after,
) -> WdqResult:
    """The WDQ of Bowers & Johnson (2003) with its success and buffer measures, and the TNE."""
    a_b = _count(treatment_before, "treatment_before")
    a_a = _count(treatment_after, "treatment_after")
    b_b = _count(buffer_before, "buffer_before")
    b_a = _count(buffer_after, "buffer_after")
    c_b = _count(control_before, "control_before")
    c_a = _count(control_after, "control_after")
    nan = math.nan
    if c_b > 0:
        expected_a, expected_b = a_b * c_a / c_b, b_b * c_a / c_b
        tne = (expected_a - a_a) + (expected_b - b_a)
    else:
        expected_a = expected_b = tne = nan
    counts = (a_b, a_a, b_b, b_a, c_b, c_a)
    if c_b == 0 or c_a == 0:
        return WdqResult(*counts, nan, nan, nan, "control_zero", expected_a, expected_b, tne)
    success = Fraction(a_a, c_a) - Fraction(a_b, c_b)
    buffer = Fraction(b_a, c_a) - Fraction(b_b, c_b)
    if success >= 0:
        wdq, interpretation = nan, "no_success"
    else:
        quotient = buffer / success
        wdq, interpretation = float(quotient), _interpret(quotient)
    return WdqResult(
        *counts,
        success_measure=float(success),
        buffer_displacement_measure=float(buffer),
        wdq=wdq,
        interpretation=interpretation,
        expected_treatment_after=expected_a,
        expected_buffer_after=expected_b,
        total_net_effect=tne,
    )


@dataclass(frozen=True)
class RelativeEffectResult:
    treatment_before: int
    treatment_after: int
    control_before: int
    control_after: int
    odds_ratio: float  # (A_b C_a) / (A_a C_b); > 1: crime fell in A relative to C
    log_se: float  # sqrt(var(log OR)), after any correction and inflation
    low: float  # interval on the odds ratio
    high: float
    z: float
    p_value: float  # two-sided, normal approximation
    continuity_corrected: bool  # 0.5 was added to every count because one was 0
    variance_inflation: float
    exact_status: ExactStatus
    null_share: float  # pi0 = C_a / (C_a + C_b): the share of A's events expected after
    exact_p_value: float  # binomtest(A_a, A_b + A_a, pi0), two-sided
    fisher_p_value: float  # Fisher's exact test on [[A_b, A_a], [C_b, C_a]], two-sided
    confidence: float


def relative_effect_size(
    treatment_before,
    treatment_after,
    control_before,
    control_after,
    confidence: float = 0.95,
    *,
    variance_inflation: float = 1.0,
) -> RelativeEffectResult:
    """The odds ratio of Farrington & Welsh with its interval and tests, and exact tests."""
    confidence = float(confidence)
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence}")
    inflation = float(variance_inflation)
    if not (math.isfinite(inflation) and inflation > 0):
        raise ValueError("variance_inflation must be a positive number")
    a_b = _count(treatment_before, "treatment_before")
    a_a = _count(treatment_after, "treatment_after")
    c_b = _count(control_before, "control_before")
    c_a = _count(control_after, "control_after")

    corrected = min(a_b, a_a, c_b, c_a) == 0
    shift = 0.5 if corrected else 0.0
    cells = [a_b + shift, a_a + shift, c_b + shift, c_a + shift]
    log_or = math.log(cells[0]) + math.log(cells[3]) - math.log(cells[1]) - math.log(cells[2])
    se = math.sqrt(inflation * sum(1.0 / cell for cell in cells))
    z_crit = float(stats.norm.ppf(0.5 + confidence / 2))
    z = log_or / se

    nan = math.nan
    if a_b + a_a == 0:
        status: ExactStatus = "no_treatment_events"
    elif c_a == 0 or c_b == 0:
        status = "control_zero"
    else:
        status = "ok"
    null_share = c_a / (c_a + c_b) if c_a + c_b else nan
    exact = nan
    if status == "ok":
        exact = float(stats.binomtest(a_a, a_b + a_a, p=null_share).pvalue)
    fisher = nan
    if a_b + a_a > 0 and c_b + c_a > 0:
        fisher = float(stats.fisher_exact([[a_b, a_a], [c_b, c_a]]).pvalue)
    return RelativeEffectResult(
        treatment_before=a_b,
        treatment_after=a_a,
        control_before=c_b,
        control_after=c_a,
        odds_ratio=math.exp(log_or),
        log_se=se,
        low=math.exp(log_or - z_crit * se),
        high=math.exp(log_or + z_crit * se),
        z=z,
        p_value=float(2 * stats.norm.sf(abs(z))),
        continuity_corrected=corrected,
        variance_inflation=inflation,
        exact_status=status,
        null_share=null_share,
        exact_p_value=exact,
        fisher_p_value=fisher,
        confidence=confidence,
    )


#: Fewer events than this in an area over both periods give no verdict (``too_few``).
MINIMUM_EVENTS = 10

EffectVerdict = Literal[
    "too_few",  # too few events in A (or C) to tell
    "decline",  # A fell significantly more than C (or rose less)
    "no_difference",  # no significant difference from C
    "rise",  # A fared significantly worse than C
]
SurroundingsVerdict = Literal[
    "not_judged",  # no decline in A: displacement is not asked about
    "too_few",  # too few events in the buffer to tell
    "displacement",  # the buffer fared significantly worse than C
    "diffusion",  # the buffer fared significantly better than C
    "none",  # no significant difference between the buffer and C
]


@dataclass(frozen=True)
class MeasureVerdict:
    """Did the measure work, and what happened around it (:func:`judge_measure`)."""

    effect: EffectVerdict
    surroundings: SurroundingsVerdict
    wdq: WdqResult
    treatment: RelativeEffectResult  # A against C
    buffer: RelativeEffectResult  # B against C
    alpha: float
    minimum: int


def judge_measure(
    treatment_before,
    treatment_after,
    buffer_before,
    buffer_after,
    control_before,
    control_after,
    *,
    alpha: float = 0.05,
    minimum: int | None = None,
) -> MeasureVerdict:
    """A verdict on a measure from the counts before and after in A, B and C.

    The area's change is judged against the control's by Fisher's exact test on
    ``[[A_b, A_a], [C_b, C_a]]`` (it allows for chance in both areas): significant at
    ``alpha`` with an odds ratio above 1 is a *decline* relative to the control, below 1 a
    *rise*. With fewer than ``minimum`` events in the area, or in the control, in the two
    periods together the verdict is ``too_few``: the test could hardly find even a large
    effect. After a decline the buffer is judged the same way against the control: faring
    worse is *displacement*, better is *diffusion* of benefits. The WDQ comes along for the
    size of either (Bowers & Johnson 2003).
    """
    minimum = MINIMUM_EVENTS if minimum is None else minimum
    wdq = weighted_displacement_quotient(
        treatment_before, treatment_after, buffer_before, buffer_after,
        control_before, control_after,
    )  # fmt: skip
    treatment = relative_effect_size(
        wdq.treatment_before, wdq.treatment_after, wdq.control_before, wdq.control_after
    )
    buffer = relative_effect_size(
        wdq.buffer_before, wdq.buffer_after, wdq.control_before, wdq.control_after
    )
    if (
        wdq.treatment_before + wdq.treatment_after < minimum
        or wdq.control_before + wdq.control_after < minimum
        or wdq.control_before == 0
        or wdq.control_after == 0
    ):
        effect: EffectVerdict = "too_few"
    elif treatment.fisher_p_value < alpha:
        effect = "decline" if treatment.odds_ratio > 1 else "rise"
    else:
        effect = "no_difference"
    if effect != "decline":
        surroundings: SurroundingsVerdict = "not_judged"
    elif wdq.buffer_before + wdq.buffer_after < minimum:
        surroundings = "too_few"
    elif buffer.fisher_p_value < alpha:
        surroundings = "diffusion" if buffer.odds_ratio > 1 else "displacement"
    else:
        surroundings = "none"
    return MeasureVerdict(effect, surroundings, wdq, treatment, buffer, alpha, minimum)
