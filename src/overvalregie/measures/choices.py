"""The facets of the measure catalogue (the values a measure is described and found by)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Line(models.TextChoices):
    """The three lines of the integral approach."""

    OFFENDER = "offender", _("Offender line")
    AREA = "area", _("Area line")
    VICTIM = "victim", _("Victim line")


class Target(models.TextChoices):
    """What a measure protects or addresses."""

    BUSINESS = "business", _("Businesses")
    HOME = "home", _("Homes")
    TRANSPORT = "transport", _("Transport")
    PERSON = "person", _("Persons")


class MeasureType(models.TextChoices):
    ORGANISATIONAL = "organisational", _("Organisational")
    STRUCTURAL = "structural", _("Structural")
    TECHNICAL = "technical", _("Technical")
    FINANCIAL = "financial", _("Financial")
    INFORMATION = "information", _("Information and awareness")
    ADMINISTRATIVE = "administrative", _("Administrative")
    CRIMINAL_LAW = "criminal_law", _("Criminal law")


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    LOCAL = "local", _("Local")


class LeadActor(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    POLICE = "police", _("Police")
    PUBLIC_PROSECUTOR = "public_prosecutor", _("Public prosecutor (OM)")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneurs")
    PROBATION = "probation", _("Probation service")
    VICTIM_SUPPORT = "victim_support", _("Victim Support Netherlands")
    SCHADEFONDS = "schadefonds", _("Violent Offences Compensation Fund")
    CARE = "care", _("Care and welfare")
    CCV = "ccv", _("CCV")
    RPC = "rpc", _("Regional platform (RPC)")


class Cost(models.TextChoices):
    LOW = "low", pgettext_lazy("cost", "Low (under € 1,000)")
    MEDIUM = "medium", pgettext_lazy("cost", "Medium (€ 1,000 to € 10,000)")
    HIGH = "high", pgettext_lazy("cost", "High (over € 10,000)")


class Evidence(models.TextChoices):
    """How well the effect is known, from strong to not researched."""

    STRONG = "strong", _("Strong indications of effect")
    GOOD = "good", _("Good indications of effect")
    FIRST = "first", _("First indications of effect")
    THEORY = "theory", _("Well-founded in theory")
    UNKNOWN = "unknown", _("Not researched")


class DeploymentStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("deployment status", "Planned")
    RUNNING = "running", pgettext_lazy("deployment status", "Under way")
    ENDED = "ended", pgettext_lazy("deployment status", "Ended")
    STOPPED = "stopped", pgettext_lazy("deployment status", "Stopped early")


class Comparison(models.TextChoices):
    """What an evaluation compares the deployment's area with."""

    MUNICIPALITY = "municipality", _("The rest of the municipality")
    POLICE_UNIT = "police_unit", _("The rest of the police unit")
    DISTRICT = "district", _("Another district")
