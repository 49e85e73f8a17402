"""The audit log: append-only, hash-chained entries of every change and every personal-data read.

Entries never hold personal data themselves: they name the object by type and opaque id, and
the fields that changed, never their values.
"""

import datetime
import hashlib
import json
import math

from django.db import models
from django.utils.translation import gettext_lazy as _

from overvalregie.audit.querysets import AuditEntryQuerySet
from overvalregie.organisations.roles import Role

GENESIS_HASH = "0" * 64

#: ``actor`` of an entry written by the system itself (a command, a task), not by a person.
SYSTEM_ACTOR = "system"
#: ``actor`` of an entry caused by someone not logged in (a failed login).
ANONYMOUS_ACTOR = "anonymous"


def _canonical_json(value):
    """``value`` as it reads back from either database's JSON column.

    PostgreSQL's ``jsonb`` stores numbers as ``numeric`` and writes a float with an integral
    value without exponent or fraction (``1e+20`` comes back as ``100000000000000000000``), so
    such floats are hashed as integers. Everything else in JSON round-trips unchanged.
    """
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical_json(item) for item in value]
    return value


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    READ = "read", _("Read")
    REFUSED = "refused", _("Refused")
    LOGIN = "login", _("Logged in")
    LOGOUT = "logout", _("Logged out")
    LOGIN_FAILED = "login_failed", _("Login failed")
    IMPORT = "import", _("Imported")
    EXPORT = "export", _("Exported")


class AuditEntry(models.Model):
    """One event. ``entry_hash`` covers every field and the previous entry's hash."""

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    timestamp = models.DateTimeField(_("time"), db_index=True, editable=False)
    actor_id = models.CharField(_("user id"), max_length=64, blank=True, db_index=True)
    actor = models.CharField(_("user"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=32, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    entry_hash = models.CharField(max_length=64, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type} {self.object_id}"

    @property
    def role_label(self) -> str:
        """The role as people read it; a role that no longer exists as recorded."""
        return Role(self.role).label if self.role in Role.values else self.role

    def canonical(self) -> bytes:
        """The bytes the hash covers: every field in a fixed order, as JSON.

        The same entry gives the same bytes whether it was just built or read back from SQLite
        or PostgreSQL: the time is written in UTC to the microsecond (what both databases keep,
        whatever time zone the connection hands it back in) and the detail JSON is normalised
        as :func:`_canonical_json` describes.
        """
        payload = {
            "sequence": self.sequence,
            "timestamp": self.timestamp.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor": self.actor,
            "organisation": self.organisation,
            "role": self.role,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "purpose": self.purpose,
            "detail": _canonical_json(self.detail),
            "prev_hash": self.prev_hash,
        }
        return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()
