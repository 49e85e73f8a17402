"""The robbery register: businesses and robberies (*overvallen*).

Every located record stores both its WGS84 and its RD New coordinates, and the neighbourhood,
district and municipality it falls in.
"""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from overvalregie.geography.models import District, Municipality, Neighbourhood
from overvalregie.incidents.choices import (
    CashHandling,
    IncidentKind,
    LootBand,
    ShopBranch,
    TargetType,
    Weapon,
)
from overvalregie.incidents.querysets import (
    BusinessQuerySet,
    ImportJobQuerySet,
    RobberyQuerySet,
)


class Located(models.Model):
    """A point in WGS84 and RD New, with the areas it falls in."""

    lon = models.FloatField(_("longitude"))
    lat = models.FloatField(_("latitude"))
    rd_x = models.FloatField(_("RD x"))
    rd_y = models.FloatField(_("RD y"))
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("neighbourhood"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class Business(Located):
    """A business that can be (or was) robbed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    target_type = models.CharField(_("kind"), max_length=32, choices=TargetType.choices)
    branch = models.CharField(_("branch"), max_length=32, choices=ShopBranch.choices, blank=True)
    address = models.CharField(_("address"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    cash_handling = models.CharField(
        _("cash handling"),
        max_length=16,
        choices=CashHandling.choices,
        default=CashHandling.UNKNOWN,
    )
    kvo_area = models.BooleanField(_("in a KVO area"), default=False)

    objects = BusinessQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("business")
        verbose_name_plural = _("businesses")

    def __str__(self) -> str:
        return self.name


class Robbery(Located):
    """A registered robbery (or a related street robbery, never counted as an *overval*)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(
        _("kind"), max_length=16, choices=IncidentKind.choices, default=IncidentKind.ROBBERY
    )
    source = models.CharField(_("source"), max_length=64)
    source_id = models.CharField(_("source id"), max_length=64)
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    attempt = models.BooleanField(_("attempt"), default=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    target_type = models.CharField(_("target"), max_length=32, choices=TargetType.choices)
    shop_branch = models.CharField(
        _("shop branch"), max_length=32, choices=ShopBranch.choices, blank=True
    )
    weapon = models.CharField(
        _("weapon"), max_length=16, choices=Weapon.choices, default=Weapon.UNKNOWN
    )
    violence = models.BooleanField(_("violence used"), default=False)
    injured = models.PositiveSmallIntegerField(_("injured persons"), default=0)
    offenders = models.PositiveSmallIntegerField(_("number of offenders"), null=True, blank=True)
    loot_band = models.CharField(
        _("loot"), max_length=16, choices=LootBand.choices, default=LootBand.UNKNOWN
    )
    business = models.ForeignKey(
        Business,
        verbose_name=_("business"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="robberies",
    )
    suspect_arrested = models.BooleanField(_("suspect arrested"), default=False)
    solved = models.BooleanField(_("solved"), default=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = RobberyQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-time"]
        verbose_name = _("robbery")
        verbose_name_plural = _("robberies")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="unique_robbery_source")
        ]
        indexes = [models.Index(fields=["municipality", "date"])]

    def __str__(self) -> str:
        return f"{self.get_target_type_display()} {self.date:%Y-%m-%d}"


# --- open data: published police figures per area and period ------------------------------------


class OpenDataOffence(models.TextChoices):
    """The offences taken from the CBS code lists, by their normalised title."""

    ROBBERY = "overval", _("robbery")
    STREET_ROBBERY = "straatroof", _("street robbery")


class AreaLevel(models.TextChoices):
    """The kind of area a CBS region code names, told by its prefix."""

    COUNTRY = "country", _("country")
    PART_OF_COUNTRY = "part_of_country", _("part of the country")
    PROVINCE = "province", _("province")
    POLICE_UNIT = "police_unit", _("police unit")
    MUNICIPALITY = "municipality", _("municipality")
    DISTRICT = "district", _("district")
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")


class CrimeMeasure(models.TextChoices):
    REGISTERED = "registered", _("registered crimes")
    RATE_PER_1000 = "rate_per_1000", _("registered crimes per 1,000 inhabitants")
    CLEARANCE_PERCENTAGE = "clearance_percentage", _("clearance percentage")


class RegisteredCrimeFigure(models.Model):
    """One published figure: an offence in an area and period, from a CBS table.

    Kept apart from individual robberies. The area is the CBS code as published, so figures
    exist before (or without) the boundaries being imported. ``value`` is None where the
    table publishes no figure (suppressed or unknown): never read that as zero.
    """

    table = models.CharField(_("table"), max_length=16)
    offence = models.CharField(_("offence"), max_length=16, choices=OpenDataOffence.choices)
    offence_key = models.CharField(_("offence key"), max_length=16)
    area_level = models.CharField(_("area level"), max_length=16, choices=AreaLevel.choices)
    area_code = models.CharField(_("area code"), max_length=16)
    period_kind = models.CharField(_("period kind"), max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    period_code = models.CharField(_("period code"), max_length=8)
    provisional = models.BooleanField(_("provisional"), default=False)
    measure = models.CharField(_("measure"), max_length=24, choices=CrimeMeasure.choices)
    value = models.FloatField(_("value"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        ordering = ["table", "area_code", "offence", "period_kind", "period_start"]
        verbose_name = _("registered crime figure")
        verbose_name_plural = _("registered crime figures")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "offence", "area_code", "period_kind", "period_start", "measure"],
                name="unique_registered_crime_figure",
            )
        ]
        indexes = [models.Index(fields=["area_code", "offence", "period_kind", "period_start"])]

    def __str__(self) -> str:
        return f"{self.table} {self.offence} {self.area_code} {self.period_code}"


# --- imports from the upload page ----------------------------------------------------------------


class ImportState(models.TextChoices):
    CHECKING = "checking", _("Checking the file")
    CHECKED = "checked", _("Ready to import")
    REJECTED = "rejected", _("Rejected")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")
    DISCARDED = "discarded", _("Discarded")


class ImportJob(models.Model):
    """A file uploaded for import: checked in the background, previewed, then confirmed.

    The file itself lives in the ``imports`` storage only until the job ends; the job keeps the
    counts, a sample of the rows and the problems found (line, column, reason).
    """

    #: States in which the background worker is busy with the job.
    RUNNING = frozenset({ImportState.CHECKING, ImportState.IMPORTING})
    #: States after which the file is no longer needed.
    ENDED = frozenset(
        {ImportState.REJECTED, ImportState.DONE, ImportState.FAILED, ImportState.DISCARDED}
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    #: The role and organisation the file was uploaded in: the worker acts in it too.
    membership = models.ForeignKey(
        "organisations.Membership",
        verbose_name=_("uploaded as"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    filename = models.CharField(_("file name"), max_length=255)
    file = models.CharField(_("stored file"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    language = models.CharField(_("language of the messages"), max_length=8)
    state = models.CharField(
        _("state"), max_length=16, choices=ImportState.choices, default=ImportState.CHECKING
    )
    format = models.CharField(_("format"), max_length=8, blank=True)
    to_add = models.PositiveIntegerField(_("to add"), default=0)
    to_change = models.PositiveIntegerField(_("to change"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected rows"), default=0)
    error_count = models.PositiveIntegerField(_("problems"), default=0)
    #: The first problems: ``[{"line", "column", "reason"}]``.
    errors = models.JSONField(_("problems found"), default=list, blank=True)
    #: ``{"to_add": [...], "to_change": [...], "unchanged": [...]}``: a few rows of each.
    samples = models.JSONField(
        _("sample rows"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    ignored_columns = models.JSONField(_("ignored columns"), default=list, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["created_by", "-created"])]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_state_display()})"

    @property
    def running(self) -> bool:
        return self.state in self.RUNNING

    @property
    def rows(self) -> int:
        return self.to_add + self.to_change + self.unchanged
