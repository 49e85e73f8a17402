"""Geography in the management pages: for system administrators, lists without N+1."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from overvalregie.organisations.roles import Role
from tests.geography.factories import MunicipalityFactory, NeighbourhoodFactory
from tests.organisations.factories import member

pytestmark = pytest.mark.django_db

CHANGELISTS = ["policeunit", "municipality", "district", "neighbourhood", "focusarea"]


@pytest.fixture
def sysadmin_client(client):
    client.force_login(member(Role.SYSADMIN))
    return client


@pytest.mark.parametrize("model", CHANGELISTS)
def test_sysadmin_opens_every_list(sysadmin_client, model):
    NeighbourhoodFactory()
    response = sysadmin_client.get(reverse(f"admin:geography_{model}_changelist"))
    assert response.status_code == 200
    assert b'"coordinates"' not in response.content


def test_the_list_shows_code_name_year_and_population(sysadmin_client):
    MunicipalityFactory(code="GM0363", name="Amsterdam", population=931_298)
    response = sysadmin_client.get(reverse("admin:geography_municipality_changelist"))
    assert b"GM0363" in response.content and b"Amsterdam" in response.content


def test_the_change_form_summarises_the_geometry(sysadmin_client):
    municipality = MunicipalityFactory()
    url = reverse("admin:geography_municipality_change", args=[municipality.pk])
    sysadmin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = sysadmin_client.get(url)
    assert response.status_code == 200
    assert b'name="geometry"' not in response.content
    assert b"Polygon with 5 points" in response.content


def test_neighbourhood_list_queries_do_not_grow_with_rows(sysadmin_client):
    url = reverse("admin:geography_neighbourhood_changelist")
    NeighbourhoodFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        sysadmin_client.get(url)
    NeighbourhoodFactory.create_batch(8)
    with CaptureQueriesContext(connection) as many:
        sysadmin_client.get(url)
    assert len(many) == len(few)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ANALYST, Role.PARTNER])
def test_others_get_not_found(client, role):
    client.force_login(member(role))
    response = client.get(reverse("admin:geography_municipality_changelist"))
    assert response.status_code == 404
