"""Helpers shared by the ``test_import_*`` files (no tests here)."""

import csv
from pathlib import Path

from overvalregie.geography.locate import clear_index_cache
from tests.geography.factories import square
from tests.organisations.factories import MunicipalityFactory

HEADER = [
    "source",
    "source_id",
    "date",
    "time",
    "attempt",
    "lon",
    "lat",
    "address",
    "target_type",
    "shop_branch",
    "weapon",
    "violence",
    "injured",
    "offenders",
    "loot_band",
    "suspect_arrested",
    "solved",
    "kind",
]


def make_town():
    """A square municipality from lon 5.0 to 5.5 and lat 52.0 to 52.5."""
    clear_index_cache()
    return MunicipalityFactory(geometry=square(5.0, 52.0, 0.5))


def row(number: int = 1, **overrides) -> dict:
    values = {
        "source": "politie",
        "source_id": f"P-{number}",
        "date": "2025-01-10",
        "time": "14:30",
        "attempt": "nee",
        "lon": "5.2",
        "lat": "52.2",
        "address": "Dorpsstraat 1",
        "target_type": "shop",
        "shop_branch": "supermarket",
        "weapon": "knife",
        "violence": "ja",
        "injured": "0",
        "offenders": "2",
        "loot_band": "lt500",
        "suspect_arrested": "nee",
        "solved": "nee",
        "kind": "overval",
    }
    values.update(overrides)
    return values


def write_csv(
    path: Path,
    rows: list[dict],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    header: list[str] | None = None,
) -> Path:
    header = header or list(rows[0]) if rows else header or HEADER
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, header, delimiter=delimiter, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
