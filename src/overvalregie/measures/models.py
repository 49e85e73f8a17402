"""The measure catalogue (*maatregelen*) and the deployment of measures (*inzet*).

A :class:`Measure` describes what can be done against robbery, in the spirit of the CCV's
HIC prevention guide, with facets to find it by (:mod:`overvalregie.measures.choices`). Its
texts are kept in Dutch and English (``{"nl": ..., "en": ...}``). The catalogue ships as a
data file (``catalogue/measures.toml``); administrators add and edit measures afterwards.

A :class:`Deployment` is a measure put to work: in an approach, in an area (a district,
neighbourhood or focus area) or at one business, by an owner organisation, from a start to an
end. A deployment with an area can be evaluated against the register
(:mod:`overvalregie.measures.evaluation`).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from overvalregie.geography.models import District, FocusArea, Municipality, Neighbourhood
from overvalregie.measures.catalogue import KEY
from overvalregie.measures.choices import (
    Comparison,
    Cost,
    DeploymentStatus,
    Evidence,
    LeadActor,
)
from overvalregie.measures.querysets import DeploymentQuerySet, MeasureQuerySet
from overvalregie.organisations.models import Organisation
from overvalregie.texts import localised


class Measure(models.Model):
    """One measure of the catalogue."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key = models.CharField(
        _("key"),
        max_length=80,
        unique=True,
        validators=[KEY],
        error_messages={"unique": _("Another measure has this key already.")},
    )
    #: Each text as ``{"nl": ..., "en": ...}``; Dutch is required.
    name = models.JSONField(_("name"))
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    description = models.JSONField(_("description"), default=dict, blank=True)
    #: Practical steps, ``{"nl": [...], "en": [...]}``.
    steps = models.JSONField(_("practical steps"), default=dict, blank=True)
    #: Facets with more than one value: lists of choice values (``choices.Line`` and so on).
    lines = models.JSONField(_("lines"), default=list)
    targets = models.JSONField(_("targets"), default=list)
    types = models.JSONField(_("types"), default=list)
    levels = models.JSONField(_("levels"), default=list)
    lead = models.CharField(_("lead actor"), max_length=32, choices=LeadActor.choices)
    cost = models.CharField(_("cost indication"), max_length=16, choices=Cost.choices)
    evidence = models.CharField(_("evidence"), max_length=16, choices=Evidence.choices)
    shipped = models.BooleanField(_("shipped with Overvalregie"), default=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = pgettext_lazy("catalogue", "measure")
        verbose_name_plural = pgettext_lazy("catalogue", "measures")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localised(self.name)

    @property
    def summary_text(self) -> str:
        return localised(self.summary) if self.summary else ""

    @property
    def description_text(self) -> str:
        return localised(self.description) if self.description else ""

    @property
    def step_list(self) -> list[str]:
        return localised(self.steps) if self.steps else []


#: The earliest plausible start of a deployment.
EARLIEST = dt.date(2000, 1, 1)


class Deployment(models.Model):
    """A measure put to work (*inzet*)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    measure = models.ForeignKey(
        Measure,
        verbose_name=pgettext_lazy("catalogue", "measure"),
        on_delete=models.PROTECT,
        related_name="deployments",
    )
    #: The municipality whose deployment it is (its coordinator manages it).
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="deployments",
    )
    approach = models.ForeignKey(
        "approach.Approach",
        verbose_name=_("approach"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deployments",
    )
    #: Where: a district, a neighbourhood ...
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deployments",
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deployments",
    )
    #: ... or a focus area ...
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deployments",
    )
    #: ... or one business.
    business = models.ForeignKey(
        "incidents.Business",
        verbose_name=_("business"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deployments",
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="deployments",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DeploymentStatus.choices,
        default=DeploymentStatus.RUNNING,
    )
    notes = models.TextField(_("notes"), blank=True)
    #: The evaluation compares the area with this one, less the area and its buffer.
    comparison = models.CharField(
        _("comparison area"),
        max_length=16,
        choices=Comparison.choices,
        default=Comparison.MUNICIPALITY,
    )
    comparison_district = models.ForeignKey(
        District,
        verbose_name=_("comparison district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    buffer_m = models.PositiveIntegerField(
        _("buffer (metres)"),
        default=400,
        validators=[MinValueValidator(50), MaxValueValidator(3000)],
        help_text=_("Width of the ring around the area where displacement is looked for."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = DeploymentQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "created"]
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="deployment_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "start"])]

    def __str__(self) -> str:
        return f"{self.measure.title} – {self.place_name}"

    @property
    def place(self):
        """The district, neighbourhood, focus area or business it runs in (None: the
        municipality or the approach as a whole)."""
        return self.district or self.neighbourhood or self.focus_area or self.business

    @property
    def area(self):
        """The area it runs in, if it runs in one (the evaluation counts there)."""
        return self.district or self.neighbourhood or self.focus_area

    @property
    def comparison_area(self):
        """The area the evaluation compares with (before taking out the area and buffer)."""
        if self.comparison == Comparison.POLICE_UNIT and self.municipality.police_unit_id:
            return self.municipality.police_unit
        if self.comparison == Comparison.DISTRICT and self.comparison_district_id:
            return self.comparison_district
        return self.municipality

    @property
    def place_name(self) -> str:
        return self.place_label(business_named=True)

    def place_label(self, *, business_named: bool) -> str:
        """Where it runs; a business by name only when ``business_named`` (see
        ``access.label_places``)."""
        if self.business_id and not business_named:
            return str(
                _("a business in %(municipality)s") % {"municipality": self.municipality.name}
            )
        place = self.place
        if place is not None:
            return str(place)
        return self.approach.name if self.approach_id else str(self.municipality)

    @property
    def evaluable(self) -> bool:
        """An area to count in: a district, neighbourhood or focus area."""
        return any(p is not None for p in self._places()[:3])

    def _places(self):
        return [self.district_id, self.neighbourhood_id, self.focus_area_id, self.business_id]

    def clean(self) -> None:
        super().clean()
        errors = {}
        if sum(p is not None for p in self._places()) > 1:
            errors["__all__"] = _(
                "Choose one place: a district, a neighbourhood, a focus area or a business."
            )
        if self.end is not None and self.start is not None and self.end < self.start:
            errors["end"] = _("The end lies before the start.")
        if self.comparison == Comparison.DISTRICT and self.comparison_district_id is None:
            errors["comparison_district"] = _("Choose the district to compare with.")
        if (
            self.comparison == Comparison.POLICE_UNIT
            and self.municipality_id
            and not self.municipality.police_unit_id
        ):
            errors["comparison"] = _("The municipality belongs to no police unit.")
        if self.start is not None and self.start < EARLIEST:
            errors["start"] = _("A start before %(year)s is not plausible.") % {
                "year": EARLIEST.year
            }
        if errors:
            raise ValidationError(errors)
