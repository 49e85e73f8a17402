"""Starting an approach, who may change it, stale saves, and ended approaches."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from overvalregie.approach import services
from overvalregie.approach.models import ActionItem, Approach, ApproachStatus, Goal
from overvalregie.audit.models import AuditEntry
from overvalregie.organisations.roles import Role
from overvalregie.safety_analysis import services as analyses
from overvalregie.versions import Conflict
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.usefixtures("english")


def _start(user, decision, town, **extra):
    return services.start(
        user, municipality=town, kind="", name="Aanpak", started=dt.date(2025, 1, 20),
        decision=decision, **extra,
    )  # fmt: skip


def test_a_decision_becomes_one_approach_with_its_kind_and_step_plan(approach, decision):
    assert approach.decision == decision and approach.kind == "specific"
    assert approach.steps.count() == 6 and approach.status == ApproachStatus.ACTIVE
    assert AuditEntry.objects.filter(object_id=str(approach.pk), action="create").exists()


def test_a_decision_starts_only_one_approach(coordinator, approach, decision, town):
    with pytest.raises(ValidationError, match="already been started"):
        _start(coordinator, decision, town)
    assert Approach.objects.count() == 1


def test_monitoring_starts_no_approach(coordinator, mayor, decision, town):
    monitoring = analyses.record_decision(
        mayor, decision.analysis, body="mayor", date=dt.date(2025, 2, 1), choice="monitoring"
    )
    with pytest.raises(ValidationError, match="starts no approach"):
        _start(coordinator, monitoring, town)


def test_an_approach_without_a_decision_needs_a_kind_with_a_plan(coordinator, town):
    kvo = services.start(
        coordinator, municipality=town, kind="kvo", name="KVO Centrum", started=dt.date(2025, 3, 1)
    )
    assert kvo.steps.filter(plan_key="kvo").count() == 4
    with pytest.raises(ValidationError, match="ends before"):
        services.start(coordinator, municipality=town, kind="kvo", name="x",
                       started=dt.date(2025, 3, 1), ends=dt.date(2025, 2, 1))  # fmt: skip


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.ANALYST, Role.PARTNER])
def test_only_the_coordinator_runs_the_approach(approach, town, role):
    other = member(role, OrganisationFactory(municipality=town))
    with pytest.raises(PermissionDenied):
        services.save_part(other, Goal(
            approach=approach, title="x", baseline_start=dt.date(2025, 1, 1), target=1,
            deadline=dt.date(2025, 12, 31),
        ))  # fmt: skip
    assert not Goal.objects.exists()
    assert AuditEntry.objects.filter(action="refused").exists()


def test_a_coordinator_of_another_municipality_is_refused(approach, decision):
    elsewhere = member(Role.COORDINATOR, OrganisationFactory(municipality=MunicipalityFactory()))
    with pytest.raises(PermissionDenied):
        services.set_status(elsewhere, approach, ApproachStatus.STOPPED)
    with pytest.raises(PermissionDenied):
        _start(elsewhere, decision, decision.analysis.municipality)
    assert Approach.objects.get().status == ApproachStatus.ACTIVE


def test_a_stale_save_is_a_conflict_and_keeps_the_other_save(coordinator, approach, town):
    organisation = OrganisationFactory(municipality=town)
    action = services.save_part(coordinator, ActionItem(
        approach=approach, title="Camera's plaatsen", owner_organisation=organisation,
        deadline=dt.date(2025, 6, 1),
    ))  # fmt: skip
    loaded = action.version
    services.set_action_status(coordinator, ActionItem.objects.get(pk=action.pk), "done", loaded)

    stale = ActionItem.objects.get(pk=action.pk)
    with pytest.raises(Conflict):
        services.set_action_status(coordinator, stale, "cancelled", loaded)
    saved = ActionItem.objects.get(pk=action.pk)
    assert saved.status == "done" and saved.completed is not None and saved.version == loaded + 1


def test_an_ended_approach_takes_no_changes(coordinator, approach):
    services.set_status(coordinator, approach, ApproachStatus.COMPLETED)
    with pytest.raises(ValidationError, match="has ended"):
        services.tick(coordinator, approach.steps.first().checklist.first(), True)


def test_overdue_means_open_and_past_the_deadline(coordinator, approach, town):
    organisation = OrganisationFactory(municipality=town)
    today = dt.date(2025, 6, 10)
    for title, deadline, status in [
        ("te laat", dt.date(2025, 6, 9), "open"),
        ("bezig en te laat", dt.date(2025, 5, 1), "in_progress"),
        ("vandaag", dt.date(2025, 6, 10), "open"),
        ("klaar", dt.date(2025, 5, 1), "done"),
        ("geschrapt", dt.date(2025, 5, 1), "cancelled"),
    ]:
        services.save_part(coordinator, ActionItem(
            approach=approach, title=title, owner_organisation=organisation, deadline=deadline,
            status=status,
        ))  # fmt: skip
    assert sorted(services.overdue(today).values_list("title", flat=True)) == [
        "bezig en te laat", "te laat"
    ]  # fmt: skip
