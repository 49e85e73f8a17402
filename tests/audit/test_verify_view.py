"""The "Verify chain" button checks the whole chain and says where it breaks."""

import pytest
from django.urls import reverse

from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.organisations.roles import Role
from tests.audit.append_only import tamper
from tests.audit.factories import AuditEntryFactory, member

pytestmark = pytest.mark.django_db

URL = reverse("audit-verify")


@pytest.fixture
def officer(client):
    user = member(Role.PRIVACY)
    client.force_login(user)
    return user


def test_search_page_has_the_button(client, officer):
    html = client.get(reverse("audit-search")).content.decode()
    assert f'action="{URL}"' in html


def test_intact_chain(client, officer):
    AuditEntryFactory.create_batch(3)
    response = client.post(URL)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.ok
    assert result.checked == 4  # and the officer's login
    last = AuditEntry.objects.order_by("-sequence").first()
    assert (last.action, last.object_type) == (AuditAction.READ, "audit.log")
    assert last.detail == {"verify": "ok", "checked": 4}


def test_broken_chain_names_the_entry(client, officer):
    AuditEntryFactory.create_batch(5)
    tamper("DELETE FROM audit_auditentry WHERE sequence = 3")
    response = client.post(URL)
    result = response.context["result"]
    assert (result.ok, result.first_bad_sequence) == (False, 3)
    assert 'role="alert"' in response.content.decode()


def test_get_is_not_allowed(client, officer):
    assert client.get(URL).status_code == 405


def test_other_roles_get_404(client):
    client.force_login(member(Role.COORDINATOR))
    assert client.post(URL).status_code == 404
    assert client.get(URL).status_code == 404
