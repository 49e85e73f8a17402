"""A small region to show on dashboards: two police units, their towns, robberies, people."""

import datetime as dt

import pytest

from overvalregie.organisations.roles import OrganisationKind, Role
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    PoliceUnitFactory,
    member,
)

#: "Today" for every dashboard test, so year boundaries are fixed.
TODAY = dt.date(2025, 6, 30)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("overvalregie.web.dashboards.timezone.localdate", lambda: TODAY)
    return TODAY


@pytest.fixture
def region(db):
    """Police unit with a big town (Groterdam) and a small one (Kleindorp), and a unit elsewhere.

    Groterdam: 2024: 6 (4 before 30 June), 2025: 9 (shops 7, homes 2). Kleindorp: 2 in 2025.
    """
    unit = PoliceUnitFactory(name="Eenheid Test")
    big = MunicipalityFactory(name="Groterdam", population=120_000, police_unit=unit)
    small = MunicipalityFactory(name="Kleindorp", population=8_000, police_unit=unit)
    elsewhere = MunicipalityFactory(name="Verweg")
    RobberyFactory.create_batch(4, municipality=big, date=dt.date(2024, 3, 1))
    RobberyFactory.create_batch(2, municipality=big, date=dt.date(2024, 11, 1))
    RobberyFactory.create_batch(7, municipality=big, date=dt.date(2025, 2, 1), target_type="shop")
    RobberyFactory.create_batch(2, municipality=big, date=dt.date(2025, 5, 1), target_type="home")
    RobberyFactory.create_batch(2, municipality=small, date=dt.date(2025, 4, 1))
    RobberyFactory.create_batch(8, municipality=elsewhere, date=dt.date(2025, 4, 1))
    gemeente = OrganisationFactory(
        name="Gemeente Groterdam", kind=OrganisationKind.MUNICIPALITY, municipality=big
    )
    police = OrganisationFactory(
        name="Politie Eenheid Test",
        kind=OrganisationKind.POLICE,
        municipality=None,
        police_unit=unit,
    )
    khn = OrganisationFactory(
        name="KHN Test", kind=OrganisationKind.KHN, municipality=None, police_unit=unit
    )
    return {
        "unit": unit,
        "big": big,
        "small": small,
        "elsewhere": elsewhere,
        "gemeente": gemeente,
        "police": police,
        "khn": khn,
    }


ROLE_ORGANISATION = {
    Role.COORDINATOR: "gemeente",
    Role.ADMINISTRATOR: "gemeente",
    Role.ANALYST: "police",
    Role.CASEWORKER: "gemeente",
    Role.VICTIMWORKER: "gemeente",
    Role.PARTNER: "khn",
    Role.OVERSEER: "police",
    Role.PRIVACY: "gemeente",
    Role.SYSADMIN: "gemeente",
}


@pytest.fixture
def person(region):
    """``person(role)``: a user with that role in the organisation that fits it."""

    def make(role):
        return member(role, region[ROLE_ORGANISATION[role]])

    return make
