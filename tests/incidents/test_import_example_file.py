from pathlib import Path

import pytest

from overvalregie.demo.loader import load_demo
from overvalregie.geography.locate import clear_index_cache
from overvalregie.incidents.importers import apply_import, plan_import
from overvalregie.incidents.models import Robbery

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "incidents.csv"


@pytest.fixture
def demo(db):
    load_demo()
    clear_index_cache()


def test_the_documented_example_imports_cleanly_into_voorbeeldstad(demo):
    plan = plan_import(EXAMPLE, EXAMPLE.name)
    assert plan.errors == []

    result = apply_import(EXAMPLE, EXAMPLE.name)

    assert result.created == plan.to_add == 15
    imported = Robbery.objects.filter(source="voorbeeld")
    assert set(imported.values_list("municipality__name", flat=True)) == {"Voorbeeldstad"}
    assert not imported.filter(neighbourhood=None).exists()
