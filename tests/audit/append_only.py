"""Tests only: take the append-only triggers away for a moment, to tamper with the log.

The application has no way to switch the triggers off (see the docstring of migration
``audit/0002_append_only``). Tests that must change or remove entries, to prove that the
hash chain catches it or to clean up after a transactional test, drop the triggers with the
migration's own SQL and put them back afterwards.
"""

import importlib
from contextlib import contextmanager

from django.db import connection

_migration = importlib.import_module("overvalregie.audit.migrations.0002_append_only")


def _run(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@contextmanager
def append_only_suspended():
    """Within the block the database lets UPDATE and DELETE through on the audit log."""
    _run(_migration.REMOVE_SQL.get(connection.vendor, []))
    try:
        yield
    finally:
        _run(_migration.INSTALL_SQL.get(connection.vendor, []))


def tamper(sql: str, params=()) -> None:
    """Run one statement against the audit table with the triggers suspended."""
    with append_only_suspended(), connection.cursor() as cursor:
        cursor.execute(sql, params)
