"""Appends keep one continuous chain: many in a row, and (on PostgreSQL) at the same time."""

import threading

import pytest
from django.db import connection

from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.audit.services import record, verify_chain


@pytest.mark.django_db
def test_many_appends_in_a_row_keep_a_continuous_chain():
    for n in range(500):
        record(None, AuditAction.IMPORT, object_type="incidents.robbery", object_id=str(n))

    assert list(AuditEntry.objects.order_by("sequence").values_list("sequence", flat=True)) == (
        list(range(1, 501))
    )
    result = verify_chain(chunk_size=64)
    assert result.ok, result.reason
    assert result.checked == 500


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers itself; its in-memory test database is one connection",
)
def test_concurrent_appends_keep_a_continuous_chain(emptied_audit_log):
    threads, per_thread = 8, 25
    errors = []

    def append(worker: int) -> None:
        try:
            for n in range(per_thread):
                record(None, AuditAction.IMPORT, object_type="worker", object_id=f"{worker}-{n}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=append, args=(w,)) for w in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    result = verify_chain()
    assert result.ok, result.reason
    assert result.checked == threads * per_thread
