"""The demo holds an approach well under way, made through the services by the demo users."""

import pytest
from django.utils import timezone

from overvalregie.approach import metrics, steps
from overvalregie.approach.models import (
    ActionStatus,
    Approach,
    ApproachKind,
    MeetingKind,
    MemberRole,
    Presence,
)
from overvalregie.audit.services import verify_chain
from overvalregie.demo.approach_example import COMPLETED_STEPS
from overvalregie.demo.loader import load_demo
from overvalregie.organisations.roles import OrganisationKind
from overvalregie.safety_analysis.models import AnalysisState, Decision, SafetyAnalysis

pytestmark = pytest.mark.django_db


@pytest.fixture
def approach(loaded_demo):
    return Approach.objects.select_related("decision__analysis", "municipality").get()


def test_the_approach_rests_on_the_triangle_decision_and_a_final_analysis(approach):
    assert approach.name == "Aanpak overvallen Voorbeeldstad 2026"
    assert approach.kind == ApproachKind.SPECIFIC
    assert approach.municipality.code == "GM9999"
    assert str(approach.budget) == "85000.00"
    decision = approach.decision
    assert (decision.choice, decision.body, decision.date.isoformat()) == (
        "specific",
        "triangle",
        "2025-11-20",
    )
    assert decision.advice_police and decision.advice_prosecution and decision.advice_officials
    analysis = decision.analysis
    assert analysis.state == AnalysisState.FINAL
    assert analysis.version == 1
    assert analysis.figures  # computed, not left for the worker
    assert (analysis.period_start.isoformat(), analysis.period_end.isoformat()) == (
        "2021-11-01",
        "2025-10-31",
    )


def test_steps_one_to_four_are_done_and_step_five_is_under_way(approach):
    plans = {plan.key: plan for plan in steps.standing(approach)}
    robbery = plans["overvallen"]
    states = {s.step.key: s.state for s in robbery.steps}
    assert all(states[key] == steps.DONE for key in COMPLETED_STEPS)
    assert robbery.current.step.key == "uitvoering"
    assert robbery.current.state == steps.STARTED
    assert any(item.done for item in robbery.current.items)
    assert robbery.current.missing  # the interim evaluation is still to be written
    aftercare = plans["slachtoffernazorg"]
    assert aftercare.steps[0].state == steps.DONE
    assert aftercare.current.step.key == "screenen"


def test_project_structure_has_leader_prosecutor_and_triangle(approach):
    members = list(approach.members.select_related("organisation", "user"))
    leader = next(m for m in members if m.role == MemberRole.LEADER)
    assert leader.user.username == "coordinator"
    kinds = {m.organisation.kind for m in members}
    assert OrganisationKind.PROSECUTION in kinds
    assert {"analyst", "caseworker", "victimworker", "partner"} <= {
        m.user.username for m in members if m.user_id
    }
    assert sum(1 for m in members if m.role == MemberRole.TRIANGLE) == 3
    assert approach.commitments.count() >= 4


def test_goals_take_their_values_from_the_register(approach):
    goals = list(approach.goals.select_related("approach__municipality"))
    assert len(goals) >= 2
    values = [metrics.goal_values(goal) for goal in goals]
    assert all(v.baseline.value is not None for v in values)
    assert all(v.baseline.robberies > 0 for v in values)
    # Plausible targets: some progress, but not every goal achieved.
    assert any(v.achieved for v in values)
    assert not all(v.achieved for v in values)


def test_some_actions_are_done_and_some_overdue(approach):
    today = timezone.localdate()
    actions = list(approach.actions.all())
    assert len(actions) >= 8
    overdue = [a for a in actions if a.is_overdue(today)]
    assert len(overdue) == 2
    assert all(a.owner_id for a in actions)
    done = [a for a in actions if a.status == ActionStatus.DONE]
    assert done and all(a.completed for a in done)
    assert any(a.status == ActionStatus.IN_PROGRESS and not a.is_overdue(today) for a in actions)
    assert any(a.deadline > today for a in actions)


def test_triangle_meetings_with_attendance_and_the_decision(approach):
    triangle = list(approach.meetings.filter(kind=MeetingKind.TRIANGLE).order_by("date"))
    assert [m.date.isoformat() for m in triangle] == [
        "2025-12-08",
        "2026-03-16",
        "2026-06-15",
        "2026-10-05",
    ]
    first = triangle[0]
    assert list(first.decisions.all()) == [approach.decision]
    assert first.attendance.filter(presence=Presence.PRESENT).count() >= 3
    assert approach.meetings.filter(kind=MeetingKind.PROJECT_GROUP).exists()
    assert approach.actions.filter(meeting__isnull=False).exists()


def test_one_request_answered_one_open_and_a_communication_log(approach):
    requests = list(approach.decision_requests.all())
    assert sorted(r.is_open for r in requests) == [False, True]
    assert all(r.answer for r in requests if not r.is_open)
    audiences = set(approach.communications.values_list("audience", flat=True))
    assert len(audiences) >= 3


def test_a_newer_dark_days_decision_awaits_an_approach(loaded_demo, approach):
    waiting = Decision.objects.get(choice="dark_days")
    assert waiting.date.isoformat() == "2026-11-16"
    assert waiting.analysis_id == approach.decision.analysis_id
    assert not Approach.objects.filter(decision=waiting).exists()


def test_loading_again_creates_nothing_and_the_audit_chain_holds(loaded_demo, cached_generate):
    def counts():
        return Approach.objects.count(), Decision.objects.count(), SafetyAnalysis.objects.count()

    assert counts() == (1, 2, 1)
    assert not load_demo().created
    assert counts() == (1, 2, 1)
    assert loaded_demo.counts["approach_actions"] >= 8
    assert verify_chain().ok
