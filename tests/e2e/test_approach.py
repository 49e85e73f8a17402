"""The approach in the browser, from the mayor's decision to the triangle's progress report.

The demo holds a decision to join the dark days offensive that no approach has been started
from yet. The coordinator turns it into an approach, forms the project structure, walks the
robbery step plan through steps 1 to 4 (checklists ticked, texts written, two SMART goals and
three actions), records a triangle meeting, and downloads the progress report. The goals'
values in the report equal what the robbery register itself counts.
"""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import serious_violations

pytestmark = pytest.mark.e2e

MEMBERS = [
    # name, organisation, role, function
    ("Sanne de Vries", "Gemeente Voorbeeldstad", "Projectleider", "Regisseur OOV"),
    (
        "mr. A. Jansen",
        "OM Arrondissement Voorbeeldland",
        "Lid projectgroep",
        "Officier van justitie",
    ),
    ("F. El Amrani", "Politie Eenheid Voorbeeldland", "Lid projectgroep", "Analist"),
    ("K. Smit", "KHN afdeling Voorbeeldstad", "Lid projectgroep", "Voorzitter"),
]
#: title, target type (value, label), target; counted per half year from 2025 H1.
GOALS = [
    ("Minder overvallen op winkels", "shop", "Winkel", "3"),
    ("Minder overvallen op horeca", "hospitality", "Horeca", "1"),
]
ACTIONS = [
    ("Preventieavond voor winkeliers", "Gemeente Voorbeeldstad", "2026-12-15"),
    ("Extra surveillance in de avonduren", "Politie Eenheid Voorbeeldland", "2027-01-31"),
    ("Beveiligingsadvies bij horeca", "KHN afdeling Voorbeeldstad", "2027-02-28"),
]


def _states(page) -> list[str]:
    stepper = page.get_by_test_id("stepper").first
    return stepper.get_by_test_id("step-state").evaluate_all(
        "nodes => nodes.map(n => n.dataset.state)"
    )


def _walk_step(page, approach_url: str, title: str, notes: dict[str, str] | None = None):
    """Open a step from the overview, tick its whole checklist, write its texts, complete it."""
    page.goto(approach_url)
    page.get_by_test_id("stepper").first.get_by_role("link", name=title).click()
    for box in page.get_by_test_id("checklist").get_by_role("checkbox").all():
        box.check()
    for label, text in (notes or {}).items():
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_role("button", name="Checklist en teksten opslaan").click()
    page.get_by_role("button", name="Stap afronden").click()
    expect(page.get_by_test_id("step-state").first).to_have_attribute("data-state", "done")


def _last_complete_half_year(today: dt.date) -> tuple[str, str, str]:
    """Label, first and last day of the latest half year that has ended by ``today``."""
    year, first_half = (today.year, True) if today.month > 6 else (today.year - 1, False)
    if first_half:
        return f"{year} H1", f"{year}-01-01", f"{year}-06-30"
    return f"{year} H2", f"{year}-07-01", f"{year}-12-31"


def _register_count(page, server_url: str, target_type: str, start: str, end: str) -> int:
    page.goto(f"{server_url}/overvallen/?date_from={start}&date_to={end}&target_type={target_type}")
    # The list says how many it found, or (none found) shows its empty state.
    page.locator("[data-testid=result-count], [data-testid=empty-state]").first.wait_for()
    found = page.get_by_test_id("result-count")
    return int(found.get_attribute("data-count")) if found.count() else 0


