import datetime as dt

import pytest
from django.utils import translation

from overvalregie.incidents.importers import apply_import
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import make_town, row, write_csv


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def town(db):
    return make_town()


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_comma_and_semicolon_are_both_read(town, tmp_path, delimiter):
    path = write_csv(tmp_path / "a.csv", [row(1), row(2)], delimiter=delimiter)

    result = apply_import(path, "a.csv")

    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    robbery = Robbery.objects.get(source_id="P-1")
    assert robbery.municipality_id == town.pk
    assert robbery.date == dt.date(2025, 1, 10)
    assert robbery.time == dt.time(14, 30)
    assert (robbery.violence, robbery.attempt, robbery.offenders) == (True, False, 2)
    assert (robbery.shop_branch, robbery.weapon, robbery.loot_band) == (
        "supermarket",
        "knife",
        "lt500",
    )
    assert 130_000 < robbery.rd_x < 160_000 and 440_000 < robbery.rd_y < 480_000


def test_utf8_with_bom(town, tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1, address="Café Zoë")], encoding="utf-8-sig")

    apply_import(path, "a.csv")

    assert Robbery.objects.get().address == "Café Zoë"


def test_windows_1252(town, tmp_path):
    path = write_csv(
        tmp_path / "a.csv", [row(1, address="Rue de l'Église 3")], delimiter=";", encoding="cp1252"
    )

    apply_import(path, "a.csv")

    assert Robbery.objects.get().address == "Rue de l'Église 3"


@pytest.mark.parametrize("text", ["01-03-2024", "1-3-2024", "2024-03-01", "1/3/2024"])
def test_dutch_and_iso_dates(town, tmp_path, text):
    path = write_csv(tmp_path / "a.csv", [row(1, date=text)])

    apply_import(path, "a.csv")

    assert Robbery.objects.get().date == dt.date(2024, 3, 1)


def test_empty_time_is_unknown_and_decimal_comma(town, tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1, time="", lon="5,2", lat="52,2")], delimiter=";")

    apply_import(path, "a.csv")

    robbery = Robbery.objects.get()
    assert robbery.time is None
    assert (robbery.lon, robbery.lat) == (5.2, 52.2)


def test_rd_coordinates_and_dutch_labels(town, tmp_path):
    values = row(1, target_type="Winkel", shop_branch="juwelier", weapon="vuurwapen")
    del values["lon"], values["lat"]
    values.update(x="155000", y="463000")
    path = write_csv(tmp_path / "a.csv", [values])

    apply_import(path, "a.csv")

    robbery = Robbery.objects.get()
    assert (robbery.target_type, robbery.shop_branch, robbery.weapon) == (
        "shop",
        "jeweller",
        "firearm",
    )
    assert robbery.rd_x == 155000 and robbery.rd_y == 463000
    assert 5.0 < robbery.lon < 5.5 and 52.0 < robbery.lat < 52.5


def test_only_required_columns(town, tmp_path):
    values = {
        "source": "s",
        "source_id": "1",
        "date": "2025-01-01",
        "target_type": "home",
        "lon": "5.1",
        "lat": "52.1",
    }
    path = write_csv(tmp_path / "a.csv", [values])

    apply_import(path, "a.csv")

    robbery = Robbery.objects.get()
    assert (robbery.weapon, robbery.loot_band, robbery.kind) == ("unknown", "unknown", "overval")
