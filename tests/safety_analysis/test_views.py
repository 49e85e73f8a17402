"""The analysis pages: who sees what, a run through the worker, the PDF and the decision."""

import datetime as dt

import pytest
from django.urls import reverse

from overvalregie.organisations.roles import Role
from overvalregie.safety_analysis import services
from overvalregie.safety_analysis.models import AnalysisState, Decision, SafetyAnalysis
from tests.organisations.factories import OrganisationFactory, member
from tests.safety_analysis.conftest import END, START

LIST = reverse("analysis-list")


def _url(analysis, name="analysis-detail"):
    return reverse(name, kwargs={"pk": analysis.pk})


@pytest.fixture
def draft(analyst, town):
    analysis = services.start(analyst, town, START, END)
    analysis.refresh_from_db()
    return analysis


def test_the_analyst_runs_an_analysis_from_the_list(client, analyst, town):
    client.force_login(analyst)

    response = client.post(
        LIST,
        {
            "municipality": town.pk,
            "level": "municipality",
            "start": "2024-01-01",
            "end": "2024-12-31",
        },
    )

    analysis = SafetyAnalysis.objects.get()
    assert response.status_code == 302 and response.url == _url(analysis)
    assert analysis.state == AnalysisState.DRAFT  # the worker (run at once in tests) filled it
    page = client.get(response.url).content.decode()
    assert 'data-testid="criteria"' in page and 'data-criterion="repeat_victims"' in page
    assert "<svg" in page  # the charts
    assert 'data-testid="map"' in page and 'data-testid="density-map"' in page


def test_a_period_ending_before_it_starts_is_a_field_error(client, analyst, town):
    client.force_login(analyst)

    response = client.post(
        LIST,
        {
            "municipality": town.pk,
            "level": "municipality",
            "start": "2024-12-31",
            "end": "2024-01-01",
        },
    )

    assert response.status_code == 200 and response.context["form"].errors["end"]
    assert not SafetyAnalysis.objects.exists()


def test_a_partner_sees_suppressed_counts_and_no_offender_section(client, draft, town):
    partner = member(Role.PARTNER, OrganisationFactory(municipality=town))
    client.force_login(partner)

    page = client.get(_url(draft)).content.decode()

    assert 'data-testid="offender-section"' not in page
    assert "&lt;5" in page  # some target or year has fewer than five robberies
    assert 'name="action" value="finalise"' not in page
    assert client.post(_url(draft), {"action": "finalise"}).status_code == 404
    assert client.post(LIST, {"municipality": town.pk}).status_code == 404


def test_the_analyst_sees_the_offender_section_and_full_counts(client, analyst, draft):
    client.force_login(analyst)

    page = client.get(_url(draft)).content.decode()

    assert 'data-testid="offender-section"' in page
    assert 'data-testid="total">20<' in page


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.VICTIMWORKER, Role.PRIVACY])
def test_other_roles_get_404(client, draft, town, role):
    client.force_login(member(role, OrganisationFactory(municipality=town)))

    assert client.get(LIST).status_code == 404
    assert client.get(_url(draft)).status_code == 404


def test_another_municipalitys_analysis_is_404(client, draft):
    client.force_login(member(Role.ANALYST, OrganisationFactory()))

    assert client.get(_url(draft)).status_code == 404
    assert client.get(_url(draft, "analysis-pdf")).status_code == 404


def test_the_pdf_is_a_pdf_and_its_download_is_logged(client, analyst, draft):
    client.force_login(analyst)

    response = client.get(_url(draft, "analysis-pdf"))

    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert draft.municipality.code in response["Content-Disposition"]


def test_findings_priorities_finalise_then_the_mayor_decides(client, analyst, mayor, draft):
    client.force_login(analyst)
    client.post(_url(draft), {"action": "finding", "finding-method": "interview",
                              "finding-finding": "Winkeliers noemen het station."})  # fmt: skip
    client.post(_url(draft), {"action": "priorities", "priorities-priorities": "Supermarkten"})
    client.post(_url(draft), {"action": "finalise"})
    draft.refresh_from_db()
    assert draft.state == AnalysisState.FINAL and draft.findings.count() == 1
    assert client.get(_url(draft, "decision-new")).status_code == 404  # the analyst may not

    client.force_login(mayor)
    response = client.post(_url(draft, "decision-new"), {
        "body": "mayor", "date": "2025-01-15", "choice": "specific",
        "advice_police": "Starten", "advice_prosecution": "", "advice_officials": "Eens",
    })  # fmt: skip

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.analysis == draft and decision.choice == "specific"
    page = client.get(_url(draft)).content.decode()
    assert 'data-testid="decisions"' in page and "Winkeliers noemen het station." in page


def test_a_decision_in_the_future_is_a_field_error(client, analyst, mayor, draft):
    services.finalise(analyst, draft)
    client.force_login(mayor)
    tomorrow = dt.date.today() + dt.timedelta(days=2)

    response = client.post(_url(draft, "decision-new"), {
        "body": "mayor", "date": tomorrow.isoformat(), "choice": "monitoring",
    })  # fmt: skip

    assert response.status_code == 200 and response.context["form"].errors["date"]
    assert not Decision.objects.exists()


def test_the_progress_endpoint(client, analyst, draft):
    client.force_login(analyst)

    progress = client.get(_url(draft, "analysis-progress")).json()

    assert progress["state"] == "draft" and progress["fraction"] == 1.0
