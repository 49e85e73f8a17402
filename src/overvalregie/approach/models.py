"""The approach (*aanpak*) a decision starts; the step plan builds on it (issue 6)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from overvalregie.geography.models import Municipality


class ApproachKind(models.TextChoices):
    SPECIFIC = "specific", _("Specific robbery approach")
    DARK_DAYS = "dark_days", _("Dark days offensive")
    HIGH_IMPACT = "high_impact", _("High-impact-crime approach")


class ApproachStatus(models.TextChoices):
    STARTED = "started", _("Started")
    CLOSED = "closed", _("Closed")


class Approach(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="approaches",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ApproachKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ApproachStatus.choices, default=ApproachStatus.STARTED
    )
    started = models.DateField(_("started"))
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started", "name"]
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")

    def __str__(self) -> str:
        return self.name
