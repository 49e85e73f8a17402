"""The victim line in the browser: the victim worker works through a follow-up referred to them.

In the demo, the newest robbery in the town has a follow-up referred to Slachtofferhulp
Voorbeeldland with its last steps still open; their deadlines lie weeks back, so they show as
overdue. The victim worker sees it on the dashboard, opens it (the read is logged), completes
the open steps and closes the follow-up. A case worker who types its address gets a 404.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import serious_violations

pytestmark = pytest.mark.e2e


def test_the_victim_worker_completes_a_follow_up_with_overdue_steps(page_as, server_url):
    page = page_as("victimworker")
    section = page.get_by_test_id("dashboard-follow-ups")
    expect(section.get_by_test_id("dashboard-overdue-steps").first).to_be_visible()

    # The list: the follow-up with its overdue steps.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Slachtoffernazorg"
    ).click()
    row = page.get_by_test_id("follow-up").filter(has=page.get_by_test_id("overdue")).first
    expect(row).to_be_visible()
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nazorg na de overval van")
    url = page.url
    overdue = page.locator("[data-testid=step][data-overdue]")
    open_steps = page.get_by_test_id("step-form")
    expect(open_steps.first).to_be_visible()
    assert overdue.count() >= 1
    assert page.locator("[data-testid=step-state][data-state=overdue]").count() == overdue.count()
    assert serious_violations(page) == []

    # Every open step done, one by one.
    for _ in range(open_steps.count()):
        form = open_steps.first
        form.get_by_label("Uitkomst").fill("Gebeld en besproken; geen verdere hulp nodig.")
        form.get_by_role("button", name="Afronden").click()
        expect(page.get_by_role("status").filter(has_text="is afgerond")).to_be_visible()
    expect(page.get_by_test_id("step-form")).to_have_count(0)
    expect(page.locator("[data-testid=step-state][data-state=overdue]")).to_have_count(0)

    # ... and the follow-up closed.
    page.get_by_test_id("close").get_by_role("button").click()
    expect(page.get_by_role("status").filter(has_text="is gesloten")).to_be_visible()
    expect(page.get_by_test_id("reopen")).to_be_visible()

    # A case worker who types the address gets nothing.
    other = page_as("caseworker")
    response = other.goto(url)
    assert response.status == 404
    expect(other.get_by_role("heading", level=1)).not_to_contain_text("Nazorg na de overval")
