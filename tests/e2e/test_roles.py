"""Each demo user logs in through the form and lands on the dashboard of their role."""

import re

import pytest

from tests.e2e.axe import serious_violations
from tests.e2e.conftest import DEMO_ROLES

pytestmark = pytest.mark.e2e

#: What a person in each role sees first: the heading of their dashboard and one line below it.
DASHBOARDS = {
    "coordinator": ("Regie op de aanpak overvallen", "Kerncijfers"),
    "mayor": ("Bestuurlijk overzicht overvallen", "Kerncijfers"),
    "analyst": ("Analyse overvallen", "De afgelopen vijf jaar"),
    "caseworker": ("Mijn persoonsgerichte zaken", "U heeft nog geen persoonsgerichte zaken"),
    "victimworker": (
        "Slachtoffernazorg",
        "U ziet alleen de nazorg die naar uw organisatie is doorverwezen",
    ),
    "partner": ("Overvallen in de regio", "Waarom sommige aantallen als “<5” worden getoond"),
    "overseer": (
        "Regionale vergelijking overvallen",
        "Waarom sommige aantallen als “<5” worden getoond",
    ),
    "privacy": ("Toezicht op gegevensgebruik", "Regels in de auditlog vandaag"),
    "admin": ("Systeembeheer", "U ziet geen inhoud van zaken."),
}

#: The main navigation each role gets: only pages that exist and that the role may open.
NAVIGATION = {
    "coordinator": [
        "Dashboard",
        "Overvallen",
        "Veiligheidsanalyse",
        "Aanpak",
        "Maatregelen",
        "Slachtoffernazorg",
        "Organisaties",
    ],
    "mayor": [
        "Dashboard",
        "Overvallen",
        "Veiligheidsanalyse",
        "Aanpak",
        "Maatregelen",
        "Organisaties",
    ],
    "analyst": [
        "Dashboard",
        "Overvallen",
        "Veiligheidsanalyse",
        "Aanpak",
        "Maatregelen",
        "Organisaties",
    ],
    "caseworker": ["Dashboard", "Overvallen", "Aanpak", "Maatregelen", "Organisaties"],
    "victimworker": [
        "Dashboard",
        "Overvallen",
        "Aanpak",
        "Maatregelen",
        "Slachtoffernazorg",
        "Organisaties",
    ],
    "partner": [
        "Dashboard",
        "Overvallen",
        "Veiligheidsanalyse",
        "Aanpak",
        "Maatregelen",
        "Organisaties",
    ],
    "overseer": [
        "Dashboard",
        "Overvallen",
        "Veiligheidsanalyse",
        "Aanpak",
        "Maatregelen",
        "Organisaties",
    ],
    "privacy": ["Dashboard", "Maatregelen", "Organisaties", "Auditlog"],
    "admin": ["Dashboard", "Maatregelen", "Organisaties", "Beheer"],
}


@pytest.mark.parametrize("username", list(DEMO_ROLES))
def test_demo_user_logs_in_and_lands_on_their_accessible_dashboard(login, username):
    page = login(username)
    heading, line = DASHBOARDS[username]
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.get_by_text(line, exact=False).first.is_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link").all_inner_texts() == NAVIGATION[username]
    assert nav.get_by_role("link", name="Dashboard").get_attribute("aria-current") == "page"
    # Who is logged in, in which role, is on every page.
    assert page.get_by_test_id("current-user").is_visible()
    assert serious_violations(page) == []


def test_partner_gets_not_found_for_management_and_another_organisation(page_as):
    # The coordinator's municipality, as the coordinator sees it.
    coordinator = page_as("coordinator")
    coordinator.goto("/organisaties/")
    municipality_url = (
        coordinator.get_by_role("main").get_by_role("link").first.get_attribute("href")
    )

    page = page_as("partner")
    response = page.goto("/beheer/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    assert page.get_by_role("navigation", name="Hoofdmenu").is_visible()

    page.goto("/organisaties/")
    own = page.get_by_role("main").get_by_role("link").all()
    assert len(own) == 1
    own_url = own[0].get_attribute("href")
    assert page.goto(own_url).status == 200
    assert municipality_url != own_url
    response = page.goto(municipality_url)
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"


def test_language_switch_to_english_and_back(page_as):
    page = page_as("coordinator")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Directing the robbery approach"
    assert page.get_by_role("navigation", name="Main navigation").is_visible()
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Regie op de aanpak overvallen"


def test_wrong_password_says_what_is_wrong_in_dutch(login):
    page = login("coordinator", password="niet-het-wachtwoord")
    alert = page.get_by_role("alert")
    assert re.search(r"gebruikersnaam|wachtwoord", alert.inner_text(), re.I)
    assert page.get_by_label("Gebruikersnaam").get_attribute("aria-invalid") == "true"


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page):
    page.goto("/inloggen/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    assert skip.evaluate("e => e === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_log_out(login):
    page = login("analyst")  # its own session: logging out ends it
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
    assert "/inloggen/" in page.url
    page.goto("/")
    assert "/inloggen/" in page.url
