"""Demo users log in only when the site runs in demo mode."""

import pytest
from django.test import override_settings

from overvalregie.organisations.roles import Role
from tests.organisations.factories import member

pytestmark = pytest.mark.django_db


def _login(client, username):
    return client.post("/inloggen/", {"username": username, "password": "correct horse battery"})


@override_settings(DEMO_MODE=False)
def test_demo_user_is_refused_outside_demo_mode(client):
    member(Role.COORDINATOR, username="demo-coordinator", is_demo=True)
    response = _login(client, "demo-coordinator")
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session


@override_settings(DEMO_MODE=True)
def test_demo_user_logs_in_in_demo_mode(client):
    member(Role.COORDINATOR, username="demo-coordinator", is_demo=True)
    response = _login(client, "demo-coordinator")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@override_settings(DEMO_MODE=False)
def test_real_user_logs_in_outside_demo_mode(client):
    member(Role.COORDINATOR, username="real-coordinator")
    assert _login(client, "real-coordinator").status_code == 302


def test_demo_session_ends_when_demo_mode_is_switched_off(client):
    user = member(Role.COORDINATOR, username="demo-coordinator", is_demo=True)
    client.force_login(user)
    with override_settings(DEMO_MODE=False):
        response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
