"""What the report commands share: the municipality named on the command line, and the
files they write (a path that cannot be written is a clear error, not a traceback)."""

from __future__ import annotations

from django.core.management.base import CommandError

from overvalregie.geography.models import Municipality


def municipality_named(code: str) -> Municipality:
    """The municipality with CBS code ``code`` (``GM0363``, any case)."""
    area = Municipality.objects.filter(code=code.strip().upper()).first()
    if area is None:
        raise CommandError(f"no municipality with code {code!r} is loaded")
    return area


def write_file(path: str, content: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(content)
    except OSError as error:
        raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
