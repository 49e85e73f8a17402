"""The overvalregie command: its commands exist and answer --help."""

import os
import subprocess
import sys

import pytest

from overvalregie.cli import COMMANDS, main


def test_usage_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out


def test_unknown_command_exits_2(capsys):
    assert main(["frobnicate"]) == 2
    assert "unknown command" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_has_help(name, tmp_path):
    env = {**os.environ, "DATA_DIR": str(tmp_path), "DEMO_MODE": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "overvalregie", name, "--help"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_settings_refuse_to_start_without_secret_key_outside_demo_mode(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEMO_MODE", "DEBUG"}}
    env["DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import overvalregie.settings"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
