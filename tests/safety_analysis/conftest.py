"""A municipality with 20 robberies in March 2024, an analyst and a mayor of it."""

import datetime as dt

import pytest

from overvalregie.organisations.roles import Role
from tests.incidents.factories import RobberyFactory
from tests.incidents.test_import_support import make_town
from tests.organisations.factories import OrganisationFactory, member

START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)


@pytest.fixture
def town(db):
    town = make_town()
    town.population = 50_000
    town.save()
    for day in range(1, 21):
        RobberyFactory(municipality=town, date=dt.date(2024, 3, day), rd_x=150_000.0 + day,
                       rd_y=450_000.0, weapon="firearm" if day == 20 else "none")  # fmt: skip
    return town


@pytest.fixture
def analyst(town):
    return member(Role.ANALYST, OrganisationFactory(municipality=town))


@pytest.fixture
def mayor(town):
    return member(Role.ADMINISTRATOR, OrganisationFactory(municipality=town))
