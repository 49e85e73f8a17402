"""Error pages speak Dutch, say what to do next, and the 500 page needs nothing to render."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.views import defaults

from overvalregie.organisations.roles import Role

pytestmark = pytest.mark.django_db


def test_partner_gets_the_404_page_for_management_and_another_organisation(client, person, region):
    client.force_login(person(Role.PARTNER))
    for url in ["/beheer/", reverse("organisation-detail", args=[region["gemeente"].pk])]:
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Pagina niet gevonden" in html
        assert "Naar uw dashboard" in html
        assert 'class="utrecht-nav-bar' in html  # the page keeps the site's navigation


def test_403_page(person, rf: RequestFactory):
    from django.core.exceptions import PermissionDenied

    request = rf.get("/")
    request.user = person(Role.CASEWORKER)
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_500_page_renders_without_request_context_or_database(django_assert_num_queries, rf):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
        response = defaults.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in html
    assert '<html lang="nl">' in html
    assert "{%" not in html and "static/" not in html


def test_expired_form_gets_a_dutch_explanation():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Het formulier is verlopen" in response.content.decode()
