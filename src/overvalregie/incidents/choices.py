"""Fixed vocabularies of the robbery register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetType(models.TextChoices):
    SHOP = "shop", _("Shop")
    HOSPITALITY = "hospitality", _("Hospitality")
    SNACK_BAR = "snack_bar", _("Snack bar / fast food")
    PETROL_STATION = "petrol_station", _("Petrol station")
    HOME = "home", _("Home")
    CASH_IN_TRANSIT = "cash_in_transit", _("Cash in transit")
    BANK = "bank", _("Bank / post office")
    MEAL_COURIER = "meal_courier", _("Meal courier")
    OTHER_BUSINESS = "other_business", _("Other business")


class ShopBranch(models.TextChoices):
    SUPERMARKET = "supermarket", _("Supermarket")
    JEWELLER = "jeweller", _("Jeweller")
    TOBACCO = "tobacco", _("Tobacconist")
    DRUGSTORE = "drugstore", _("Drugstore")
    PHONE = "phone", _("Phone shop")
    OTHER = "other", _("Other shop")


class Weapon(models.TextChoices):
    FIREARM = "firearm", _("Firearm")
    KNIFE = "knife", _("Knife")
    BLUNT = "blunt", _("Blunt object")
    NONE = "none", _("None")
    UNKNOWN = "unknown", _("Unknown")


class LootBand(models.TextChoices):
    NONE = "none", _("None")
    UNDER_500 = "lt500", _("Under €500")
    UNDER_5000 = "lt5000", _("€500 – €5,000")
    OVER_5000 = "ge5000", _("€5,000 or more")
    UNKNOWN = "unknown", _("Unknown")


class IncidentKind(models.TextChoices):
    ROBBERY = "overval", _("Robbery (overval)")
    STREET_ROBBERY = "straatroof", _("Street robbery (straatroof)")


class CashHandling(models.TextChoices):
    CASH = "cash", _("Cash and card")
    SKIMMING = "skimming", _("Cash with a skimming safe")
    CARD_ONLY = "card_only", _("Card only")
    UNKNOWN = "unknown", _("Unknown")
