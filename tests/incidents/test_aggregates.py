"""Robbery counts per year: exact for the owner, small counts suppressed for everyone else."""

import datetime as dt

import pytest

from overvalregie.incidents.aggregates import counts_by_year
from overvalregie.incidents.choices import IncidentKind
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    town = MunicipalityFactory(population=100_000)
    RobberyFactory.create_batch(3, municipality=town, date=dt.date(2024, 3, 1))
    RobberyFactory.create_batch(7, municipality=town, date=dt.date(2025, 3, 1))
    RobberyFactory(municipality=town, date=dt.date(2025, 4, 1), kind=IncidentKind.STREET_ROBBERY)
    return town


def test_owner_sees_exact_counts_and_street_robbery_is_not_counted(town):
    coordinator = member(Role.COORDINATOR, OrganisationFactory(municipality=town))
    [row] = counts_by_year(coordinator, [town], [2024, 2025])
    assert [c.value for c in row.counts] == [3, 7]
    assert row.own
    assert row.rate_per_100k == pytest.approx(7.0)


def test_partner_sees_small_counts_suppressed(town, settings):
    settings.SUPPRESSION_THRESHOLD = 5
    khn = OrganisationFactory(kind=OrganisationKind.KHN, municipality=town)
    partner = member(Role.PARTNER, khn)
    [row] = counts_by_year(partner, [town], [2023, 2024, 2025])
    assert [str(c) for c in row.counts] == ["0", "<5", "7"]
    assert row.counts[1].value is None


def test_suppressed_last_year_hides_its_rate(town, settings):
    settings.SUPPRESSION_THRESHOLD = 10
    partner = member(Role.PARTNER, OrganisationFactory(kind=OrganisationKind.KHN))
    [row] = counts_by_year(partner, [town], [2025])
    assert row.counts[0].suppressed
    assert row.rate_per_100k is None


def test_owner_sees_other_municipalities_suppressed(town):
    neighbour = MunicipalityFactory(police_unit=town.police_unit, population=20_000)
    RobberyFactory.create_batch(2, municipality=neighbour, date=dt.date(2025, 3, 1))
    coordinator = member(Role.COORDINATOR, OrganisationFactory(municipality=town))
    own, other = counts_by_year(coordinator, [town, neighbour], [2025])
    assert (own.own, str(own.counts[0])) == (True, "7")
    assert (other.own, str(other.counts[0])) == (False, "<5")
    assert other.rate_per_100k is None


def test_rate_year_picks_the_complete_year(town):
    coordinator = member(Role.COORDINATOR, OrganisationFactory(municipality=town))
    [row] = counts_by_year(coordinator, [town], [2024, 2025], rate_year=2024)
    assert row.rate_per_100k == pytest.approx(3.0)


def test_roles_without_aggregates_get_nothing(town):
    assert counts_by_year(member(Role.SYSADMIN), [town], [2025]) == []


def test_query_count_is_constant(town, django_assert_num_queries):
    others = [MunicipalityFactory() for _ in range(5)]
    analyst = member(Role.ANALYST, OrganisationFactory(municipality=town))
    counts_by_year(analyst, [town], [2025])  # caches the membership
    with django_assert_num_queries(2):  # the viewer's own municipalities, the counts
        counts_by_year(analyst, [town, *others], [2023, 2024, 2025])
