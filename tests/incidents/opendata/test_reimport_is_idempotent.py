"""Importing a table again updates its figures in place; nothing is duplicated."""

import json

import pytest

from overvalregie.incidents.models import RegisteredCrimeFigure
from overvalregie.incidents.opendata.services import import_opendata

from .conftest import FIXTURES, stored, table_files

pytestmark = pytest.mark.django_db


def test_the_same_files_twice_change_nothing():
    import_opendata("47013NED", table_files("47013NED", "json"))
    before = stored("47013NED")

    again = import_opendata("47013NED", table_files("47013NED", "csv"))

    assert stored("47013NED") == before
    assert (again.created, again.updated) == (0, 4)
    assert RegisteredCrimeFigure.objects.count() == 4


def test_a_revised_figure_replaces_the_old_one(tmp_path):
    import_opendata("47013NED", table_files("47013NED", "json"))
    data = json.loads((FIXTURES / "47013NED_TypedDataSet.json").read_text("utf-8"))
    data["value"][2]["GeregistreerdeMisdrijven_1"] = 3  # now published
    data["value"][0]["GeregistreerdeMisdrijven_1"] = None  # now suppressed
    revised = tmp_path / "revised.json"
    revised.write_text(json.dumps(data), "utf-8")

    import_opendata("47013NED", {**table_files("47013NED", "json"), "data": revised})

    values = dict(
        RegisteredCrimeFigure.objects.filter(
            area_code="GM0363", period_code="2021MM03"
        ).values_list("offence", "value")
    )
    assert values == {"overval": None, "straatroof": 3.0}
    assert RegisteredCrimeFigure.objects.count() == 4


def test_tables_with_the_same_area_and_period_are_kept_apart():
    import_opendata("47013NED", table_files("47013NED", "json"))
    import_opendata("47018NED", table_files("47018NED", "json"))

    same = RegisteredCrimeFigure.objects.filter(area_code="GM0363", period_code="2021JJ00")
    assert sorted(same.values_list("table", flat=True)) == ["47013NED", "47018NED"]
