"""Writing and checking audit entries.

Every service that changes domain data calls :func:`record`; every read of personal data calls
:func:`record_read`; a refused attempt calls :func:`record_refused`. :func:`verify_chain`
checks the whole log.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from overvalregie.audit.models import (
    ANONYMOUS_ACTOR,
    GENESIS_HASH,
    SYSTEM_ACTOR,
    AuditAction,
    AuditEntry,
)

# Any constant: the advisory lock that serialises appends to the chain on PostgreSQL.
_CHAIN_LOCK = 0x0A0D17


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
    # SQLite: writes already run one at a time (BEGIN IMMEDIATE).


def _fit(field: str, value: str) -> str:
    """``value`` cut to the column's length, so what is hashed is what is stored."""
    return value[: AuditEntry._meta.get_field(field).max_length]


def record(
    user,
    action: AuditAction | str,
    obj=None,
    *,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    detail: dict | None = None,
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction.

    ``user`` is who acted: ``None`` for the system itself (a command, a background task; the
    actor is then ``"system"``), an anonymous user for someone not logged in. ``obj`` names the
    object (model label and primary key); pass ``object_type`` and ``object_id`` instead for
    things that are not model instances. ``detail`` must not hold personal data: name changed
    fields, counts, codes, never values about people.
    """
    from overvalregie.organisations.policy import active_membership

    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    if user is None:
        actor_id, actor = "", SYSTEM_ACTOR
    elif getattr(user, "is_authenticated", False):
        actor_id, actor = str(user.pk), user.get_username()
    else:
        actor_id, actor = "", ANONYMOUS_ACTOR
    membership = active_membership(user) if user is not None else None
    # Hash the detail exactly as the JSON column will give it back (lists, string keys).
    detail = json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder))
    # No savepoint: if the entry cannot be written, the caller's whole transaction fails, so
    # no change goes unrecorded (and an append costs two round trips less).
    with transaction.atomic(savepoint=False):
        _lock_chain()
        last = AuditEntry.objects.order_by("-sequence").only("sequence", "entry_hash").first()
        entry = AuditEntry(
            sequence=(last.sequence + 1) if last else 1,
            timestamp=timezone.now(),
            actor_id=actor_id,
            actor=_fit("actor", actor),
            organisation=_fit("organisation", membership.organisation.name) if membership else "",
            role=membership.role if membership else "",
            action=str(action),
            object_type=_fit("object_type", object_type),
            object_id=_fit("object_id", str(object_id)),
            purpose=_fit("purpose", str(purpose)),
            detail=detail,
            prev_hash=last.entry_hash if last else GENESIS_HASH,
        )
        entry.entry_hash = entry.compute_hash()
        entry.save(force_insert=True)
    return entry


def record_read(
    user,
    obj=None,
    *,
    purpose: str,
    object_type: str = "",
    object_id: str = "",
    detail: dict | None = None,
) -> AuditEntry:
    """Record that ``user`` read personal data (``obj``) for ``purpose``.

    Call it where personal data is shown, exported or handed out through the API, after the
    permission check passed. A read without a purpose is a programming error.
    """
    if not purpose:
        raise ValueError("a read of personal data needs a purpose")
    return record(
        user,
        AuditAction.READ,
        obj,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        detail=detail,
    )


def record_refused(
    user,
    attempted: str,
    obj=None,
    *,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    detail: dict | None = None,
) -> AuditEntry:
    """Record that ``user`` tried ``attempted`` (a policy action or a verb) and was refused.

    The privacy officer's misuse alerts read these entries.
    """
    return record(
        user,
        AuditAction.REFUSED,
        obj,
        object_type=object_type,
        object_id=object_id,
        purpose=purpose,
        detail={**(detail or {}), "attempted": str(attempted)},
    )


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of :func:`verify_chain`.

    ``checked`` counts the entries read. When the chain is broken, ``first_bad_sequence`` is
    the first sequence number that is wrong (for a gap: the first missing one), ``reason``
    says what is wrong, and ``found_at`` and ``timestamp`` are the sequence and time of the
    entry at which the break was found (after a gap: the entry after it).
    """

    ok: bool
    checked: int
    first_bad_sequence: int | None = None
    problem: str = ""  # "missing", "prev_hash" or "entry_hash": what the screen explains
    reason: str = ""
    found_at: int | None = None
    timestamp: datetime.datetime | None = None
    last_hash: str = GENESIS_HASH


def verify_chain(chunk_size: int = 2000) -> VerifyResult:
    """Check the whole chain, oldest first, and stop at the first bad entry.

    For every entry: the sequence follows the previous one without a gap (the first is 1), the
    entry names the previous entry's hash, and its own hash recomputes from its fields. The
    entries are streamed (a server-side cursor on PostgreSQL), so memory stays flat for
    millions of entries.

    What a chain cannot show: entries cut off at the end. Keep ``last_hash`` of a verified log
    somewhere else (a report, a ticket) to be able to tell later.
    """
    checked = 0
    expected_sequence = 1
    prev_hash = GENESIS_HASH
    entries = AuditEntry.objects.order_by("sequence").iterator(chunk_size=chunk_size)
    for entry in entries:
        bad = None
        if entry.sequence != expected_sequence:  # sequences are unique: this is a gap
            if checked:
                where = f"the chain jumps from {expected_sequence - 1} to {entry.sequence}"
            else:
                where = f"the log starts at {entry.sequence}"
            bad = (expected_sequence, "missing", f"entry {expected_sequence} is missing: {where}")
        elif entry.prev_hash != prev_hash:
            bad = (
                entry.sequence,
                "prev_hash",
                "previous hash does not match the hash of the entry before it",
            )
        elif entry.compute_hash() != entry.entry_hash:
            bad = (entry.sequence, "entry_hash", "entry hash does not match its contents")
        if bad is not None:
            return VerifyResult(
                ok=False,
                checked=checked + 1,
                first_bad_sequence=bad[0],
                problem=bad[1],
                reason=bad[2],
                found_at=entry.sequence,
                timestamp=entry.timestamp,
                last_hash=prev_hash,
            )
        checked += 1
        expected_sequence = entry.sequence + 1
        prev_hash = entry.entry_hash
    return VerifyResult(ok=True, checked=checked, last_hash=prev_hash)
