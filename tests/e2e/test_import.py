"""Importing robberies on the upload page, as an analyst does it.

The file is made the way a user would: from the register's own CSV export, with new source ids.
A bad row rejects the whole file with its line and reason; corrected, it is imported after
confirmation and the robberies appear in the list, on the map and in the export.
"""

import csv
import io

import pytest

from tests.e2e.axe import serious_violations

pytestmark = pytest.mark.e2e

#: A date of its own for the corrected row, so the list can be filtered down to it.
DAY = "2024-02-29"


def _export(page) -> list[dict]:
    with page.expect_download() as download:
        page.get_by_test_id("export-csv").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _write(path, rows: list[dict]):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _upload(page, path):
    page.get_by_label("Bestand", exact=True).set_input_files(path)
    page.get_by_role("button", name="Uploaden en controleren").click()
    # The worker checks the file in the background; the page follows it and shows the preview.
    page.get_by_test_id("import-summary").wait_for(timeout=60_000)


def _figure(page, testid: str) -> int:
    return int(page.get_by_test_id(testid).locator("dd").inner_text())


def _day(page):
    page.goto("/overvallen/")
    page.get_by_label("Vanaf datum").fill(DAY)
    page.get_by_label("Tot en met datum").fill(DAY)
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_load_state()
    return page


def _shown(page) -> tuple[int, int]:
    """(robberies in the list, markers on the map) of the page's selection."""
    count = page.get_by_test_id("result-count")
    listed = int(count.get_attribute("data-count")) if count.count() else 0
    if not listed:
        return 0, 0
    page.locator("#robbery-map.ovr-map--ready").wait_for()
    return listed, page.locator("#robbery-map path.ovr-marker").count()


def test_upload_preview_reject_correct_confirm_list_map_export(login, tmp_path):
    page = login("analyst")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overvallen").click()
    rows = _export(page)[:3]
    for number, row in enumerate(rows):
        row["source"], row["source_id"] = "e2e-upload", f"E2E-{number}"
    rows[1]["date"] = "31-02-2024"
    before = _shown(_day(page))

    page.goto("/overvallen/")
    page.get_by_role("link", name="Overvallen importeren uit een bestand").click()
    _upload(page, _write(tmp_path / "overvallen.csv", rows))

    assert _figure(page, "rejected") == 1 and _figure(page, "to-add") == 2
    [problem] = page.get_by_test_id("problem").all()
    cells = problem.locator("td").all_inner_texts()
    assert cells[:2] == ["3", "date"]
    assert "onmogelijke datum" in cells[2]
    assert "Er is niets opgeslagen" in page.get_by_test_id("import-rejected").inner_text()
    assert page.get_by_role("button", name="Bevestigen en importeren").count() == 0
    assert serious_violations(page) == []
    page.goto("/overvallen/")  # nothing was stored: the export has none of the file's rows
    assert not [row for row in _export(page) if row["source"] == "e2e-upload"]

    page.goto("/overvallen/importeren/")
    rows[1]["date"] = DAY
    _upload(page, _write(tmp_path / "overvallen-verbeterd.csv", rows))

    assert _figure(page, "to-add") == 3 and _figure(page, "rejected") == 0
    assert serious_violations(page) == []
    page.get_by_role("button", name="Bevestigen en importeren").click()
    page.get_by_test_id("import-done").wait_for(timeout=60_000)
    assert "3 toegevoegd" in page.get_by_test_id("import-done").inner_text()

    page.get_by_role("link", name="Bekijk de overvallen").click()
    listed, markers = _shown(_day(page))
    assert (listed, markers) == (before[0] + 1, before[1] + 1)
    exported = {row["source_id"]: row for row in _export(page) if row["source"] == "e2e-upload"}
    assert list(exported) == ["E2E-1"]

    page.goto("/overvallen/")
    exported = {row["source_id"]: row for row in _export(page) if row["source"] == "e2e-upload"}
    assert sorted(exported) == ["E2E-0", "E2E-1", "E2E-2"]
    for row in rows:
        again = exported[row["source_id"]]
        assert {key: again[key] for key in row} == row
