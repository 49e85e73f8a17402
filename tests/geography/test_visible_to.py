"""Everyone whose role may view geography sees every boundary; focus areas follow scope."""

import pytest
from django.contrib.auth.models import AnonymousUser

from overvalregie.geography.models import (
    District,
    FocusArea,
    Municipality,
    Neighbourhood,
    PoliceUnit,
)
from overvalregie.organisations.roles import Role
from tests.geography.factories import FocusAreaFactory, NeighbourhoodFactory, PoliceUnitFactory
from tests.organisations.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

AREA_MODELS = [PoliceUnit, Municipality, District, Neighbourhood]


@pytest.mark.parametrize("role", list(Role))
def test_every_role_sees_all_boundaries(role):
    PoliceUnitFactory()
    NeighbourhoodFactory.create_batch(2)
    user = member(role)
    for model in AREA_MODELS:
        assert model.objects.visible_to(user).count() == model.objects.count() > 0


def test_anonymous_and_role_less_users_see_none(django_user_model):
    NeighbourhoodFactory()
    loner = django_user_model.objects.create_user("loner", password="x" * 12)
    for user in (AnonymousUser(), loner):
        for model in AREA_MODELS:
            assert not model.objects.visible_to(user).exists()
        assert not FocusArea.objects.visible_to(user).exists()


def test_focus_areas_follow_the_users_municipality():
    own, other = FocusAreaFactory(), FocusAreaFactory()
    coordinator = member(Role.COORDINATOR, OrganisationFactory(municipality=own.municipality))
    sysadmin = member(Role.SYSADMIN)

    assert list(FocusArea.objects.visible_to(coordinator)) == [own]
    assert set(FocusArea.objects.visible_to(sysadmin)) == {own, other}
