from pathlib import Path

import pytest
from django.utils import translation

from overvalregie.incidents.models import RegisteredCrimeFigure

#: Small hand-made files in the published CBS layouts (OData v3 JSON and ';'-separated CSV).
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def english_messages():
    """Messages are asserted in their English source text, whatever a translator adds."""
    with translation.override("en"):
        yield


def table_files(table: str, form: str, periods: bool = False) -> dict[str, Path]:
    files = {
        "data": FIXTURES / f"{table}_TypedDataSet.{form}",
        "offences": FIXTURES / f"{table}_SoortMisdrijf.{form}",
    }
    if periods:
        files["periods"] = FIXTURES / f"{table}_Perioden.{form}"
    return files


def stored(table: str) -> set[tuple]:
    """(offence, area code, period code, measure, value) of every figure of ``table``."""
    return set(
        RegisteredCrimeFigure.objects.filter(table=table).values_list(
            "offence", "area_code", "period_code", "measure", "value"
        )
    )
