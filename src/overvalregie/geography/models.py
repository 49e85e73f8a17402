"""Municipalities, districts, neighbourhoods, police units and free focus areas.

Geometries are stored as GeoJSON (WGS84 longitude/latitude) with their bounding box, so the
same schema works on SQLite and PostgreSQL; spatial questions go through shapely
(see :mod:`overvalregie.geography.spatial`).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from overvalregie.geography.querysets import AreaQuerySet, FocusAreaQuerySet


class Area(models.Model):
    """What every administrative area has: a code, a name, a geometry and a boundary year."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200)
    geometry = models.JSONField(_("geometry"), help_text=_("GeoJSON geometry in WGS84."))
    boundary_year = models.PositiveSmallIntegerField(_("boundary year"))
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    min_lon = models.FloatField(default=0)
    min_lat = models.FloatField(default=0)
    max_lon = models.FloatField(default=0)
    max_lat = models.FloatField(default=0)
    # Part of the version that tells the point-location index to rebuild (see locate.py).
    updated = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    objects = AreaQuerySet.as_manager()

    DERIVED_FIELDS = ("min_lon", "min_lat", "max_lon", "max_lat", "updated")

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        self.set_bbox()
        if kwargs.get("update_fields") is not None:
            # Keep the bbox and the change time (the locate index version) in step.
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def set_bbox(self) -> None:
        from overvalregie.geography.spatial import geometry_bounds

        self.min_lon, self.min_lat, self.max_lon, self.max_lat = geometry_bounds(self.geometry)


class PoliceUnit(Area):
    """A regional police unit (*regionale eenheid*, code ``REnn``)."""

    class Meta(Area.Meta):
        verbose_name = _("police unit")
        verbose_name_plural = _("police units")


class Municipality(Area):
    """A municipality (*gemeente*, CBS code ``GMxxxx``)."""

    police_unit = models.ForeignKey(
        PoliceUnit,
        verbose_name=_("police unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipalities",
    )
    businesses = models.PositiveIntegerField(_("businesses"), null=True, blank=True)

    class Meta(Area.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")


class District(Area):
    """A district (*wijk*, CBS code ``WKxxxxxx``)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="districts",
    )

    class Meta(Area.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Neighbourhood(Area):
    """A neighbourhood (*buurt*, CBS code ``BUxxxxxxxx``)."""

    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        related_name="neighbourhoods",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="neighbourhoods",
    )

    class Meta(Area.Meta):
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")


class FocusArea(models.Model):
    """A free area drawn for an approach: a shopping street, a KVO area, a hotspot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="focus_areas",
    )
    geometry = models.JSONField(_("geometry"), help_text=_("GeoJSON geometry in WGS84."))
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = FocusAreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.name
