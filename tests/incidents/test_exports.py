"""CSV and XLSX exports: the filtered rows, privacy of homes, neutralised formulas, audit."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.incidents.exports import COLUMNS, neutralise
from overvalregie.organisations.roles import Role
from tests.geography.factories import NeighbourhoodFactory
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

CSV = reverse("robbery-export-csv")
XLSX = reverse("robbery-export-xlsx")


@pytest.fixture
def place():
    return NeighbourhoodFactory()


@pytest.fixture
def analyst(place):
    return member(Role.ANALYST, OrganisationFactory(municipality=place.municipality))


def _robbery(place, **kwargs):
    return RobberyFactory(
        municipality=place.municipality, district=place.district, neighbourhood=place, **kwargs
    )


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:]), delimiter=";"))


def _xlsx(response) -> list[dict]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


def test_csv_holds_the_filtered_rows_of_every_page(client, place, analyst):
    RobberyFactory.create_batch(55, municipality=place.municipality, target_type="shop")
    _robbery(place, target_type="home", kind="overval")
    RobberyFactory()  # elsewhere
    client.force_login(analyst)
    response = client.get(CSV, {"target_type": "shop"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert len(rows) == 55
    assert {row["target_type"] for row in rows} == {"shop"}


def test_columns_follow_the_import_layout(client, place, analyst):
    _robbery(
        place,
        source="politie",
        source_id="P-1",
        date=dt.date(2025, 3, 4),
        time=dt.time(21, 15),
        attempt=True,
        shop_branch="jeweller",
        weapon="knife",
        offenders=2,
        address="Markt 1",
    )
    client.force_login(analyst)
    [row] = _csv(client.get(CSV))
    assert row["source"] == "politie"
    assert row["source_id"] == "P-1"
    assert row["date"] == "2025-03-04"
    assert row["time"] == "21:15"
    assert row["attempt"] == "ja"
    assert row["solved"] == "nee"
    assert row["lon"] == "5.05"
    assert row["shop_branch"] == "jeweller"
    assert row["weapon"] == "knife"
    assert row["offenders"] == "2"
    assert row["address"] == "Markt 1"
    assert row["municipality_code"] == place.municipality.code
    assert row["district_code"] == place.district.code
    assert row["neighbourhood_code"] == place.code


def test_home_addresses_are_never_exported(client, place, analyst):
    _robbery(place, target_type="home", address="Dorpsstraat 3")
    client.force_login(analyst)
    [row] = _csv(client.get(CSV))
    assert row["address"] == ""
    [row] = _xlsx(client.get(XLSX))
    assert row["address"] in ("", None)


def test_formulas_are_neutralised_in_csv(client, place, analyst):
    _robbery(place, address='=HYPERLINK("http://evil.example","x")', source_id="@SUM(1)")
    _robbery(place, source="+cmd", source_id="-1+1")
    client.force_login(analyst)
    rows = _csv(client.get(CSV, {"sort": "date"}))
    values = {row["source_id"] for row in rows} | {row["address"] for row in rows}
    assert "'@SUM(1)" in values
    assert "'-1+1" in values
    assert '\'=HYPERLINK("http://evil.example","x")' in values
    assert {row["source"] for row in rows} == {"test", "'+cmd"}


def test_formulas_are_text_in_xlsx(client, place, analyst):
    _robbery(place, address='=HYPERLINK("http://evil.example","x")', source_id="@SUM(1)")
    client.force_login(analyst)
    response = client.get(XLSX)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cells = {name: sheet.cell(row=2, column=header.index(name) + 1) for name in header}
    assert cells["address"].data_type == "s"
    assert cells["address"].value == '\'=HYPERLINK("http://evil.example","x")'
    assert cells["source_id"].value == "'@SUM(1)"
    assert cells["lon"].value == 5.05  # numbers stay numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b"), (-1, -1), ("", "")],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_xlsx_holds_the_same_rows_as_csv(client, place, analyst):
    for day in range(1, 8):
        _robbery(place, date=dt.date(2025, 1, day), solved=day % 2 == 0)
    client.force_login(analyst)
    params = {"solved": "yes"}
    csv_rows = _csv(client.get(CSV, params))
    xlsx_rows = _xlsx(client.get(XLSX, params))
    assert [r["source_id"] for r in csv_rows] == [r["source_id"] for r in xlsx_rows]
    assert len(csv_rows) == 3


@pytest.mark.parametrize(("url", "fmt"), [(CSV, "csv"), (XLSX, "xlsx")])
def test_every_export_writes_one_audit_entry_without_values(client, place, analyst, url, fmt):
    _robbery(place, target_type="shop")
    _robbery(place, target_type="home")
    client.force_login(analyst)
    before = AuditEntry.objects.count()
    response = client.get(url, {"target_type": "shop", "date_from": "2020-01-01"})
    if fmt == "csv":
        b"".join(response.streaming_content)
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry.action == AuditAction.EXPORT
    assert entry.object_type == "incidents.robbery"
    assert entry.detail == {"rows": 1, "format": fmt, "filters": ["date_from", "target_type"]}


def test_invalid_filters_export_nothing(client, place, analyst):
    _robbery(place)
    client.force_login(analyst)
    before = AuditEntry.objects.count()
    response = client.get(CSV, {"date_from": "morgen"})
    assert response.status_code == 400
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("role", [Role.PARTNER, Role.OVERSEER, Role.CASEWORKER])
def test_roles_without_the_register_cannot_export(client, place, role):
    _robbery(place)
    client.force_login(member(role, OrganisationFactory(municipality=place.municipality)))
    assert client.get(CSV).status_code == 404
    assert client.get(XLSX).status_code == 404


def test_export_query_count(client, place, analyst, django_assert_num_queries):
    RobberyFactory.create_batch(20, municipality=place.municipality)
    client.force_login(analyst)
    response = client.get(CSV)
    b"".join(response.streaming_content)
    # session, user, membership; area choices (3); count; audit (last entry, insert); rows;
    # PostgreSQL also takes the advisory lock that serialises appends to the audit chain.
    chain_lock = 1 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(10 + chain_lock):
        response = client.get(CSV)
        assert len(b"".join(response.streaming_content).splitlines()) == 21
