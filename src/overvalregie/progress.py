"""How far a piece of background work is, shared between the task worker and the web processes.

The worker reports through the cache (``CACHE_URL``), not the database: a long task often
works inside one transaction, and its own rows stay invisible to others until it commits.
A page polls :func:`read`; when no report has come for :data:`WAITING_AFTER` it says that no
worker seems to have taken the work up.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

#: Seconds a report stays in the cache without a newer one.
TIMEOUT = 3600
#: Running work without any report for this long suggests that no worker is running.
WAITING_AFTER = dt.timedelta(minutes=1)
#: Work that long without any report is taken to have died with its worker.
STALE_AFTER = dt.timedelta(hours=6)


def _key(kind: str, key) -> str:
    return f"progress:{kind}:{key}"


def report(kind: str, key, state: str, fraction: float, **values) -> None:
    """The worker's report: ``fraction`` done (0..1) of the work in ``state``."""
    entry = {"state": state, "fraction": round(min(max(fraction, 0.0), 1.0), 4), **values}
    cache.set(_key(kind, key), entry, TIMEOUT)


def read(kind: str, key, *, state: str, running: bool, since: dt.datetime, **defaults) -> dict:
    """``{"state", "fraction", "waiting", ...}`` for a page: the latest report of ``state``,
    or, without one, ``defaults`` and a fraction of 0 (running) or 1 (ended)."""
    entry = cache.get(_key(kind, key)) if running else None
    if entry is None or entry.get("state") != state:
        waiting = running and timezone.now() - since > WAITING_AFTER
        return {"state": state, **defaults, "fraction": 0.0 if running else 1.0, "waiting": waiting}
    return {**defaults, **entry, "waiting": False}
