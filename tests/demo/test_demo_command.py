"""``overvalregie demo``: migrate, load once, print the logins, then serve."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from overvalregie.demo.management.commands import demo as demo_command
from overvalregie.demo.models import DemoDataset
from overvalregie.demo.users import DEMO_USERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(monkeypatch):
    """Record the call to ``serve`` instead of starting gunicorn."""
    calls = []
    real = demo_command.call_command

    def call(name, *args, **kwargs):
        if name == "serve":
            calls.append(kwargs)
            return None
        return real(name, *args, **kwargs)

    monkeypatch.setattr(demo_command, "call_command", call)
    return calls


def test_refuses_outside_demo_mode(settings, served):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demo mode"):
        call_command("demo")
    assert served == []
    assert not DemoDataset.objects.exists()


def test_loads_once_and_prints_url_and_logins(settings, cached_generate, served):
    settings.DEMO_MODE = True
    out = StringIO()
    call_command("demo", "--no-serve", "--host", "0.0.0.0", "--port", "8123", stdout=out)  # noqa: S104
    text = out.getvalue()
    assert "Demo loaded" in text
    assert "http://127.0.0.1:8123/" in text
    for user in DEMO_USERS:
        line = next(line for line in text.splitlines() if line.startswith(user.username + " "))
        assert "demo" in line and user.organisation in line
    assert served == []

    again = StringIO()
    call_command("demo", "--no-serve", stdout=again)
    assert "already loaded" in again.getvalue()
    assert DemoDataset.objects.count() == 1


def test_serves_after_loading(settings, cached_generate, served):
    settings.DEMO_MODE = True
    call_command("demo", host="127.0.0.2", port=8124, stdout=StringIO())
    assert served == [{"host": "127.0.0.2", "port": 8124, "with_worker": True}]
