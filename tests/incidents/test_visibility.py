"""The robbery register is visible only inside the user's municipalities and role."""

import pytest

from overvalregie.incidents.models import Robbery
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db


def test_analyst_sees_own_municipality_only():
    town, elsewhere = MunicipalityFactory(), MunicipalityFactory()
    own = RobberyFactory(municipality=town)
    RobberyFactory(municipality=elsewhere)
    analyst = member(Role.ANALYST, OrganisationFactory(municipality=town))
    assert list(Robbery.objects.visible_to(analyst)) == [own]


def test_police_analyst_sees_the_municipalities_of_the_unit():
    town = MunicipalityFactory()
    neighbour = MunicipalityFactory(police_unit=town.police_unit)
    RobberyFactory(municipality=town)
    RobberyFactory(municipality=neighbour)
    RobberyFactory()  # another unit
    police = OrganisationFactory(
        kind=OrganisationKind.POLICE, municipality=None, police_unit=town.police_unit
    )
    assert Robbery.objects.visible_to(member(Role.ANALYST, police)).count() == 2


@pytest.mark.parametrize("role", [Role.PARTNER, Role.OVERSEER, Role.CASEWORKER, Role.SYSADMIN])
def test_other_roles_see_no_individual_robberies(role):
    town = MunicipalityFactory()
    RobberyFactory(municipality=town)
    user = member(role, OrganisationFactory(municipality=town))
    assert not Robbery.objects.visible_to(user).exists()
