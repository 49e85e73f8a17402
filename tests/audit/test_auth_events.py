"""Logins, logouts and failed logins are recorded; a failed login keeps no username."""

import pytest
from django.urls import reverse

from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.audit.services import verify_chain
from overvalregie.organisations.roles import Role
from tests.audit.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"  # the password UserFactory sets


def test_login_is_recorded(client):
    user = member(Role.COORDINATOR, OrganisationFactory(name="Gemeente Utrecht"))
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302

    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.LOGIN
    assert (entry.actor, entry.actor_id) == (user.username, str(user.pk))
    assert (entry.organisation, entry.role) == ("Gemeente Utrecht", Role.COORDINATOR)
    assert (entry.object_type, entry.object_id) == ("organisations.user", str(user.pk))
    assert entry.purpose == "authentication"


def test_logout_is_recorded(client):
    user = member(Role.ANALYST)
    client.force_login(user)
    client.post(reverse("logout"))

    actions = list(AuditEntry.objects.order_by("sequence").values_list("action", "actor"))
    assert actions == [(AuditAction.LOGIN, user.username), (AuditAction.LOGOUT, user.username)]


def test_logout_without_login_records_nothing(client):
    client.post(reverse("logout"))
    assert not AuditEntry.objects.exists()


def test_failed_login_is_recorded_without_the_username(client):
    user = member(Role.ANALYST, username="j.jansen")
    response = client.post(reverse("login"), {"username": "j.jansen", "password": "wrong guess"})
    assert response.status_code == 200

    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.LOGIN_FAILED
    assert (entry.actor, entry.actor_id, entry.object_id) == ("anonymous", "", "")
    assert entry.detail == {}
    stored = entry.canonical().decode()
    assert "j.jansen" not in stored
    assert "wrong guess" not in stored
    assert str(user.pk) not in stored


def test_unknown_username_is_recorded_the_same_way(client):
    client.post(reverse("login"), {"username": "nobody", "password": "whatever it is"})
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.LOGIN_FAILED
    assert "nobody" not in entry.canonical().decode()
    assert verify_chain().ok
