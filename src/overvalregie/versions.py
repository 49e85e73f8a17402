"""Optimistic locking: an edit carries the version it was loaded with.

A model with a ``version`` field is saved through :func:`claim_version` inside the caller's
transaction: the row's version goes up by one only if it still is the version the form was
loaded with; otherwise someone else saved in between and the save is refused with
:class:`Conflict` instead of overwriting their work.
"""

from __future__ import annotations

from django.db.models import F


class Conflict(Exception):
    """Someone else saved this since the form was loaded."""


def claim_version(instance, version: int | None) -> None:
    """Move ``instance`` (already in the database) to the next version, or raise Conflict."""
    updated = (
        type(instance)
        .objects.filter(pk=instance.pk, version=version)
        .update(version=F("version") + 1)
    )
    if not updated:
        raise Conflict
    instance.version = version + 1
