"""The recommendation: is a specific robbery approach advised? Five criteria, each shown.

Each criterion compares one figure of the analysis with a threshold the municipality sets
(:class:`Thresholds`; the defaults below). A criterion whose figure cannot be computed (no
population, too few years for a trend) is *not met*, and says why. The advice follows from how
many are met: at least ``specific_from`` → a specific robbery approach; at least
``broader_from`` → join a broader approach (a *donkere dagen offensief* or a high-impact-crime
approach); fewer → monitoring only.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

SPECIFIC, BROADER, MONITORING = "specific", "broader", "monitoring"
RECOMMENDATIONS = {
    SPECIFIC: _("Start a specific robbery approach"),
    BROADER: _("Join a broader approach (dark days offensive or high-impact-crime approach)"),
    MONITORING: _("Monitoring only"),
}


@dataclass(frozen=True)
class Thresholds:
    #: Annual change of the trend, in %, at or above which the trend counts as rising (and
    #: the lower end of its 95 % interval must lie above 0).
    rising_trend_percent: float = 10.0
    #: Local rate per 1,000 inhabitants divided by the region's, at or above which it counts.
    rate_ratio_to_region: float = 1.2
    #: Targets robbed more than once in the period.
    repeat_targets: int = 2
    #: Hot-spot cells (Gi*, 95 %, at least two robberies in the cell).
    hotspot_cells: int = 1
    #: Days before the end of the period in which a high-impact robbery counts as recent.
    recent_high_impact_days: int = 90
    #: Criteria met for each advice.
    specific_from: int = 3
    broader_from: int = 1


@dataclass(frozen=True)
class Criterion:
    name: str
    label: str
    met: bool
    value: float | None
    threshold: float
    explanation: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data["label"] = str(self.label)
        data["explanation"] = str(self.explanation)
        return data


def _at_least(value, threshold) -> bool:
    return value is not None and value >= threshold


def evaluate(figures: dict, thresholds: Thresholds) -> tuple[list[Criterion], str]:
    """The criteria for the ``figures`` of an analysis, and the advice that follows."""
    trend = figures.get("trend") or {}
    percent, low = trend.get("percent_per_year"), trend.get("low_percent")
    rising = _at_least(percent, thresholds.rising_trend_percent) and low is not None and low > 0
    ratio = (figures.get("rates") or {}).get("ratio_to_region")
    repeats = (figures.get("repeats") or {}).get("repeat_targets")
    hotspots = (figures.get("hotspots") or {}).get("hot_cells")
    recent = (figures.get("high_impact") or {}).get("days_since_last")
    recent_met = recent is not None and recent <= thresholds.recent_high_impact_days
    criteria = [
        Criterion(
            "rising_trend",
            _("Rising trend"),
            rising,
            percent,
            thresholds.rising_trend_percent,
            _("Annual change of the trend in % (and its 95 % interval above 0)")
            if percent is not None
            else _("Too few years with robberies for a trend"),
        ),
        Criterion(
            "rate_above_region",
            _("Rate above the region"),
            _at_least(ratio, thresholds.rate_ratio_to_region),
            ratio,
            thresholds.rate_ratio_to_region,
            _("Robberies per 1,000 inhabitants divided by the region's")
            if ratio is not None
            else _("No population or no regional figures to compare with"),
        ),
        Criterion(
            "repeat_victims",
            _("Repeat victims"),
            _at_least(repeats, thresholds.repeat_targets),
            repeats,
            thresholds.repeat_targets,
            _("Targets robbed more than once in the period"),
        ),
        Criterion(
            "hotspot",
            _("Hot spot"),
            _at_least(hotspots, thresholds.hotspot_cells),
            hotspots,
            thresholds.hotspot_cells,
            _("Cells of 125 m that are a hot spot (Gi*, 95 %) with at least two robberies"),
        ),
        Criterion(
            "recent_high_impact",
            _("Recent high-impact robbery"),
            recent_met,
            recent,
            thresholds.recent_high_impact_days,
            _("Days between the last robbery with a firearm or injuries and the period's end")
            if recent is not None
            else _("No robbery with a firearm or injuries in the period"),
        ),
    ]
    met = sum(criterion.met for criterion in criteria)
    if met >= thresholds.specific_from:
        advice = SPECIFIC
    elif met >= thresholds.broader_from:
        advice = BROADER
    else:
        advice = MONITORING
    return criteria, advice
