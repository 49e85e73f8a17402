"""Each table's figures land in the right areas and periods, from JSON and from CSV alike."""

import datetime

import pytest

from overvalregie.incidents.models import RegisteredCrimeFigure
from overvalregie.incidents.opendata.services import import_opendata

from .conftest import stored, table_files

pytestmark = pytest.mark.django_db

R, C, P = "registered", "clearance_percentage", "rate_per_1000"

EXPECTED = {
    "47013NED": {
        ("overval", "GM0363", "2021MM03", R, 12.0),
        ("overval", "GM0363", "2021JJ00", R, 97.0),
        ("straatroof", "GM0363", "2021MM03", R, None),
        ("straatroof", "GM0599", "2021MM03", R, 4.0),
    },
    "47018NED": {
        ("overval", "BU03630000", "2020JJ00", R, 3.0),
        ("overval", "BU03630000", "2021JJ00", R, None),
        ("straatroof", "WK036301", "2021JJ00", R, 5.0),
        ("overval", "GM0363", "2021JJ00", R, 97.0),
    },
    "47022NED": {
        ("overval", "BU03630000", "2021MM01", R, 1.0),
        ("overval", "BU03630000", "2021MM02", R, None),
        ("straatroof", "BU03630000", "2021MM01", R, 2.0),
        ("straatroof", "WK036301", "2021JJ00", R, 14.0),
    },
    "83648NED": {
        ("overval", "NL01", "2021JJ00", R, 1234.0),
        ("overval", "NL01", "2021JJ00", P, 0.1),
        ("overval", "NL01", "2021JJ00", C, 40.5),
        ("overval", "GM0363", "2021JJ00", R, 97.0),
        ("overval", "GM0363", "2021JJ00", P, 0.1),
        ("overval", "GM0363", "2021JJ00", C, 41.2),
        ("straatroof", "PV27", "2021JJ00", R, 80.0),
        ("straatroof", "PV27", "2021JJ00", P, 0.0),
        ("straatroof", "PV27", "2021JJ00", C, None),
        ("overval", "GM0363", "2022JJ00", R, 88.0),
        ("overval", "GM0363", "2022JJ00", P, 0.1),
        ("overval", "GM0363", "2022JJ00", C, None),
    },
}
SKIPPED = {"47013NED": 2, "47018NED": 1, "47022NED": 1, "83648NED": 1}


@pytest.mark.parametrize("form", ["json", "csv"])
@pytest.mark.parametrize("table", sorted(EXPECTED))
def test_figures_land_in_their_area_and_period(table, form):
    result = import_opendata(table, table_files(table, form))

    assert stored(table) == EXPECTED[table]
    assert result.figures == result.created == len(EXPECTED[table])
    assert result.skipped_rows == SKIPPED[table]
    assert result.missing == sum(row[-1] is None for row in EXPECTED[table])


def test_levels_periods_and_keys_are_read_from_the_codes():
    import_opendata("47022NED", table_files("47022NED", "csv"))
    month = RegisteredCrimeFigure.objects.get(area_code="BU03630000", period_code="2021MM02")
    year = RegisteredCrimeFigure.objects.get(area_code="WK036301")

    assert (month.area_level, month.period_kind) == ("neighbourhood", "month")
    assert month.period_start == datetime.date(2021, 2, 1)
    assert (year.area_level, year.period_kind) == ("district", "year")
    assert year.period_start == datetime.date(2021, 1, 1)
    # The offence is found by its title; the published key is kept, without its padding.
    assert (month.offence, month.offence_key, year.offence_key) == ("overval", "1.4.5", "1.4.6")


def test_the_periods_code_list_marks_provisional_figures():
    import_opendata("83648NED", table_files("83648NED", "json", periods=True))

    provisional = set(
        RegisteredCrimeFigure.objects.filter(provisional=True).values_list("period_code", flat=True)
    )
    assert provisional == {"2022JJ00"}


def test_the_import_is_audited_with_its_counts():
    from overvalregie.audit.models import AuditEntry

    import_opendata("47013NED", table_files("47013NED", "json"))

    entry = AuditEntry.objects.order_by("-sequence").first()
    assert (entry.action, entry.actor, entry.object_id) == ("import", "system", "47013NED")
    assert entry.detail["figures"] == 4
    assert entry.detail["missing"] == 1
    assert entry.detail["skipped_rows"] == 2
