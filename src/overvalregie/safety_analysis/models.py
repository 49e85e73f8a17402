"""The local safety analysis (*lokale veiligheidsanalyse*), its versions, and the decision.

An analysis is computed for a municipality and a period and stored as a numbered version;
computing again makes the next version, never overwrites one. While a version is a draft the
analyst adds field research findings; *finalising* freezes it. A decision rests on a final
version and is never edited: a correction is a new decision that names the one it corrects.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from overvalregie.geography.models import District, Municipality
from overvalregie.safety_analysis import criteria as rules
from overvalregie.safety_analysis import scope as scopes
from overvalregie.safety_analysis.querysets import AnalysisQuerySet, DecisionQuerySet


class AnalysisState(models.TextChoices):
    RUNNING = "running", _("Being computed")
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Final")
    FAILED = "failed", _("Failed")


class Recommendation(models.TextChoices):
    SPECIFIC = rules.SPECIFIC, rules.RECOMMENDATIONS[rules.SPECIFIC]
    BROADER = rules.BROADER, rules.RECOMMENDATIONS[rules.BROADER]
    MONITORING = rules.MONITORING, rules.RECOMMENDATIONS[rules.MONITORING]


class CriteriaThresholds(models.Model):
    """A municipality's own thresholds for the recommendation (see ``criteria.Thresholds``)."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="analysis_thresholds",
    )
    rising_trend_percent = models.FloatField(
        _("rising trend from (% per year)"), default=rules.Thresholds.rising_trend_percent
    )
    rate_ratio_to_region = models.FloatField(
        _("rate above the region from (ratio)"), default=rules.Thresholds.rate_ratio_to_region
    )
    repeat_targets = models.PositiveSmallIntegerField(
        _("repeat victims from (targets)"), default=rules.Thresholds.repeat_targets
    )
    hotspot_cells = models.PositiveSmallIntegerField(
        _("hot spot from (cells)"), default=rules.Thresholds.hotspot_cells
    )
    recent_high_impact_days = models.PositiveSmallIntegerField(
        _("high-impact robbery recent within (days)"),
        default=rules.Thresholds.recent_high_impact_days,
    )
    specific_from = models.PositiveSmallIntegerField(
        _("criteria met for a specific approach"), default=rules.Thresholds.specific_from
    )
    broader_from = models.PositiveSmallIntegerField(
        _("criteria met for a broader approach"), default=rules.Thresholds.broader_from
    )

    class Meta:
        verbose_name = _("recommendation thresholds")
        verbose_name_plural = _("recommendation thresholds")

    def __str__(self) -> str:
        return str(self.municipality)

    def as_thresholds(self) -> rules.Thresholds:
        return rules.Thresholds(
            **{name: getattr(self, name) for name in rules.Thresholds.__dataclass_fields__}
        )


class SafetyAnalysis(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="safety_analyses",
    )
    version = models.PositiveIntegerField(_("version"))
    #: What the analysis covers: the municipality, one of its districts, or its police unit.
    level = models.CharField(
        _("covers"), max_length=16, choices=scopes.LEVELS, default=scopes.MUNICIPALITY
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    state = models.CharField(
        _("state"), max_length=16, choices=AnalysisState.choices, default=AnalysisState.RUNNING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    finalised = models.DateTimeField(_("finalised"), null=True, blank=True)
    #: The language the sections' sources and limits are written in (the author's).
    language = models.CharField(_("language"), max_length=8, default="nl")
    #: The computed sections (see ``compute.py``); the suppressed view derives from it.
    figures = models.JSONField(_("figures"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    #: ``[{name, label, met, value, threshold, explanation}]``.
    criteria = models.JSONField(_("criteria"), default=list, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=16, choices=Recommendation.choices, blank=True
    )
    thresholds = models.JSONField(_("thresholds used"), default=dict, blank=True)
    priorities = models.TextField(
        _("priorities"),
        blank=True,
        help_text=_("The problems and target groups in order of priority, one per line."),
    )

    objects = AnalysisQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "-version"]
        verbose_name = _("local safety analysis")
        verbose_name_plural = _("local safety analyses")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "version"], name="unique_analysis_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} v{self.version}"

    @property
    def editable(self) -> bool:
        return self.state == AnalysisState.DRAFT

    @property
    def scope(self) -> scopes.Scope:
        return scopes.scope_of(self.municipality, self.level, self.district)

    @property
    def area_name(self) -> str:
        """What the analysis covers, for headings."""
        if self.level == scopes.DISTRICT and self.district_id:
            return f"{self.district.name} ({self.municipality.name})"
        if self.level == scopes.POLICE_UNIT and self.municipality.police_unit_id:
            return self.municipality.police_unit.name
        return self.municipality.name


class FindingMethod(models.TextChoices):
    INTERVIEW = "interview", _("Key-person interview")
    NEIGHBOURHOOD_WALK = "wijkschouw", _("Neighbourhood inspection (wijkschouw)")
    SURVEY = "survey", _("Survey")
    OTHER = "other", _("Other")


class FieldFinding(models.Model):
    """A finding from field research, added to a draft analysis."""

    analysis = models.ForeignKey(SafetyAnalysis, on_delete=models.CASCADE, related_name="findings")
    method = models.CharField(_("method"), max_length=16, choices=FindingMethod.choices)
    finding = models.TextField(_("finding"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("field research finding")
        verbose_name_plural = _("field research findings")

    def __str__(self) -> str:
        return self.get_method_display()


class DecidingBody(models.TextChoices):
    MAYOR = "mayor", _("Mayor")
    TRIANGLE = "triangle", _("Triangle meeting (mayor, public prosecutor, police)")
    COLLEGE = "college", _("Municipal executive (college van B&W)")


class DecisionChoice(models.TextChoices):
    SPECIFIC = "specific", _("Start a specific robbery approach")
    DARK_DAYS = "dark_days", _("Join the dark days offensive")
    HIGH_IMPACT = "high_impact", _("Join the high-impact-crime approach")
    MONITORING = "monitoring", _("Monitoring only")


class Decision(models.Model):
    """The administrative decision, as it was taken. Never edited; see ``corrects``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    analysis = models.ForeignKey(
        SafetyAnalysis,
        verbose_name=_("analysis version"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    body = models.CharField(_("deciding body"), max_length=16, choices=DecidingBody.choices)
    date = models.DateField(_("date of the decision"))
    choice = models.CharField(_("decision"), max_length=16, choices=DecisionChoice.choices)
    advice_police = models.TextField(_("advice of the police"), blank=True)
    advice_prosecution = models.TextField(_("advice of the public prosecutor (OM)"), blank=True)
    advice_officials = models.TextField(_("advice of the municipal officials"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.get_choice_display()} ({self.date:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("A recorded decision cannot be changed; record a correction."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A recorded decision cannot be deleted; record a correction."))
