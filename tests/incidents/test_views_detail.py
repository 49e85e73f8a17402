"""The detail page of one robbery and the map's GeoJSON endpoints."""

import uuid

import pytest
from django.urls import reverse

from overvalregie.incidents.models import Business
from overvalregie.organisations.roles import Role
from tests.geography.factories import NeighbourhoodFactory
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def place():
    neighbourhood = NeighbourhoodFactory(name="Oude Stad")
    return neighbourhood


@pytest.fixture
def analyst(place):
    return member(Role.ANALYST, OrganisationFactory(municipality=place.municipality))


def _robbery(place, **kwargs):
    return RobberyFactory(
        municipality=place.municipality,
        district=place.district,
        neighbourhood=place,
        **kwargs,
    )


def test_detail_shows_all_fields_business_and_areas(client, place, analyst):
    business = Business.objects.create(
        name="Juwelier Goud",
        target_type="shop",
        branch="jeweller",
        address="Markt 1",
        lon=5.05,
        lat=52.05,
        rd_x=1.0,
        rd_y=1.0,
        municipality=place.municipality,
    )
    robbery = _robbery(
        place, business=business, weapon="firearm", source_id="P-77", injured=2, time=None
    )
    client.force_login(analyst)
    response = client.get(reverse("robbery-detail", args=[robbery.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Juwelier Goud", "Markt 1", "Jeweller", "Firearm", "P-77", "Oude Stad"):
        assert text in html
    assert 'id="robbery-detail-map"' in html
    assert 'id="robbery-point"' in html


def test_home_address_is_shown_to_the_register_roles(client, place, analyst):
    robbery = _robbery(place, target_type="home", address="Dorpsstraat 3")
    client.force_login(analyst)
    assert "Dorpsstraat 3" in client.get(reverse("robbery-detail", args=[robbery.pk])).text


def test_detail_outside_scope_is_404(client, analyst):
    elsewhere = RobberyFactory(municipality=MunicipalityFactory())
    client.force_login(analyst)
    assert client.get(reverse("robbery-detail", args=[elsewhere.pk])).status_code == 404
    assert client.get(reverse("robbery-detail", args=[uuid.uuid4()])).status_code == 404


@pytest.mark.parametrize("role", [Role.PARTNER, Role.OVERSEER, Role.CASEWORKER, Role.PRIVACY])
def test_detail_for_roles_without_the_register_is_404(client, place, role):
    robbery = _robbery(place)
    client.force_login(member(role, OrganisationFactory(municipality=place.municipality)))
    assert client.get(reverse("robbery-detail", args=[robbery.pk])).status_code == 404
    assert client.get(reverse("robbery-map-points")).status_code == 404
    assert client.get(reverse("robbery-map-areas")).status_code == 404


def test_detail_query_count(client, place, analyst, django_assert_num_queries):
    robbery = _robbery(place)
    client.force_login(analyst)
    # session, user, membership, navigation; the robbery with its areas and business
    with django_assert_num_queries(5):
        assert client.get(reverse("robbery-detail", args=[robbery.pk])).status_code == 200


def test_map_points_are_the_filtered_robberies_of_every_page(client, place, analyst):
    RobberyFactory.create_batch(55, municipality=place.municipality, target_type="shop")
    home = _robbery(place, target_type="home")
    RobberyFactory()  # elsewhere
    client.force_login(analyst)
    data = client.get(reverse("robbery-map-points")).json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 56
    data = client.get(reverse("robbery-map-points"), {"target_type": "home"}).json()
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.05, 52.05]}
    assert feature["properties"]["url"] == reverse("robbery-detail", args=[home.pk])
    assert feature["properties"]["target_type"] == "home"


def test_map_points_are_capped(client, place, analyst, monkeypatch):
    monkeypatch.setattr("overvalregie.incidents.views.MAP_LIMIT", 3)
    RobberyFactory.create_batch(5, municipality=place.municipality)
    client.force_login(analyst)
    assert len(client.get(reverse("robbery-map-points")).json()["features"]) == 3


def test_map_points_with_invalid_filters_is_400(client, analyst):
    client.force_login(analyst)
    assert client.get(reverse("robbery-map-points"), {"sort": "x"}).status_code == 400


def test_map_areas_are_the_neighbourhoods_of_the_scope(client, place, analyst):
    NeighbourhoodFactory()  # elsewhere
    client.force_login(analyst)
    data = client.get(reverse("robbery-map-areas")).json()
    assert [f["properties"]["code"] for f in data["features"]] == [place.code]
    assert data["features"][0]["geometry"]["type"] == "Polygon"


def test_map_query_counts(client, place, analyst, django_assert_num_queries):
    RobberyFactory.create_batch(10, municipality=place.municipality)
    NeighbourhoodFactory.create_batch(3, district=place.district)
    client.force_login(analyst)
    # session, user, membership; area choices (3, they validate the area filter); the points
    with django_assert_num_queries(7):
        client.get(reverse("robbery-map-points"))
    with django_assert_num_queries(4):
        client.get(reverse("robbery-map-areas"))
