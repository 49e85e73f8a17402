"""Where an approach stands: each step's state and what it still misses, and the completion rule."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from overvalregie.approach import services, steps
from overvalregie.approach.models import ApproachStep, MemberRole, ProjectMember
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.usefixtures("english")


def _states(approach):
    return [s.state for s in steps.standing(approach)[0].steps]


def _step(approach, key):
    return approach.steps.get(plan_key="overvallen", key=key)


def _finish_step_one(coordinator, approach, town):
    step = _step(approach, "samenwerking")
    for item in step.checklist.all():
        services.tick(coordinator, item, True)
    services.save_note(coordinator, step, "intentie", "De driehoek wil samenwerken.")
    for n in range(3):
        organisation = OrganisationFactory(municipality=town)
        services.save_part(
            coordinator,
            ProjectMember(approach=approach, name=f"Lid {n}", organisation=organisation,
                          role=MemberRole.MEMBER),
        )  # fmt: skip
    return step


def test_a_new_approach_is_open_at_step_one_and_the_rest_waits(approach):
    assert _states(approach) == ["open"] + ["waiting"] * 5
    first = steps.standing(approach)[0].steps[0]
    assert "Intention to cooperate" in first.missing
    assert "Partners in the project structure (0/3)" in first.missing


def test_a_step_is_under_way_then_ready_then_done(coordinator, approach, town):
    step = _step(approach, "samenwerking")
    services.tick(coordinator, step.checklist.first(), True)
    assert _states(approach)[0] == "started"
    with pytest.raises(ValidationError, match="still misses"):
        services.complete_step(coordinator, step)

    _finish_step_one(coordinator, approach, town)
    assert _states(approach)[0] == "ready"
    services.complete_step(coordinator, step)

    # Step 2 is under way already: the three members form its project group.
    assert _states(approach)[:2] == ["done", "started"]
    assert steps.standing(approach)[0].current.step.key == "haalbaarheid"


def test_the_safety_analysis_artefact_is_met_by_the_final_analysis_behind_the_decision(approach):
    analysis_step = next(
        s for s in steps.standing(approach)[0].steps if s.step.key == "probleemanalyse"
    )
    assert [(a.kind, a.met) for a in analysis_step.artefacts] == [("safety_analysis", True)]


def test_a_waiting_step_cannot_be_completed(coordinator, approach):
    step = _step(approach, "probleemanalyse")
    for item in step.checklist.all():
        services.tick(coordinator, item, True)
    with pytest.raises(ValidationError, match="previous step"):
        services.complete_step(coordinator, step)
    assert ApproachStep.objects.get(pk=step.pk).completed is None


def test_reopening_a_step_reopens_the_later_ones(coordinator, approach, town):
    first = _finish_step_one(coordinator, approach, town)
    services.complete_step(coordinator, first)
    services.reopen_step(coordinator, first)
    assert _states(approach)[0] == "ready"


def test_a_completed_step_keeps_its_checklist_until_reopened(coordinator, approach, town):
    first = _finish_step_one(coordinator, approach, town)
    services.complete_step(coordinator, first)
    with pytest.raises(ValidationError):
        services.tick(coordinator, first.checklist.first(), False)
    with pytest.raises(ValidationError):
        services.save_note(coordinator, first, "intentie", "")


def test_a_second_plan_adds_its_own_steps(coordinator, approach):
    from overvalregie.approach.models import StepPlan

    services.add_plan(coordinator, approach, StepPlan.objects.get(key="slachtoffernazorg"))
    plans = steps.standing(approach)
    assert [p.key for p in plans] == ["overvallen", "slachtoffernazorg"]
    assert [s.state for s in plans[1].steps] == ["open", "waiting", "waiting", "waiting"]
    with pytest.raises(ValidationError):
        services.add_plan(coordinator, approach, StepPlan.objects.get(key="slachtoffernazorg"))


def test_meetings_count_per_kind(coordinator, approach):
    from overvalregie.approach.models import Meeting

    services.record_meeting(
        coordinator, Meeting(approach=approach, kind="project_group", date=dt.date(2025, 2, 1)),
        attendance={},
    )  # fmt: skip
    facts = steps.Facts.of(approach)
    assert facts.meetings["project_group"] == 1 and facts.meetings["triangle"] == 0
