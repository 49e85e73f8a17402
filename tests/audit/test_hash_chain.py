"""Entries written by record() form a hash chain that verifies, on both databases."""

import datetime
import zoneinfo

import pytest

from overvalregie.audit.models import GENESIS_HASH, AuditAction, AuditEntry
from overvalregie.audit.services import record, verify_chain
from overvalregie.organisations.roles import Role
from tests.audit.factories import AuditEntryFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db


def test_empty_log_verifies():
    result = verify_chain()
    assert result.ok
    assert result.checked == 0


def test_each_entry_links_to_the_one_before():
    first, second, third = (AuditEntryFactory() for _ in range(3))
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.entry_hash
    assert third.prev_hash == second.entry_hash


def test_chain_read_back_from_the_database_verifies():
    user = member(Role.CASEWORKER, OrganisationFactory(name="Reclassering Utrecht"))
    record(user, AuditAction.UPDATE, user, purpose="case work", detail={"fields": ["phone"]})
    record(None, AuditAction.IMPORT, object_type="incidents.robbery", detail={"rows": 12})
    AuditEntryFactory.create_batch(5)

    result = verify_chain(chunk_size=2)  # several chunks
    assert result.ok, result.reason
    assert result.checked == 7
    assert result.last_hash == AuditEntry.objects.get(sequence=7).entry_hash


def test_stored_entry_hashes_to_what_record_computed():
    """Time zone, precision and JSON survive the round trip through the database."""
    entry = record(
        None,
        AuditAction.EXPORT,
        object_type="reports.report",
        object_id="r-1",
        detail={
            "integral_float": 1e20,
            "one": 1.0,
            "small": 1.5e-7,
            "tuple": (1, 2),
            "nested": {"b": [0.1, None, True], "a": "é"},
        },
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.canonical() == entry.canonical()
    assert stored.compute_hash() == stored.entry_hash


def test_hash_does_not_depend_on_the_time_zone_of_the_timestamp():
    entry = AuditEntryFactory()
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    entry.timestamp = entry.timestamp.astimezone(amsterdam)
    assert entry.compute_hash() == entry.entry_hash
    entry.timestamp += datetime.timedelta(microseconds=1)
    assert entry.compute_hash() != entry.entry_hash


def test_entry_names_actor_organisation_and_role():
    user = member(Role.ANALYST, OrganisationFactory(name="Politie Midden-Nederland"))
    entry = record(user, AuditAction.READ, object_type="incidents.robbery", object_id="7",
                   purpose="analysis")  # fmt: skip
    assert entry.actor == user.username
    assert entry.actor_id == str(user.pk)
    assert entry.organisation == "Politie Midden-Nederland"
    assert entry.role == Role.ANALYST
    assert entry.purpose == "analysis"


def test_entry_without_a_user_is_a_system_action():
    entry = record(None, AuditAction.IMPORT, object_type="incidents.robbery")
    assert entry.actor == "system"
    assert entry.actor_id == ""
    assert entry.organisation == entry.role == ""


def test_over_long_values_are_cut_to_the_column_and_still_verify():
    entry = record(None, AuditAction.READ, object_type="x", purpose="p" * 400)
    assert len(entry.purpose) == 300
    assert AuditEntry.objects.get(pk=entry.pk).purpose == entry.purpose
    assert verify_chain().ok
