"""Fixtures for the audit tests."""

import pytest

from overvalregie.audit.models import AuditEntry
from tests.audit.append_only import append_only_suspended


@pytest.fixture
def emptied_audit_log(transactional_db):
    """A transactional database whose audit log is emptied after the test.

    After a transactional test the test database is flushed, and the database refuses to
    delete audit entries. This fixture's teardown runs before the flush and removes the
    entries the test wrote, with the append-only triggers suspended.
    """
    yield
    with append_only_suspended():
        AuditEntry.objects.all().delete()
