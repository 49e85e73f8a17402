"""The shipped measure catalogue: ``measures.toml``, read and checked here, loaded on migrate.

Shipped measures are only added, never overwritten: once in the database, the catalogue is
the administrators' to edit. A new measure in the file reaches every installation on its next
``migrate``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from overvalregie.measures.facets import FACETS
from overvalregie.texts import LANGUAGES

SHIPPED = Path(__file__).parent / "measures.toml"
#: A measure's key: small letters and digits in words joined by hyphens ("overvaltraining").
KEY = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z",
    _("Use small letters, digits and hyphens only, without spaces."),
)
TEXTS = ("name", "summary", "description")


def _check_text(value, where: str, errors: list[str], *, kind=str) -> None:
    if not isinstance(value, dict) or not isinstance(value.get("nl"), kind) or not value["nl"]:
        errors.append(f"{where}: needs a text in Dutch, as {{ nl = ..., en = ... }}")
        return
    for language, text in value.items():
        if language not in LANGUAGES:
            errors.append(f"{where}: unknown language {language!r}")
        elif not isinstance(text, kind):
            errors.append(f"{where}.{language}: wrong type")
        elif kind is list and not all(isinstance(item, str) and item for item in text):
            errors.append(f"{where}.{language}: every step must be a text")


def validate(entry) -> list[str]:
    """Every problem with one catalogue entry, as ``field: what`` lines (empty: valid)."""
    if not isinstance(entry, dict):
        return ["the entry is not a table"]
    errors: list[str] = []
    key = entry.get("key")
    if not isinstance(key, str) or not KEY.regex.match(key):
        errors.append("key: needs small letters, digits and hyphens (as 'robbery-training')")
    for name in TEXTS:
        _check_text(entry.get(name), name, errors)
    _check_text(entry.get("steps"), "steps", errors, kind=list)
    for facet in FACETS:
        value = entry.get(facet.name)
        if facet.multiple:
            if not isinstance(value, list) or not value:
                errors.append(f"{facet.name}: needs a list of one or more values")
                continue
        else:
            value = [value]
        unknown = [v for v in value if not isinstance(v, str) or v not in facet.choices.values]
        if unknown:
            allowed = ", ".join(facet.choices.values)
            errors.append(f"{facet.name}: unknown value(s) {unknown!r}; allowed: {allowed}")
    extra = set(entry) - {"key", *TEXTS, "steps", *(f.name for f in FACETS)}
    if extra:
        errors.append(f"unknown field(s) {sorted(extra)}")
    return errors


def read_catalogue(path: Path = SHIPPED) -> list[dict]:
    """The entries of a catalogue file; ValueError naming every problem if any is invalid."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    entries = data.get("measures", [])
    problems = []
    keys = set()
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}, measure {number}"
        if isinstance(entry, dict) and isinstance(entry.get("key"), str):
            where += f" ({entry['key']})"
            if entry["key"] in keys:
                problems.append(f"{where}: the key is used twice")
            keys.add(entry["key"])
        problems += [f"{where}: {error}" for error in validate(entry)]
    if problems:
        raise ValueError("\n".join(problems))
    return entries


def sync_shipped_catalogue() -> int:
    """Add the shipped measures the database lacks (run after every migrate)."""
    from overvalregie.measures.models import Measure

    if not SHIPPED.exists():
        return 0
    entries = read_catalogue()
    present = set(Measure.objects.values_list("key", flat=True))
    missing = [Measure(shipped=True, **entry) for entry in entries if entry["key"] not in present]
    Measure.objects.bulk_create(missing)
    return len(missing)
