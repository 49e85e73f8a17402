"""Organisation kinds and membership roles (the role table of DESIGN.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Municipality")
    POLICE = "politie", _("Police")
    PROSECUTION = "om", _("Public Prosecution Service")
    PROBATION = "reclassering", _("Probation service")
    VICTIM_SUPPORT = "slachtofferhulp", _("Victim Support Netherlands")
    KHN = "khn", _("Royal Dutch Hospitality Association (KHN)")
    RETAIL = "detailhandel", _("Retail Netherlands")
    RPC = "rpc", _("Regional Platform for Crime Control (RPC)")
    BUSINESS_ASSOCIATION = "ondernemersvereniging", _("Business association")
    HOUSING = "woningcorporatie", _("Housing corporation")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    ADMINISTRATOR = "administrator", _("Administrator (mayor)")
    ANALYST = "analyst", _("Analyst")
    CASEWORKER = "caseworker", _("Case worker")
    VICTIMWORKER = "victimworker", _("Victim worker")
    PARTNER = "partner", _("Partner member")
    OVERSEER = "overseer", _("Regional overseer")
    PRIVACY = "privacy", _("Privacy officer")
    SYSADMIN = "sysadmin", _("System administrator")
