"""One audit entry in full, hashes and detail included, for the privacy officer only."""

import pytest
from django.urls import reverse

from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.audit.services import record
from overvalregie.organisations.roles import Role
from tests.audit.append_only import tamper
from tests.audit.factories import AuditEntryFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = member(Role.PRIVACY)
    client.force_login(user)
    return user


def test_entry_shows_every_field(client, officer):
    entry = record(
        None,
        AuditAction.UPDATE,
        object_type="lines.offendercase",
        object_id="c-42",
        purpose="case work",
        detail={"fields": ["housing", "school"]},
    )
    response = client.get(reverse("audit-entry", args=[entry.sequence]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["lines.offendercase", "c-42", "case work", "system", entry.prev_hash,
                 entry.entry_hash, "&quot;housing&quot;"]:  # fmt: skip
        assert text in html
    assert response.context["hash_matches"]


def test_entry_changed_in_the_database_is_flagged(client, officer):
    entry = AuditEntryFactory()
    tamper("UPDATE audit_auditentry SET purpose = 'other' WHERE sequence = %s", [entry.sequence])
    response = client.get(reverse("audit-entry", args=[entry.sequence]))
    assert not response.context["hash_matches"]
    assert 'role="alert"' in response.content.decode()


def test_looking_at_an_entry_is_recorded(client, officer):
    entry = AuditEntryFactory()
    client.get(reverse("audit-entry", args=[entry.sequence]))
    last = AuditEntry.objects.order_by("-sequence").first()
    assert (last.action, last.object_type, last.object_id, last.purpose) == (
        AuditAction.READ,
        "audit.log",
        str(entry.sequence),
        "privacy review",
    )


def test_unknown_entry_is_404(client, officer):
    assert client.get(reverse("audit-entry", args=[99999])).status_code == 404


def test_other_roles_get_404(client):
    entry = AuditEntryFactory()
    client.force_login(member(Role.SYSADMIN))
    assert client.get(reverse("audit-entry", args=[entry.sequence])).status_code == 404
