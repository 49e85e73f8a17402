"""counts_for: one area's figures per period, as the dashboards need them."""

import datetime

import pytest

from overvalregie.incidents.opendata.queries import PeriodFigure, counts_for
from overvalregie.incidents.opendata.services import import_opendata

from .conftest import table_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    for table in ("47013NED", "47018NED", "83648NED"):
        import_opendata(table, table_files(table, "json", periods=table == "83648NED"))


def test_yearly_robberies_of_a_municipality_prefer_the_police_table(
    imported, django_assert_num_queries
):
    with django_assert_num_queries(1):
        figures = counts_for("GM0363", "overval", "year")

    assert figures == [
        PeriodFigure(datetime.date(2021, 1, 1), "2021JJ00", 97.0, False, "47013NED"),
        PeriodFigure(datetime.date(2022, 1, 1), "2022JJ00", 88.0, True, "83648NED"),
    ]


def test_a_suppressed_month_is_returned_as_none(imported):
    figures = counts_for("GM0363", "straatroof", "month")

    assert [(f.period_code, f.value) for f in figures] == [("2021MM03", None)]


def test_a_table_and_measure_can_be_asked_for(imported):
    figures = counts_for("GM0363", "overval", "year", "clearance_percentage", table="83648NED")

    assert [(f.period_code, f.value) for f in figures] == [("2021JJ00", 41.2), ("2022JJ00", None)]


def test_an_area_without_figures_gives_an_empty_list(imported):
    assert counts_for("GM9999", "overval", "year") == []
