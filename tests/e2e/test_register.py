"""The robbery register in the browser: list, map, filter, export; counts only for partners."""

import csv
import io

import pytest

from tests.e2e.axe import serious_violations

pytestmark = pytest.mark.e2e


def _open_register(page):
    # Logged in through the form (``login``), not from a stored session: another test logs the
    # analyst out, which ends a stored session.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overvallen").click()
    page.wait_for_load_state()
    return page


def _count(page) -> int:
    return int(page.get_by_test_id("result-count").get_attribute("data-count"))


def _map_ready(page):
    page.locator("#robbery-map.ovr-map--ready").wait_for()
    return page.locator("#robbery-map path.ovr-marker")


def test_analyst_sees_robberies_on_the_list_and_the_map(login):
    page = _open_register(login("analyst"))
    assert page.url.endswith("/overvallen/")
    total = _count(page)
    assert total > 0
    assert page.get_by_test_id("robbery-row").count() == min(total, 50)
    markers = _map_ready(page)
    assert markers.count() == min(total, 5000)
    # A marker opens a popup with a link to the robbery.
    # A click on the marker itself, wherever the map's zoom animation has put it by now; the
    # popup then opens in a later frame: wait for it, do not sample.
    markers.first.dispatch_event("click")
    popup_link = page.locator(".leaflet-popup-content a").first
    popup_link.wait_for(state="visible", timeout=10_000)
    assert popup_link.get_attribute("href").startswith("/overvallen/")


def test_analyst_filters_and_exports_what_the_list_shows(login):
    page = _open_register(login("analyst"))
    total = _count(page)
    page.locator("#id_target_type").select_option("shop")
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_load_state()
    shops = _count(page)
    assert 0 < shops < total
    assert _map_ready(page).count() == shops
    with page.expect_download() as download:
        page.get_by_test_id("export-csv").click()
    path = download.value.path()
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == shops
    assert {row["target_type"] for row in rows} == {"shop"}


def test_register_list_has_no_serious_accessibility_problems(login):
    page = _open_register(login("analyst"))
    _map_ready(page)
    assert serious_violations(page) == []


def test_partner_sees_suppressed_counts_and_no_robberies(login):
    page = _open_register(login("partner"))
    table = page.get_by_test_id("count-table")
    assert table.is_visible()
    assert table.locator(".ovr-suppressed").count() > 0
    assert "<5" in table.inner_text()
    assert page.get_by_test_id("robbery-row").count() == 0
    assert page.locator("#robbery-map").count() == 0
    assert page.get_by_test_id("count-total").count() == 0
    assert serious_violations(page) == []
    # The register's own endpoints answer 404.
    assert page.goto("/overvallen/export.csv").status == 404
