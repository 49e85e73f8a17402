"""The database itself refuses to change or remove audit entries, whatever sends the SQL."""

import pytest
from django.db import IntegrityError, connection, transaction

from overvalregie.audit.models import AuditEntry
from overvalregie.audit.services import verify_chain
from tests.audit.factories import AuditEntryFactory

pytestmark = pytest.mark.django_db

REFUSED = "audit log is append-only"


def refused():
    """Expect the refusal; the savepoint keeps the test's transaction usable on PostgreSQL."""
    return pytest.raises(IntegrityError, match=REFUSED)


def test_saving_a_changed_entry_is_refused():
    entry = AuditEntryFactory()
    entry.purpose = "something else"
    with refused(), transaction.atomic():
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).purpose == "case work"


def test_queryset_update_is_refused():
    AuditEntryFactory.create_batch(2)
    with refused(), transaction.atomic():
        AuditEntry.objects.update(purpose="")


def test_deleting_an_entry_is_refused():
    entry = AuditEntryFactory()
    with refused(), transaction.atomic():
        entry.delete()
    with refused(), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.count() == 1


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET entry_hash = prev_hash",
        "DELETE FROM audit_auditentry WHERE sequence = 1",
        "DELETE FROM audit_auditentry",
    ],
)
def test_raw_sql_is_refused(sql):
    AuditEntryFactory.create_batch(2)
    with refused(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert verify_chain().checked == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE exists on PostgreSQL")
def test_truncate_is_refused_while_the_log_has_entries():
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry")  # empty: nothing to protect (flush)
    AuditEntryFactory()
    with refused(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.count() == 1


def test_appending_still_works_after_a_refusal():
    AuditEntryFactory()
    with refused(), transaction.atomic():
        AuditEntry.objects.update(purpose="")
    AuditEntryFactory()
    assert verify_chain().checked == 2
