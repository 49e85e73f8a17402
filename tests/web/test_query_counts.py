"""Every page with a list or table runs a fixed number of queries, however much data there is."""

import datetime as dt

import pytest
from django.urls import reverse

from overvalregie.organisations.roles import OrganisationKind, Role
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db

#: session, user, active membership, the navigation's membership count
BASE = 4
DASHBOARD_QUERIES = {
    # + own towns, key figures, own scope + years, targets, region towns, own scope + years,
    # approaches under way (their steps: one more when there are any, see tests/approach),
    # open victim follow-ups
    Role.COORDINATOR: BASE + 10,
    Role.ADMINISTRATOR: BASE + 9,
    Role.ANALYST: BASE + 8,
    # + region towns, region years, region targets
    Role.PARTNER: BASE + 3,
    Role.OVERSEER: BASE + 3,
    # nothing to count yet
    Role.CASEWORKER: BASE,
    # + open follow-ups referred to them
    Role.VICTIMWORKER: BASE + 1,
    # + today's audit entries per action
    Role.PRIVACY: BASE + 1,
    # + users, organisations
    Role.SYSADMIN: BASE + 2,
}


def _grow(region, n: int) -> None:
    """More towns in the unit, robberies in every year and target, organisations, log entries."""
    from overvalregie.audit.models import AuditAction
    from overvalregie.audit.services import record

    for i in range(n):
        town = MunicipalityFactory(police_unit=region["unit"])
        for year in range(2021, 2026):
            RobberyFactory.create_batch(
                2, municipality=town, date=dt.date(year, 3, 1), target_type="hospitality"
            )
        OrganisationFactory(municipality=town)
        member(Role.CASEWORKER, region["gemeente"])
        record(None, AuditAction.READ, object_type="test", object_id=str(i))


@pytest.mark.parametrize("role", list(Role))
def test_dashboard_queries_do_not_grow_with_data(
    client, person, region, role, django_assert_num_queries
):
    client.force_login(person(role))
    with django_assert_num_queries(DASHBOARD_QUERIES[role]):
        assert client.get(reverse("dashboard")).status_code == 200
    _grow(region, 6)
    with django_assert_num_queries(DASHBOARD_QUERIES[role]):
        assert client.get(reverse("dashboard")).status_code == 200


def test_organisation_detail_queries_do_not_grow_with_members(
    client, region, django_assert_num_queries
):
    user = member(Role.PARTNER, region["khn"])
    client.force_login(user)
    url = reverse("organisation-detail", args=[region["khn"].pk])
    # BASE + the organisation with its areas, its memberships with their users
    with django_assert_num_queries(BASE + 2):
        client.get(url)
    for _ in range(8):
        member(Role.PARTNER, region["khn"])
    with django_assert_num_queries(BASE + 2):
        assert client.get(url).status_code == 200


def test_organisation_list_queries_do_not_grow(client, region, django_assert_num_queries):
    user = member(
        Role.SYSADMIN, OrganisationFactory(kind=OrganisationKind.OTHER, municipality=None)
    )
    client.force_login(user)
    with django_assert_num_queries(BASE + 1):
        client.get(reverse("organisation-list"))
    _grow(region, 4)
    with django_assert_num_queries(BASE + 1):
        assert client.get(reverse("organisation-list")).status_code == 200
