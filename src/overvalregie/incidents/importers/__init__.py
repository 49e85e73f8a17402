"""Importing robberies from CSV, XLSX and GeoJSON files (see ``docs/import-format.md``)."""

from overvalregie.incidents.importers.rows import RowError
from overvalregie.incidents.importers.services import (
    ImportPlan,
    ImportRejected,
    ImportResult,
    apply_import,
    plan_import,
)

__all__ = [
    "ImportPlan",
    "ImportRejected",
    "ImportResult",
    "RowError",
    "apply_import",
    "plan_import",
]