def test_the_coordinator_runs_an_approach_from_the_decision_to_the_progress_report(
    login, server_url, tmp_path
):
    page = login("coordinator")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanpak").click()

    # 1. The decision that waits for an approach becomes one.
    awaiting = page.get_by_test_id("awaiting")
    assert "donkere dagen" in awaiting.inner_text()
    awaiting.get_by_role("link", name="Aanpak starten").click()
    page.get_by_label("Naam").fill("Donkere dagen offensief Voorbeeldstad 2026")
    page.get_by_label("Geplande einddatum").fill("2027-03-31")
    page.get_by_role("button", name="Aanpak starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Donkere dagen offensief Voorbeeldstad 2026"
    )
    approach_url = page.url
    assert _states(page) == ["open"] + ["waiting"] * 5
    assert "Intentie tot samenwerking" in page.get_by_test_id("missing").inner_text()
    assert serious_violations(page) == []

    # 2. The project structure: leader, public prosecutor, police, entrepreneurs; a budget.
    page.get_by_role("link", name="Projectstructuur").click()
    for name, organisation, role, function in MEMBERS:
        page.get_by_role("link", name="Lid toevoegen").click()
        page.get_by_label("Naam").fill(name)
        page.get_by_label("Organisatie").select_option(label=organisation)
        page.get_by_label("Rol").select_option(label=role)
        page.get_by_label("Functie").fill(function)
        page.get_by_role("button", name="Opslaan").click()
    members = page.get_by_test_id("members").inner_text()
    assert all(name in members for name, *_ in MEMBERS)
    page.goto(approach_url)
    page.get_by_role("link", name="Naam, periode, omschrijving en budget bewerken").click()
    page.get_by_label("Budget (euro)").fill("40000")
    page.get_by_role("button", name="Opslaan").click()

    # 3. Steps 1 to 3: the checklists, the texts; the final safety analysis counts itself.
    _walk_step(page, approach_url, "Samenwerking", {
        "Intentie tot samenwerking": "De driehoek wil in de donkere maanden samen optrekken.",
    })  # fmt: skip
    _walk_step(page, approach_url, "Haalbaarheid en organisatie")
    _walk_step(page, approach_url, "Probleemanalyse")

    # 4. The plan of approach: two SMART goals measured from the register, three actions.
    page.goto(approach_url)
    page.get_by_role("link", name="Plan van aanpak").first.click()
    for title, _value, label, target in GOALS:
        page.get_by_role("link", name="Doel toevoegen").click()
        page.get_by_label("Doel", exact=True).fill(title)
        page.get_by_label("Gemeten als").select_option(label="Aantal overvallen")
        page.get_by_label("Geteld").select_option(label="per halfjaar")
        page.get_by_label(label, exact=True).check()
        page.get_by_label("Periode van de nulmeting").fill("2025-01-01")
        page.get_by_label("Streefwaarde").fill(target)
        page.get_by_label("Deadline").fill("2027-03-31")
        page.get_by_role("button", name="Doel toevoegen").click()
        page.get_by_role("link", name="Plan van aanpak").first.click()
    expect(page.get_by_test_id("goal")).to_have_count(2)
    for title, organisation, deadline in ACTIONS:
        page.get_by_role("link", name="Actie toevoegen").click()
        page.get_by_label("Actie", exact=True).fill(title)
        page.get_by_label("Organisatie van de eigenaar").select_option(label=organisation)
        page.get_by_label("Deadline").fill(deadline)
        page.get_by_role("button", name="Actie toevoegen").click()
        page.get_by_role("link", name="Plan van aanpak").first.click()
    expect(page.get_by_test_id("action")).to_have_count(3)
    _walk_step(page, approach_url, "Plan van aanpak")
    page.goto(approach_url)
    assert _states(page) == ["done"] * 4 + ["open", "waiting"]

    # 5. A triangle meeting, with who was there.
    page.get_by_role("link", name="Overleggen").first.click()
    page.get_by_role("link", name="Overleg vastleggen").click()
    page.get_by_label("Soort").select_option(label="Driehoeksoverleg")
    page.get_by_label("Datum").fill(dt.date.today().isoformat())
    page.get_by_label("Agenda").fill("1. Start donkere dagen offensief\n2. Plan van aanpak")
    page.get_by_label("Verslag").fill("De driehoek stemt in met het plan van aanpak.")
    for name, *_ in MEMBERS:
        page.locator("fieldset.ovr-attendance", has_text=name).get_by_label("Aanwezig").check()
    page.get_by_role("button", name="Overleg vastleggen").click()
    assert all(name in page.get_by_test_id("attendance").inner_text() for name, *_ in MEMBERS)

    # 6. The progress report: its goal values are the register's own counts.
    page.goto(approach_url)
    page.get_by_role("link", name="Voortgangsrapportage").click()
    expect(page.get_by_test_id("report-pdf")).to_be_visible()
    assert serious_violations(page) == []
    goals = page.get_by_test_id("report-goal")
    expect(goals).to_have_count(2)
    label, first, last = _last_complete_half_year(dt.date.today())
    shown = {}
    for index in range(2):
        goal = goals.nth(index)
        title = next(t for t, *_ in GOALS if t in goal.inner_text())
        baseline = goal.get_by_test_id("goal-baseline").inner_text()
        current = goal.get_by_test_id("goal-current").locator("xpath=..").inner_text()
        shown[title] = (
            int(re.match(r"\d+", baseline.strip()).group()),
            int(re.match(r"\d+", current.strip()).group()),
        )
        assert "2025 H1" in baseline and label in current
    with page.expect_download() as download:
        page.get_by_test_id("report-pdf").click()
    pdf = tmp_path / "voortgangsrapportage.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert all(title in text for title, *_ in GOALS)

    for title, value, _label, _target in GOALS:
        baseline = _register_count(page, server_url, value, "2025-01-01", "2025-06-30")
        current = _register_count(page, server_url, value, first, last)
        assert shown[title] == (baseline, current)
