"""Partners and one demo login per role, all in one list that the printout and tests read."""

import pytest

from overvalregie.demo.users import DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS
from overvalregie.organisations.models import Membership, Organisation, User
from overvalregie.organisations.roles import OrganisationKind, Role

pytestmark = pytest.mark.django_db


def test_the_list_has_one_user_per_role():
    assert sorted(u.role for u in DEMO_USERS) == sorted(Role.values)
    names = {o.name for o in DEMO_ORGANISATIONS}
    assert {u.organisation for u in DEMO_USERS} <= names


def test_one_demo_user_per_role_is_loaded(loaded_demo):
    memberships = Membership.objects.select_related("user", "organisation")
    assert sorted(m.role for m in memberships) == sorted(Role.values)
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert user.is_demo
        assert user.check_password(DEMO_PASSWORD)
        assert (user.first_name, user.last_name) == (demo.first_name, demo.last_name)
        membership = memberships.get(user=user)
        assert (membership.role, membership.organisation.name) == (demo.role, demo.organisation)
        assert membership.active


def test_partners_of_the_region_are_loaded(loaded_demo, town):
    for demo in DEMO_ORGANISATIONS:
        organisation = Organisation.objects.select_related("municipality", "police_unit").get(
            name=demo.name
        )
        assert organisation.kind == demo.kind
        assert getattr(organisation.municipality, "code", None) == demo.municipality
        assert getattr(organisation.police_unit, "code", None) == demo.police_unit
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(OrganisationKind.values) - {OrganisationKind.OTHER}
    gemeenten = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    assert gemeenten.count() == len(town.municipalities)


def test_demo_users_log_in_in_demo_mode(loaded_demo, client, settings):
    settings.DEMO_MODE = True
    for demo in DEMO_USERS:
        assert client.login(username=demo.username, password=DEMO_PASSWORD), demo.username
        client.logout()
