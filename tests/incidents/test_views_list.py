"""The register list: filters, sorting, paging, scope, constant query count, bad input."""

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
    """The English source strings (the Dutch translations come later)."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def town():
    town = MunicipalityFactory(name="Groterdam")
    district = DistrictFactory(municipality=town, name="Centrum")
    return {
        "town": town,
        "district": district,
        "north": NeighbourhoodFactory(district=district, name="Noord"),
        "south": NeighbourhoodFactory(district=district, name="Zuid"),
    }


@pytest.fixture
def analyst(town):
    return member(Role.ANALYST, OrganisationFactory(municipality=town["town"]))


def _rows(response) -> list:
    return list(response.context["page"].object_list)


def _robbery(town, where="north", **kwargs):
    return RobberyFactory(
        municipality=town["town"],
        district=town["district"],
        neighbourhood=town[where],
        **kwargs,
    )


def test_lists_only_robberies_in_scope_and_not_street_robberies(client, town, analyst):
    own = _robbery(town)
    _robbery(town, kind="straatroof")
    RobberyFactory()  # another municipality
    client.force_login(analyst)
    response = client.get(URL)
    assert response.status_code == 200
    assert _rows(response) == [own]
    assert reverse("robbery-detail", args=[own.pk]) in response.content.decode()


def test_street_robberies_on_request(client, town, analyst):
    _robbery(town)
    street = _robbery(town, kind="straatroof")
    client.force_login(analyst)
    assert _rows(client.get(URL, {"kind": "straatroof"})) == [street]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2025-02-01"}, {"late"}),
        ({"date_to": "2025-01-31"}, {"early", "home"}),
        ({"target_type": "home"}, {"home"}),
        ({"outcome": "attempt"}, {"early"}),
        ({"outcome": "completed"}, {"late", "home"}),
        ({"suspect_arrested": "yes"}, {"late"}),
        ({"solved": "yes"}, {"home"}),
        ({"solved": "no"}, {"early", "late"}),
    ],
)
def test_filters(client, town, analyst, params, expected):
    made = {
        "early": _robbery(town, date=dt.date(2025, 1, 5), attempt=True),
        "late": _robbery(town, date=dt.date(2025, 3, 5), suspect_arrested=True),
        "home": _robbery(town, date=dt.date(2025, 1, 20), target_type="home", solved=True),
    }
    client.force_login(analyst)
    rows = set(_rows(client.get(URL, params)))
    assert rows == {made[name] for name in expected}


def test_area_filter_by_neighbourhood_district_and_municipality(client, town, analyst):
    north, south = _robbery(town, "north"), _robbery(town, "south")
    client.force_login(analyst)
    assert _rows(client.get(URL, {"area": f"n:{town['south'].pk}"})) == [south]
    assert set(_rows(client.get(URL, {"area": f"d:{town['district'].pk}"}))) == {north, south}
    assert set(_rows(client.get(URL, {"area": f"m:{town['town'].pk}"}))) == {north, south}


def test_area_outside_scope_is_a_form_error(client, town, analyst):
    elsewhere = NeighbourhoodFactory()
    RobberyFactory(municipality=elsewhere.municipality, neighbourhood=elsewhere)
    client.force_login(analyst)
    response = client.get(URL, {"area": f"n:{elsewhere.pk}"})
    assert response.status_code == 200
    assert response.context["form"].errors["area"]
    assert response.context["page"] is None


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "gisteren"},
        {"date_from": "2025-03-01", "date_to": "2025-01-01"},
        {"target_type": "castle"},
        {"area": "x:1"},
        {"area": "n:notanumber"},
        {"sort": "password"},
        {"sort": "-municipality__geometry"},
        {"kind": "all"},
        {"solved": "maybe"},
        {"page": "huge"},
    ],
)
def test_invalid_filters_are_form_errors_not_500(client, town, analyst, params):
    _robbery(town)
    client.force_login(analyst)
    response = client.get(URL, params)
    assert response.status_code == 200
    if "page" not in params:
        assert response.context["form"].errors
        assert 'role="alert"' in response.content.decode()


def test_sorting(client, town, analyst):
    a = _robbery(town, "south", date=dt.date(2025, 1, 1), target_type="shop")
    b = _robbery(town, "north", date=dt.date(2025, 2, 1), target_type="bank")
    c = _robbery(town, "north", date=dt.date(2025, 3, 1), target_type="home")
    client.force_login(analyst)
    assert _rows(client.get(URL)) == [c, b, a]
    assert _rows(client.get(URL, {"sort": "date"})) == [a, b, c]
    assert _rows(client.get(URL, {"sort": "target"})) == [b, c, a]
    assert _rows(client.get(URL, {"sort": "area"})) == [c, b, a]
    assert _rows(client.get(URL, {"sort": "-area"})) == [a, c, b]


def test_sort_header_links_keep_the_filters(client, town, analyst):
    _robbery(town)
    client.force_login(analyst)
    html = client.get(URL, {"target_type": "shop", "sort": "date"}).content.decode()
    assert 'aria-sort="ascending"' in html
    assert "?target_type=shop&amp;sort=-date" in html


def test_paging_50_per_page_with_a_count(client, town, analyst):
    RobberyFactory.create_batch(51, municipality=town["town"])
    client.force_login(analyst)
    first = client.get(URL)
    assert len(_rows(first)) == 50
    assert first.context["page"].paginator.count == 51
    assert "51 robberies found" in first.content.decode()
    assert len(_rows(client.get(URL, {"page": 2}))) == 1


def test_time_unknown_and_branch_shown(client, town, analyst):
    _robbery(town, time=None, shop_branch="jeweller")
    client.force_login(analyst)
    html = client.get(URL).content.decode()
    assert "unknown" in html
    assert "Jeweller" in html


def test_empty_states_say_what_to_do(client, town, analyst):
    client.force_login(analyst)
    assert "Import a file" in client.get(URL).content.decode()
    _robbery(town)
    assert "clear the filters" in client.get(URL, {"target_type": "bank"}).content.decode()


@pytest.mark.parametrize("role", [Role.SYSADMIN, Role.PRIVACY])
def test_roles_without_figures_get_404(client, town, role):
    client.force_login(member(role, OrganisationFactory(municipality=town["town"])))
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_query_count_does_not_grow(client, town, analyst, django_assert_num_queries):
    # session, user, membership, navigation; area choices (3); count; page
    expected = 4 + 3 + 2
    _robbery(town)
    client.force_login(analyst)
    with django_assert_num_queries(expected):
        assert client.get(URL).status_code == 200
    for i in range(30):
        _robbery(town, "south" if i % 2 else "north", shop_branch="supermarket")
        RobberyFactory(municipality=town["town"], neighbourhood=None, district=None)
    NeighbourhoodFactory.create_batch(5, district=town["district"])
    with django_assert_num_queries(expected):
        assert client.get(URL, {"sort": "area", "target_type": "shop"}).status_code == 200


def test_police_analyst_sees_the_unit(client):
    town = MunicipalityFactory()
    neighbour = MunicipalityFactory(police_unit=town.police_unit)
    RobberyFactory(municipality=town)
    RobberyFactory(municipality=neighbour)
    RobberyFactory()
    police = OrganisationFactory(
        kind=OrganisationKind.POLICE, municipality=None, police_unit=town.police_unit
    )
    client.force_login(member(Role.ANALYST, police))
    assert client.get(URL).context["page"].paginator.count == 2
