"""The server's access log holds no client addresses and no query strings."""

import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def test_access_log_leaves_out_addresses_and_search_terms(page_as, server_env):
    page = page_as("privacy")
    page.goto("/audit/?actor=Jansen-zoekterm")
    log = Path(server_env["DATA_DIR"]) / "server.log"
    deadline = time.monotonic() + 5
    while '"GET /audit/"' not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    text = log.read_text()
    assert '"GET /audit/" 200' in text
    assert "Jansen-zoekterm" not in text
    assert "127.0.0.1 -" not in text
