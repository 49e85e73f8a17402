"""docs/configuration.md lists exactly the variables the settings read."""

import re
from pathlib import Path

import pytest

from overvalregie import config

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def test_every_variable_is_documented_and_every_documented_variable_exists():
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", DOC.read_text(), flags=re.M))
    assert documented == set(config.VARIABLES)


def test_bad_values_are_refused_with_the_variable_name(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ValueError, match="SOME_FLAG"):
        config.env_bool("SOME_FLAG", False, "test")
    monkeypatch.setenv("SOME_NUMBER", "five")
    with pytest.raises(ValueError, match="SOME_NUMBER"):
        config.env_int("SOME_NUMBER", 5, "test")
    config.VARIABLES.pop("SOME_FLAG")
    config.VARIABLES.pop("SOME_NUMBER")
