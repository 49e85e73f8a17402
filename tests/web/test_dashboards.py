"""Each role lands on its own dashboard and sees what the role may see, in Dutch by default."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from overvalregie.organisations.roles import Role

pytestmark = pytest.mark.django_db

HEADINGS = {
    Role.COORDINATOR: "Regie op de aanpak overvallen",
    Role.ADMINISTRATOR: "Bestuurlijk overzicht overvallen",
    Role.ANALYST: "Analyse overvallen",
    Role.CASEWORKER: "Mijn persoonsgerichte zaken",
    Role.VICTIMWORKER: "Slachtoffernazorg",
    Role.PARTNER: "Overvallen in de regio",
    Role.OVERSEER: "Regionale vergelijking overvallen",
    Role.PRIVACY: "Toezicht op gegevensgebruik",
    Role.SYSADMIN: "Systeembeheer",
}


def _text(html: str) -> str:
    """The visible text, whitespace collapsed (good enough for our own templates)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def _cells(html: str, table_id: str) -> dict[str, list[str]]:
    """Row header -> cell texts of the table with this id."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    rows = {}
    for row in re.findall(r"<tr\b.*?</tr>", table, re.S):
        header = re.search(r'<th scope="row"[^>]*>(.*?)</th>', row, re.S)
        if header:
            name = _text(header.group(1))
            rows[name] = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    return rows


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_its_own_dashboard_in_dutch(client, person, role):
    client.force_login(person(role))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == f"web/dashboard_{role.value}.html"
    html = response.content.decode()
    assert f'<h1 class="utrecht-heading-1">{HEADINGS[role]}</h1>' in html
    assert '<html lang="nl"' in html
    assert 'class="voorbeeld-theme' in html


def test_coordinator_sees_key_figures_years_targets_and_region(client, person, region):
    client.force_login(person(Role.COORDINATOR))
    html = client.get(reverse("dashboard")).content.decode()
    text = _text(html)
    # 9 robberies up to 30 June 2025, 4 in the same period of 2024, 6 in all of 2024.
    assert "Overvallen in 2025 tot nu toe 9" in text
    assert "Dezelfde periode in 2024 4 dit jaar 5 meer (+125%)" in text
    assert "Overvallen in heel 2024 6" in text
    assert _cells(html, "own-table") == {"Groterdam": ["0", "0", "0", "6", "9", "5,0"]}
    targets = _cells(html, "target-table")
    assert targets["Winkel"] == ["6", "7"]
    assert targets["Woning"] == ["0", "2"]
    # The region: its own town in full, the neighbour's small counts suppressed; no total
    # (it would reveal the hidden count); the town of another police unit is not shown.
    region_rows = _cells(html, "region-table")
    assert region_rows["Groterdam uw gebied"] == ["0", "0", "0", "6", "9", "5,0"]
    assert region_rows["Kleindorp"] == ["0", "0", "0", "0", "<5", "0,0"]
    assert "Verweg" not in html
    assert "Totaal" not in _text(html.split('id="region-table"')[1])
    assert 'data-testid="suppression-note"' in html


def test_analyst_of_the_police_unit_sees_every_town_in_full_with_totals(client, person):
    client.force_login(person(Role.ANALYST))
    html = client.get(reverse("dashboard")).content.decode()
    own = _cells(html, "own-table")
    assert own["Kleindorp"][4] == "2"
    assert own["Totaal"] == ["0", "0", "0", "6", "11", ""]
    assert "Overvallen in 2025 tot nu toe 11" in _text(html)


@pytest.mark.parametrize("role", [Role.PARTNER, Role.OVERSEER])
def test_partner_and_overseer_see_suppressed_aggregates_only(client, person, role):
    client.force_login(person(role))
    html = client.get(reverse("dashboard")).content.decode()
    text = _text(html)
    region_rows = _cells(html, "region-table")
    assert region_rows["Groterdam"] == ["0", "0", "0", "6", "9", "5,0"]
    assert region_rows["Kleindorp"] == ["0", "0", "0", "0", "<5", "0,0"]
    targets = _cells(html, "region-target-table")
    assert targets["Winkel"] == ["6", "9"]  # both towns
    assert targets["Woning"] == ["0", "<5"]
    assert "worden getoond als “&lt;5”" in html
    assert "Kerncijfers" not in text  # no own-municipality detail
    assert "own-table" not in html


@pytest.mark.parametrize(
    ("role", "empty"),
    [
        (Role.CASEWORKER, "U heeft nog geen persoonsgerichte zaken"),
        (Role.VICTIMWORKER, "Er is nog geen nazorg naar u doorverwezen"),
    ],
)
def test_case_and_victim_workers_get_an_empty_state_and_no_figures(client, person, role, empty):
    client.force_login(person(role))
    html = client.get(reverse("dashboard")).content.decode()
    assert empty in _text(html)
    assert "<table" not in html


def test_privacy_officer_sees_todays_audit_entries_and_the_search(
    client, person, region, monkeypatch
):
    from overvalregie.audit.models import AuditAction, AuditEntry
    from overvalregie.audit.services import record

    monkeypatch.undo()  # entries are written today, not on the fixed dashboard date

    officer = person(Role.PRIVACY)
    record(officer, AuditAction.READ, region["gemeente"], purpose="test")
    record(officer, AuditAction.REFUSED, region["police"], purpose="test")
    client.force_login(officer)
    html = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("audit-search")}"' in html
    # Logging in may be audited too: count what the log holds, not what this test wrote.
    total = AuditEntry.objects.count()
    assert total >= 2
    assert re.search(rf'data-testid="audit-today">{total}<', html)
    today = _cells(html, "audit-today-table")
    assert today["Ingezien"] == ["1"]
    assert today["Geweigerd"] == ["1"]


def test_sysadmin_gets_management_links_and_is_told_no_case_contents(client, person):
    client.force_login(person(Role.SYSADMIN))
    html = client.get(reverse("dashboard")).content.decode()
    for name in [
        "admin:index",
        "admin:organisations_user_changelist",
        "admin:organisations_organisation_changelist",
    ]:
        assert f'href="{reverse(name)}"' in html
    assert "U ziet geen inhoud van zaken." in html
    assert "<table" not in html


def test_user_without_membership_is_told_what_to_do(client, django_user_model):
    user = django_user_model.objects.create_user("loner", password="x" * 12)
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 403
    assert "Vraag uw systeembeheerder" in response.content.decode()


def test_english_is_available(client, person):
    client.force_login(person(Role.COORDINATOR))
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="en"' in html
    assert "Directing the robbery approach" in html
    assert 'lang="nl">Nederlands</button>' in html
