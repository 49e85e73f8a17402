"""A municipality with a final safety analysis, the mayor's decision, its coordinator, and the
approach started from that decision (through the services, as the pages do)."""

import datetime as dt

import pytest

from overvalregie.approach import services
from overvalregie.organisations.roles import OrganisationKind, Role
from overvalregie.safety_analysis import services as analyses
from tests.organisations.factories import OrganisationFactory, member
from tests.safety_analysis import conftest as analysis_fixtures
from tests.safety_analysis.conftest import END, START

# The safety analysis's fixtures, shared: a town with robberies, its analyst and its mayor.
town = analysis_fixtures.town
analyst = analysis_fixtures.analyst
mayor = analysis_fixtures.mayor


@pytest.fixture
def municipality_org(town):
    return OrganisationFactory(name=f"Gemeente {town.name}", municipality=town)


@pytest.fixture
def coordinator(municipality_org):
    return member(Role.COORDINATOR, municipality_org, email="regisseur@example.org")


@pytest.fixture
def prosecution(town):
    return OrganisationFactory(
        name="OM Arrondissement", kind=OrganisationKind.PROSECUTION, municipality=None,
        police_unit=town.police_unit,
    )  # fmt: skip


@pytest.fixture
def decision(analyst, mayor, town):
    analysis = analyses.start(analyst, town, START, END)
    analysis.refresh_from_db()
    analyses.finalise(analyst, analysis)
    return analyses.record_decision(
        mayor, analysis, body="triangle", date=dt.date(2025, 1, 10), choice="specific"
    )


@pytest.fixture
def approach(coordinator, decision, town):
    return services.start(
        coordinator,
        municipality=town,
        kind="",
        name="Aanpak overvallen Teststad 2025",
        started=dt.date(2025, 1, 20),
        decision=decision,
    )
