"""Browser tests: a real server on the demo data, driven by a real Chromium.

One server and one browser per test session; one browser context (fresh cookies) per test.
The server runs as the ``overvalregie`` command would in production (gunicorn, two workers,
a background task worker, collected static files, DEBUG off) against a fresh database: SQLite
in a temporary DATA_DIR, or, when the suite runs on PostgreSQL, a fresh PostgreSQL database
named after the suite's.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from overvalregie.demo.users import DEMO_PASSWORD, DEMO_USERS

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BIN = Path(sys.executable).parent
HERE = Path(__file__).parent

#: The demo users as the demo command creates them: username -> role value.
DEMO_ROLES = {user.username: user.role.value for user in DEMO_USERS}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the server stopped (exit {process.returncode}):\n{log.read_text()}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url} within {timeout} s:\n{log.read_text()}")


def _fresh_database_url() -> dict[str, str]:
    """On a PostgreSQL run, a fresh database beside the suite's own; else SQLite in DATA_DIR."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return {}
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = f"{config['NAME']}_e2e"
    admin = psycopg.connect(
        dbname=config["NAME"],
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return {"DATABASE_URL": url.rsplit("/", 1)[0] + f"/{name}"}


@pytest.fixture(scope="session")
def server_env(tmp_path_factory) -> dict[str, str]:
    """The environment of the served demo: run ``overvalregie`` commands against its database."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG"}
    }
    env.update(
        **_fresh_database_url(),
        DATA_DIR=str(data_dir),
        DEMO_MODE="true",
        DJANGO_SETTINGS_MODULE="overvalregie.settings",
        LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture(scope="session")
def server_url(server_env) -> str:
    """Load the demo into a fresh database and serve it; the base URL, without a slash."""
    env = server_env
    log = Path(env["DATA_DIR"]) / "server.log"
    load = [str(BIN / "overvalregie"), "demo", "--no-serve"]
    done = subprocess.run(load, env=env, capture_output=True, text=True, timeout=300)  # noqa: S603
    assert done.returncode == 0, f"{' '.join(load)} failed:\n{done.stdout}\n{done.stderr}"

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log, "w") as out:
        process = subprocess.Popen(  # noqa: S603
            [str(BIN / "overvalregie"), "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", "2", "--with-worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn and its workers
        )  # fmt: skip
    try:
        _wait_for(f"{url}/health/", process, log)
        yield url
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server_url):
    """A fresh browser context (no cookies) with a Dutch browser, as the users have."""
    context = browser.new_context(base_url=server_url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def _log_in(page, username: str, password: str):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    return page


@pytest.fixture(scope="session")
def sessions() -> dict:
    """Logged-in browser state per username, so a test that is not about logging in skips it."""
    return {}


@pytest.fixture
def login(page, sessions):
    """``login(username)``: log in through the form, like a person does; returns the page."""

    def log_in(username: str, password: str = DEMO_PASSWORD):
        _log_in(page, username, password)
        if password == DEMO_PASSWORD and "/inloggen/" not in page.url:
            sessions[username] = page.context.storage_state()
        return page

    return log_in


@pytest.fixture
def page_as(browser, server_url, sessions):
    """``page_as(username)``: a page in a fresh context of a logged-in user, on the dashboard."""
    contexts = []

    def open_as(username: str):
        state = sessions.get(username)
        context = browser.new_context(base_url=server_url, locale="nl-NL", storage_state=state)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if state is None:
            _log_in(page, username, DEMO_PASSWORD)
            sessions[username] = context.storage_state()
        else:
            page.goto("/")
        return page

    yield open_as
    for context in contexts:
        context.close()
