"""Versions, findings, finalising and decisions, through the services (tasks run at once)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from overvalregie.audit.models import AuditEntry
from overvalregie.organisations.roles import Role
from overvalregie.safety_analysis import services
from overvalregie.safety_analysis.models import (
    AnalysisState,
    CriteriaThresholds,
    Decision,
    DecisionChoice,
    SafetyAnalysis,
)
from tests.organisations.factories import OrganisationFactory, member
from tests.safety_analysis.conftest import END, START


def _final(analyst, town):
    analysis = services.start(analyst, town, START, END)
    analysis.refresh_from_db()
    services.finalise(analyst, analysis)
    return analysis


def test_each_run_is_a_new_version_and_the_worker_fills_it(analyst, town):
    first = services.start(analyst, town, START, END)
    second = services.start(analyst, town, START, dt.date(2024, 6, 30))
    first.refresh_from_db()

    assert (first.version, second.version) == (1, 2)
    assert first.state == AnalysisState.DRAFT
    assert first.figures["counts"]["total"] == 20
    assert [c["name"] for c in first.criteria][:2] == ["rising_trend", "rate_above_region"]
    assert first.recommendation in {"specific", "broader", "monitoring"}
    assert first.thresholds["repeat_targets"] == 2
    assert SafetyAnalysis.objects.filter(municipality=town).count() == 2


def test_the_municipalitys_thresholds_are_used_and_kept(analyst, town):
    CriteriaThresholds.objects.create(municipality=town, recent_high_impact_days=7)

    analysis = services.start(analyst, town, START, END)
    analysis.refresh_from_db()

    assert analysis.thresholds["recent_high_impact_days"] == 7
    recent = next(c for c in analysis.criteria if c["name"] == "recent_high_impact")
    assert recent["threshold"] == 7 and recent["met"] is False  # 20 March is months before


def test_roles_without_the_right_are_refused_and_logged(town):
    partner = member(Role.PARTNER, OrganisationFactory(municipality=town))

    with pytest.raises(PermissionDenied):
        services.start(partner, town, START, END)

    assert not SafetyAnalysis.objects.exists()
    assert AuditEntry.objects.filter(action="refused").count() == 1


def test_an_analyst_of_another_municipality_is_refused(town):
    elsewhere = member(Role.ANALYST, OrganisationFactory())

    with pytest.raises(PermissionDenied):
        services.start(elsewhere, town, START, END)


def test_findings_only_while_draft(analyst, town):
    analysis = services.start(analyst, town, START, END)
    analysis.refresh_from_db()
    services.add_finding(analyst, analysis, "interview", "Ondernemers melden hangjongeren.")
    services.set_priorities(analyst, analysis, "1. Supermarkten\n2. Jongeren")

    services.finalise(analyst, analysis)

    assert analysis.findings.count() == 1 and analysis.state == AnalysisState.FINAL
    with pytest.raises(ValidationError):
        services.add_finding(analyst, analysis, "survey", "Te laat")
    with pytest.raises(ValidationError):
        services.finalise(analyst, analysis)


def test_a_decision_needs_a_final_version(analyst, mayor, town):
    draft = services.start(analyst, town, START, END)
    draft.refresh_from_db()

    with pytest.raises(ValidationError):
        services.record_decision(
            mayor, draft, body="mayor", date=dt.date(2025, 1, 10), choice="monitoring"
        )


def test_a_recorded_decision_cannot_be_changed(analyst, mayor, town):
    analysis = _final(analyst, town)

    decision = services.record_decision(
        mayor, analysis, body="triangle", date=dt.date(2025, 1, 10),
        choice=DecisionChoice.SPECIFIC, advice_police="Aanpak starten.",
        advice_prosecution="Eens.", advice_officials="Capaciteit vrijmaken.",
    )  # fmt: skip

    decision.advice_police = "Anders"
    with pytest.raises(ValidationError):
        decision.save()
    with pytest.raises(ValidationError):
        decision.delete()
    assert Decision.objects.get().advice_police == "Aanpak starten."


def test_a_correction_is_a_new_record_that_names_the_old(analyst, mayor, town):
    analysis = _final(analyst, town)
    first = services.record_decision(
        mayor, analysis, body="mayor", date=dt.date(2025, 1, 10), choice="monitoring"
    )

    second = services.record_decision(
        mayor, analysis, body="mayor", date=dt.date(2025, 1, 10), choice="dark_days",
        corrects=first,
    )  # fmt: skip

    assert second.corrects == first and Decision.objects.count() == 2


def test_only_coordinator_and_mayor_record_decisions(analyst, town):
    analysis = _final(analyst, town)

    with pytest.raises(PermissionDenied):
        services.record_decision(
            analyst, analysis, body="mayor", date=dt.date(2025, 1, 10), choice="monitoring"
        )


def test_a_failing_computation_marks_the_version_failed(analyst, town, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "compute", broken)

    analysis = services.start(analyst, town, START, END)
    analysis.refresh_from_db()

    assert analysis.state == AnalysisState.FAILED
