"""An empty cell is a figure not published: stored as missing, never as zero."""

import pytest

from overvalregie.incidents.models import RegisteredCrimeFigure
from overvalregie.incidents.opendata.parsers import parse_value
from overvalregie.incidents.opendata.services import import_opendata

from .conftest import table_files

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form", ["json", "csv"])
def test_suppressed_cells_are_none_and_published_zeros_stay_zero(form):
    import_opendata("83648NED", table_files("83648NED", form))
    figures = RegisteredCrimeFigure.objects.filter(area_code="PV27")

    values = dict(figures.values_list("measure", "value"))
    assert values == {"registered": 80.0, "rate_per_1000": 0.0, "clearance_percentage": None}


@pytest.mark.parametrize("cell", [None, "", ".", "       .", "   ", "x"])
def test_empty_cells_mean_missing(cell):
    assert parse_value(cell) == (None, True)


@pytest.mark.parametrize(("cell", "value"), [(0, 0.0), ("        0", 0.0), ("     40.5", 40.5)])
def test_numbers_are_read(cell, value):
    assert parse_value(cell) == (value, True)


@pytest.mark.parametrize("cell", ["twelve", "1,5", True, -3, "nan", "-"])
def test_other_cells_are_no_number(cell):
    assert parse_value(cell)[1] is False
