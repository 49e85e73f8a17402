"""After people have used the demo, its audit chain still verifies from the command line."""

import subprocess

import pytest

from tests.e2e.conftest import BIN

pytestmark = pytest.mark.e2e


def test_audit_verify_passes_on_the_used_demo(page_as, server_env):
    page_as("coordinator")  # logins and page views: entries appended by the running server
    page_as("privacy").goto("/audit/")
    result = subprocess.run(  # noqa: S603
        [str(BIN / "overvalregie"), "audit", "verify"],
        env=server_env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Audit chain OK" in result.stdout
