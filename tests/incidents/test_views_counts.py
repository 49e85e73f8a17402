"""Roles without the register see robberies per area, small counts hidden, no revealing total."""

import datetime as dt

import pytest
from django.urls import reverse

from overvalregie.organisations.roles import OrganisationKind, Role
from tests.geography.factories import DistrictFactory, NeighbourhoodFactory
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db

URL = reverse("robbery-list")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    settings.SUPPRESSION_THRESHOLD = 5


@pytest.fixture
def unit():
    town = MunicipalityFactory(name="Groterdam")
    small = MunicipalityFactory(name="Kleindorp", police_unit=town.police_unit)
    district = DistrictFactory(municipality=town)
    busy = NeighbourhoodFactory(district=district, name="Centrum")
    quiet = NeighbourhoodFactory(district=district, name="Rand")
    return {"town": town, "small": small, "busy": busy, "quiet": quiet}


def _partner(unit, role=Role.PARTNER):
    khn = OrganisationFactory(
        kind=OrganisationKind.KHN, municipality=None, police_unit=unit["town"].police_unit
    )
    return member(role, khn)


def _robberies(n, neighbourhood, **kwargs):
    RobberyFactory.create_batch(
        n, municipality=neighbourhood.municipality, neighbourhood=neighbourhood, **kwargs
    )


def _counts(response) -> dict:
    return {(area.name if area else None): str(count) for area, count in response.context["rows"]}


def test_partner_sees_suppressed_counts_per_neighbourhood_and_no_total(client, unit):
    _robberies(7, unit["busy"])
    _robberies(2, unit["quiet"])
    client.force_login(_partner(unit))
    response = client.get(URL)
    assert response.status_code == 200
    assert _counts(response) == {"Centrum": "7", "Rand": "<5"}
    assert response.context["total"] is None
    html = response.content.decode()
    assert "count-total" not in html
    assert "robbery-row" not in html
    assert "<tfoot" not in html
    assert "it would reveal the hidden numbers" in html


def test_total_only_when_nothing_is_hidden(client, unit):
    _robberies(7, unit["busy"])
    _robberies(6, unit["quiet"])
    client.force_login(_partner(unit))
    response = client.get(URL)
    assert response.context["total"] == 13
    assert 'data-testid="count-total">13<' in response.content.decode()


def test_robberies_outside_a_neighbourhood_are_counted_and_suppressed(client, unit):
    _robberies(6, unit["busy"])
    RobberyFactory(municipality=unit["small"], neighbourhood=None)
    client.force_login(_partner(unit))
    response = client.get(URL)
    assert _counts(response)[None] == "<5"
    assert response.context["total"] is None


def test_filters_narrow_the_counts(client, unit):
    _robberies(7, unit["busy"], date=dt.date(2024, 5, 1))
    _robberies(6, unit["busy"], date=dt.date(2025, 5, 1), target_type="home")
    client.force_login(_partner(unit))
    assert _counts(client.get(URL, {"date_from": "2025-01-01"}))["Centrum"] == "6"
    assert _counts(client.get(URL, {"target_type": "shop"}))["Centrum"] == "7"


def test_invalid_filters_are_form_errors(client, unit):
    client.force_login(_partner(unit))
    response = client.get(URL, {"date_from": "2025-13-45"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_overseer_sees_municipalities(client, unit):
    _robberies(7, unit["busy"])
    RobberyFactory.create_batch(3, municipality=unit["small"])
    RobberyFactory.create_batch(9)  # another unit
    client.force_login(_partner(unit, Role.OVERSEER))
    response = client.get(URL)
    assert _counts(response) == {"Groterdam": "7", "Kleindorp": "<5"}
    assert response.context["total"] is None


def test_counts_query_count(client, unit, django_assert_num_queries):
    _robberies(7, unit["busy"])
    client.force_login(_partner(unit))
    # session, user, membership, navigation; counts; neighbourhoods
    with django_assert_num_queries(6):
        client.get(URL)
    NeighbourhoodFactory.create_batch(4, district=unit["busy"].district)
    _robberies(3, unit["quiet"])
    with django_assert_num_queries(6):
        client.get(URL)
