"""Files with both lon/lat and x/y (as the register's own export): both kept as given.

Re-importing an export changes nothing, and a row whose pairs name two places is a problem.
"""

import pytest
from django.utils import translation

from overvalregie.incidents import exports
from overvalregie.incidents.importers import apply_import, plan_import
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import make_town, row, write_csv


@pytest.fixture
def town(db):
    return make_town()


def test_an_export_imports_back_unchanged(town, tmp_path):
    rows = [row(n, lon=f"{5.1 + n / 997:.9f}", lat=f"{52.1 + n / 991:.9f}") for n in range(40)]
    apply_import(write_csv(tmp_path / "a.csv", rows), "a.csv")
    exported = tmp_path / "export.csv"
    robberies = exports.export_queryset(Robbery.objects.order_by("source_id"))
    exported.write_text("".join(exports.csv_lines(robberies)), encoding="utf-8")

    plan = plan_import(exported, "export.csv")

    assert plan.ok, plan.errors[:3]
    assert (plan.to_add, plan.to_change, plan.unchanged) == (0, 0, 40)


def test_both_pairs_as_given_when_they_agree(town, tmp_path):
    path = write_csv(
        tmp_path / "a.csv",
        [row(1, x="155000.25", y="463000.75", lon="5.3872036", lat="52.1551733")],
    )

    apply_import(path, "a.csv")

    robbery = Robbery.objects.get()
    assert (robbery.rd_x, robbery.rd_y) == (155000.25, 463000.75)
    assert (robbery.lon, robbery.lat) == (5.3872036, 52.1551733)


def test_pairs_that_name_two_places_are_a_problem(town, tmp_path):
    path = write_csv(
        tmp_path / "a.csv", [row(1, x="150000", y="463000", lon="5.3872", lat="52.1552")]
    )

    with translation.override("en"):
        plan = plan_import(path, "a.csv")

    [error] = plan.errors
    assert (error.line, error.column) == (2, "x")
    assert "5000 m from lon and lat" in error.reason


def test_a_row_may_leave_one_pair_empty(town, tmp_path):
    rows = [row(1, x="", y=""), row(2, lon="", lat="", x="155000", y="463000")]
    path = write_csv(tmp_path / "a.csv", rows)

    plan = plan_import(path, "a.csv")

    assert plan.ok and plan.to_add == 2


def test_a_row_needs_one_whole_pair(town, tmp_path):
    rows = [row(1, lon="", lat="", x="", y=""), row(2, lat="", x="", y="")]
    path = write_csv(tmp_path / "a.csv", rows)

    plan = plan_import(path, "a.csv")

    assert [(error.line, error.column) for error in plan.errors] == [
        (2, "lon"),
        (2, "lat"),
        (3, "lat"),
    ]
