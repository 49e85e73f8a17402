"""The local safety analysis in the browser: run, read, download the report, decide.

The analyst runs the analysis of Voorbeeldstad (the worker computes it), sees the
recommendation, the charts and the map, downloads the PDF (rendered to pictures with
pdftoppm), and finalises the version; the coordinator then records the mayor's decision to
start a specific robbery approach; a partner sees the same analysis with small counts
suppressed and without the offender section.
"""

import datetime as dt
import shutil
import subprocess

import pytest

from tests.e2e.axe import serious_violations

pytestmark = pytest.mark.e2e


def _non_white_share(png: bytes) -> float:
    import io

    from PIL import Image

    histogram = Image.open(io.BytesIO(png)).convert("L").histogram()
    return sum(histogram[:240]) / sum(histogram)


def test_analyst_runs_and_reports_then_the_coordinator_records_the_decision(
    login, page_as, tmp_path
):
    page = login("analyst")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Veiligheidsanalyse"
    ).click()
    page.get_by_label("Gemeente").select_option(label="Voorbeeldstad")
    page.get_by_role("button", name="Analyse uitvoeren").click()
    # The worker computes the analysis; the page follows it and then shows the result.
    page.get_by_test_id("recommendation").wait_for(timeout=60_000)

    assert page.get_by_test_id("advice").inner_text().strip()
    assert page.locator("[data-testid=criteria] tbody tr").count() == 5
    assert page.locator("main figure svg[role=img]").count() >= 3  # charts and the map
    assert page.get_by_test_id("map").count() == 1
    assert page.get_by_test_id("density-map").count() == 1
    assert serious_violations(page) == []

    with page.expect_download() as download:
        page.get_by_test_id("pdf-link").click()
    pdf = tmp_path / "rapport.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Overvallen per jaar" in text and "Voorbeeldstad" in text
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    assert all(_non_white_share(p.read_bytes()) > 0.005 for p in pages[:3])

    page.get_by_test_id("finalise").click()
    page.wait_for_load_state()
    analysis_url = page.url

    coordinator = page_as("coordinator")
    coordinator.goto(analysis_url)
    coordinator.get_by_test_id("decision-link").click()
    coordinator.get_by_label("Besluitvormend orgaan").select_option("mayor")
    coordinator.get_by_label("Datum van het besluit").fill(dt.date.today().isoformat())
    coordinator.get_by_label("Besluit", exact=True).select_option("specific")
    coordinator.get_by_label("Advies van de politie").fill("Start de aanpak; capaciteit is er.")
    coordinator.get_by_role("button", name="Besluit vastleggen").click()
    coordinator.wait_for_load_state()

    decisions = coordinator.get_by_test_id("decisions").inner_text()
    assert "Een specifieke overvalaanpak starten" in decisions
    # The coordinator turns it into an approach from here (tests/e2e/test_approach.py).
    start = coordinator.get_by_test_id("decisions").get_by_test_id("start-approach")
    assert start.inner_text() == "Aanpak starten"

    partner = page_as("partner")
    partner.goto(analysis_url)
    assert partner.get_by_test_id("recommendation").is_visible()
    assert partner.get_by_test_id("offender-section").count() == 0
    assert "<5" in partner.locator("main").inner_text()
    assert partner.get_by_test_id("decision-link").count() == 0
