"""Partner organisations, users and their memberships (one role per membership)."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from overvalregie.geography.models import Municipality, PoliceUnit
from overvalregie.organisations.querysets import MembershipQuerySet, OrganisationQuerySet
from overvalregie.organisations.roles import OrganisationKind, Role


class Organisation(models.Model):
    """A partner in the approach: municipality, police, OM, probation, an association, ..."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        help_text=_("The municipality this organisation belongs to or works for, if one."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    police_unit = models.ForeignKey(
        PoliceUnit,
        verbose_name=_("police unit"),
        help_text=_("The police unit (region) this organisation works in."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def area_municipalities(self):
        """The municipalities this organisation works for: its own, else its police unit's."""
        if self.municipality_id:
            return Municipality.objects.filter(pk=self.municipality_id)
        if self.police_unit_id:
            return Municipality.objects.filter(police_unit_id=self.police_unit_id)
        return Municipality.objects.none()


class User(AbstractUser):
    """A person who logs in. What they may do comes from their memberships, not from flags."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    is_demo = models.BooleanField(
        _("demo user"),
        default=False,
        help_text=_("Demo users can only log in when the site runs in demo mode."),
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Membership(models.Model):
    """A user's membership of an organisation, with the one role they have there."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.organisation}"
