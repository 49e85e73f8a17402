"""Measures in the browser: the catalogue, a deployment in the approach, and its evaluation.

The coordinator narrows the catalogue to the victim line and businesses, deploys a prevention
visit in the demo approach, and opens its evaluation. The demo's two deployments with an
effect built into its robberies (camera surveillance in the town centre's KVO area works,
the new lighting in West does not) get the verdicts the generator put there. The partner sees
the camera evaluation with its small counts hidden and without the course per three months.

The test that deploys a measure deletes it again through the form, so that the other tests on
the shared demo server see the demo's deployments as loaded.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import serious_violations

pytestmark = pytest.mark.e2e

APPROACH = "Aanpak overvallen Voorbeeldstad 2026"
MEASURE = "Preventiebezoek en veiligheidsadvies voor bedrijven met een verhoogd risico"
PLACE = "Centrum (WK999901)"
OWNER = "Politie Eenheid Voorbeeldland"
START = "2025-06-01"
CAMERA = "Gemeentelijk cameratoezicht"
LIGHTING = "Verlichting en inrichting"
#: The rows of the counts table, in their order.
AREAS = ["Inzetgebied", "Bufferzone", "Vergelijkingsgebied"]


def _count(text: str) -> int:
    """The number in "12 maatregelen" or "(12)"."""
    return int(re.search(r"\d+", text).group())


def _counts(page) -> dict[str, tuple[str, str]]:
    """The counts table of an evaluation: area -> (before, after), as the cells read."""
    rows = page.get_by_test_id("counts").locator("tbody tr")
    expect(rows).to_have_count(len(AREAS))
    counts = {}
    for row in rows.all():
        name = row.get_by_role("rowheader").inner_text().strip()
        before = row.get_by_test_id("before").inner_text().strip()
        after = row.get_by_test_id("after").inner_text().strip()
        counts[name] = (before, after)
    assert list(counts) == AREAS
    return counts


def _open_evaluation_from_list(page, measure: str) -> None:
    """From the list of deployed measures, the evaluation of the one deployment of ``measure``."""
    page.goto("/maatregelen/inzet/")
    row = page.get_by_test_id("deployment-row").filter(has_text=measure)
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Evaluatie").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Werkte het? {measure}")
    expect(page.get_by_test_id("verdict")).to_be_visible()


def test_the_catalogue_filters_on_line_and_target(page_as):
    page = page_as("coordinator")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Maatregelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maatregelen")
    everything = _count(page.get_by_test_id("result-count").inner_text())

    line = page.get_by_role("group", name="Spoor", exact=True)
    target = page.get_by_role("group", name="Doelwit", exact=True)
    line.get_by_label("Slachtofferspoor").check()
    target.get_by_label("Ondernemingen").check()
    page.get_by_role("button", name="Filteren", exact=True).click()
    expect(page).to_have_url(re.compile(r"lines=victim"))
    expect(page).to_have_url(re.compile(r"targets=business"))
    expect(page.get_by_test_id("clear-filters")).to_be_visible()

    heading = page.get_by_test_id("result-count")
    expect(heading).to_have_text(re.compile(r"^\d+ maatregel(en)?$"))
    shown = _count(heading.inner_text())
    assert 0 < shown < everything
    results = page.get_by_test_id("measure")
    expect(results).to_have_count(shown)
    for result in results.all():
        tags = [" ".join(t.split()) for t in result.get_by_role("listitem").all_text_contents()]
        assert "Spoor: Slachtofferspoor" in tags, tags
        assert "Doelwit: Ondernemingen" in tags, tags

    # The chosen values stay ticked, and the count beside each is the number of results.
    for group, value in ((line, "Slachtofferspoor"), (target, "Ondernemingen")):
        expect(group.get_by_label(value)).to_be_checked()
        count = group.locator("label").filter(has_text=value).get_by_test_id("facet-count")
        assert _count(count.inner_text()) == shown
    assert serious_violations(page) == []


def test_the_coordinator_deploys_a_measure_in_the_approach_and_opens_its_evaluation(page_as):
    page = page_as("coordinator")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanpak").click()
    page.get_by_test_id("active-approaches").get_by_role("link", name=APPROACH).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(APPROACH)
    parts = page.get_by_role("navigation", name="Onderdelen van de aanpak")
    parts.get_by_role("link", name="Plan van aanpak").click()
    listed = page.get_by_test_id("approach-deployments").get_by_test_id("deployment-row")
    expect(listed.first).to_be_visible()
    before = listed.count()
    assert listed.filter(has_text=MEASURE).filter(has_text=PLACE).count() == 0

    # The form, from the plan: the approach is filled in.
    page.get_by_test_id("deploy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maatregel inzetten")
    expect(page.get_by_label("Aanpak", exact=True).locator("option:checked")).to_have_text(APPROACH)
    page.get_by_label("Maatregel", exact=True).select_option(label=MEASURE)
    page.get_by_label("Waar", exact=True).select_option(label=PLACE)
    page.get_by_label("Eigenaar", exact=True).select_option(label=OWNER)
    page.get_by_label("Startdatum", exact=True).fill(START)
    page.get_by_role("button", name="Opslaan", exact=True).click()

    # The deployment's own page.
    expect(page.get_by_role("status").filter(has_text="De inzet is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEASURE)
    deployment_url = page.url
    details = page.get_by_test_id("deployment")
    expect(details).to_contain_text(PLACE)
    expect(details).to_contain_text(OWNER)
    expect(details).to_contain_text(APPROACH)
    expect(details).to_contain_text("1 juni 2025")
    try:
        # The plan lists it.
        details.get_by_role("link", name=APPROACH).click()
        parts.get_by_role("link", name="Plan van aanpak").click()
        expect(listed).to_have_count(before + 1)
        row = listed.filter(has_text=MEASURE).filter(has_text=PLACE)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(OWNER)
        expect(row).to_contain_text(START)

        # Did it work? The verdict, the counts, the course with its figures.
        row.get_by_role("link", name=MEASURE).click()
        page.get_by_role("link", name="Werkte het? Open de evaluatie").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Werkte het? {MEASURE}")
        verdict = page.get_by_test_id("verdict")
        expect(verdict.get_by_role("heading", level=2)).not_to_be_empty()
        assert verdict.get_attribute("data-effect") in {
            "decline",
            "no_difference",
            "rise",
            "too_few",
        }
        for area, (before_count, after_count) in _counts(page).items():
            assert re.fullmatch(r"\d+", before_count), (area, before_count)
            assert re.fullmatch(r"\d+", after_count), (area, after_count)
        course = page.get_by_test_id("course")
        expect(course.get_by_role("heading", name="Het verloop in de tijd")).to_be_visible()
        expect(course.locator("svg")).to_have_count(1)
        expect(course.get_by_role("img")).to_be_visible()
        figures = course.get_by_role("table")
        expect(figures).to_have_count(1)
        expect(figures.locator("tbody tr").first).to_be_visible()
        assert serious_violations(page) == []
    finally:
        # Leave the demo as it was loaded: delete the deployment through its form.
        page.goto(deployment_url)
        page.get_by_test_id("edit-link").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Inzet wijzigen")
        page.get_by_test_id("delete").get_by_role("button", name="Verwijderen").click()
        expect(
            page.get_by_role("status").filter(has_text="De inzet is verwijderd.")
        ).to_be_visible()
    expect(page.get_by_test_id("deployments").get_by_test_id("deployment-row")).to_have_count(
        before
    )


def test_the_built_in_effects_show_in_the_evaluations(page_as):
    page = page_as("coordinator")
    _open_evaluation_from_list(page, CAMERA)
    expect(page.get_by_test_id("verdict")).to_have_attribute("data-effect", "decline")
    _open_evaluation_from_list(page, LIGHTING)
    expect(page.get_by_test_id("verdict")).not_to_have_attribute("data-effect", "decline")


def test_the_partner_sees_the_camera_evaluation_with_small_counts_hidden(page_as):
    coordinator = page_as("coordinator")
    _open_evaluation_from_list(coordinator, CAMERA)
    counted = _counts(coordinator)

    page = page_as("partner")
    _open_evaluation_from_list(page, CAMERA)
    expect(page.get_by_test_id("verdict")).to_have_attribute("data-effect", "decline")
    shown = _counts(page)
    for area in AREAS:
        for seen, count in zip(shown[area], counted[area], strict=True):
            assert not re.fullmatch(r"[1-4]", seen), (area, shown[area])
            if 0 < int(count) < 5:
                assert seen == "<5", (area, seen, count)
            else:
                assert seen == count, (area, seen, count)
    assert "<5" in [cell for pair in shown.values() for cell in pair]
    expect(
        page.get_by_text("Voor uw rol of organisatie worden aantallen onder de 5")
    ).to_be_visible()
    expect(page.get_by_test_id("course")).to_have_count(0)
    expect(page.get_by_role("main").locator("svg")).to_have_count(0)
    expect(page.get_by_test_id("statistics")).to_have_count(0)
