"""A person in several organisations works in one role at a time and can switch."""

import pytest
from django.urls import reverse

from overvalregie.organisations.policy import Action, can, role_of
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.organisations.factories import MembershipFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db


def test_switching_membership_changes_role_and_permissions(client):
    user = member(Role.ANALYST, OrganisationFactory(kind=OrganisationKind.POLICE))
    privacy = MembershipFactory(user=user, role=Role.PRIVACY)
    client.force_login(user)
    assert client.get("/audit/").status_code == 404

    response = client.post(reverse("choose-membership"), {"membership": privacy.pk})
    assert response.status_code == 302
    assert client.get("/audit/").status_code == 200


def test_cannot_choose_someone_elses_membership(client):
    user = member(Role.PARTNER)
    other = MembershipFactory(role=Role.PRIVACY)
    client.force_login(user)
    response = client.post(reverse("choose-membership"), {"membership": other.pk})
    assert response.status_code == 404
    assert client.get("/audit/").status_code == 404


def test_inactive_membership_gives_no_role():
    user = member(Role.COORDINATOR)
    user.memberships.update(active=False)
    user = type(user).objects.get(pk=user.pk)
    assert role_of(user) is None
    assert not can(user, Action.VIEW_DASHBOARD)


def test_organisation_list_query_count_does_not_grow(client, django_assert_num_queries):
    user = member(Role.SYSADMIN)
    for _ in range(3):
        OrganisationFactory()
    client.force_login(user)
    # session, user, membership, organisations, the navigation's membership count
    with django_assert_num_queries(5):
        client.get(reverse("organisation-list"))
    for _ in range(10):
        OrganisationFactory()
    with django_assert_num_queries(5):
        client.get(reverse("organisation-list"))
