"""record_read() and record_refused(): the calls other apps make for reads and refusals."""

import pytest

from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record_read, record_refused
from overvalregie.organisations.roles import Role
from tests.audit.factories import member

pytestmark = pytest.mark.django_db


def test_read_of_personal_data_is_recorded_with_its_purpose():
    user = member(Role.CASEWORKER)
    entry = record_read(user, user, purpose="case review")
    assert entry.action == AuditAction.READ
    assert (entry.object_type, entry.object_id) == ("organisations.user", str(user.pk))
    assert entry.purpose == "case review"
    assert entry.role == Role.CASEWORKER


def test_read_without_purpose_is_a_programming_error():
    user = member(Role.CASEWORKER)
    with pytest.raises(ValueError, match="purpose"):
        record_read(user, user, purpose="")


def test_refusal_names_what_was_attempted():
    user = member(Role.PARTNER)
    entry = record_refused(user, "view_case", object_type="lines.offendercase", object_id="c-1")
    assert entry.action == AuditAction.REFUSED
    assert entry.detail == {"attempted": "view_case"}
    assert (entry.actor, entry.role) == (user.username, Role.PARTNER)
