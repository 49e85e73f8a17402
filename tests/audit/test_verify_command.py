"""``overvalregie audit verify`` says the chain is intact, or names the first bad entry."""

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from overvalregie.audit.models import AuditEntry
from overvalregie.audit.services import verify_chain
from overvalregie.cli import main
from tests.audit.append_only import tamper
from tests.audit.factories import AuditEntryFactory


@pytest.fixture
def cli(monkeypatch):
    """``overvalregie ...`` in this process, on the test database.

    Django closes every connection after a command run from the command line, which would
    end the test's transaction on PostgreSQL; here it keeps them.
    """
    monkeypatch.setattr(connections, "close_all", lambda: None)
    return main


@pytest.mark.django_db
def test_intact_chain_exits_0(cli, capsys):
    AuditEntryFactory.create_batch(4)
    assert cli(["audit", "verify"]) == 0
    assert "Audit chain OK: 4 entries" in capsys.readouterr().out


@pytest.mark.django_db
def test_entry_altered_in_the_database_is_named(cli, capsys):
    AuditEntryFactory.create_batch(6)
    tamper("UPDATE audit_auditentry SET purpose = %s WHERE sequence = %s", ["curiosity", 4])

    assert cli(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "BROKEN at entry 4\n" in out
    assert "entry hash does not match its contents" in out
    result = verify_chain()
    assert (result.ok, result.first_bad_sequence, result.problem) == (False, 4, "entry_hash")
    assert result.timestamp == AuditEntry.objects.get(sequence=4).timestamp


@pytest.mark.django_db
def test_altered_entry_with_a_recomputed_hash_breaks_the_next_link():
    AuditEntryFactory.create_batch(5)
    entry = AuditEntry.objects.get(sequence=2)
    entry.purpose = "rewritten"
    tamper(
        "UPDATE audit_auditentry SET purpose = %s, entry_hash = %s WHERE sequence = 2",
        ["rewritten", entry.compute_hash()],
    )

    result = verify_chain()
    assert (result.first_bad_sequence, result.problem) == (3, "prev_hash")


@pytest.mark.django_db
def test_deleted_entry_is_named_as_a_gap(capsys):
    AuditEntryFactory.create_batch(6)
    tamper("DELETE FROM audit_auditentry WHERE sequence = %s", [3])

    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify")
    assert raised.value.returncode == 1
    out = capsys.readouterr().out
    assert "BROKEN at entry 3\n" in out
    assert "entry 3 is missing: the chain jumps from 2 to 4" in out
    result = verify_chain()
    assert (result.first_bad_sequence, result.found_at, result.problem) == (3, 4, "missing")


@pytest.mark.django_db
def test_deleted_first_entry_is_named():
    AuditEntryFactory.create_batch(3)
    tamper("DELETE FROM audit_auditentry WHERE sequence = 1")

    result = verify_chain()
    assert (result.ok, result.first_bad_sequence) == (False, 1)
    assert result.reason == "entry 1 is missing: the log starts at 2"


@pytest.mark.parametrize("args", [["audit", "--help"], ["audit", "verify", "--help"]])
def test_help(args, tmp_path):
    env = {**os.environ, "DATA_DIR": str(tmp_path), "DEMO_MODE": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "overvalregie", *args],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
    assert "verify" in result.stdout
