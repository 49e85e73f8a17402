"""Every environment variable the application reads, in one place.

Settings call :func:`env` with a default and one line of help; ``docs/configuration.md``
lists the same variables (a test keeps the two in step).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    help: str


VARIABLES: dict[str, Variable] = {}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env(name: str, default: str, help: str) -> str:
    """Read ``name`` from the environment, registering it with its default and help."""
    VARIABLES[name] = Variable(name, default, help)
    return os.environ.get(name, default)


def env_bool(name: str, default: bool, help: str) -> bool:
    raw = env(name, "true" if default else "false", help).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, help: str) -> int:
    raw = env(name, str(default), help)
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: str, help: str) -> list[str]:
    return [item.strip() for item in env(name, default, help).split(",") if item.strip()]
