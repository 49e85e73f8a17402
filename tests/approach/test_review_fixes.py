"""Who runs a regional approach, what a neighbour sees of it, and numbers that must hold."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from overvalregie.approach import services, steps
from overvalregie.approach.access import reader_of
from overvalregie.approach.metrics import goal_values
from overvalregie.approach.models import (
    ActionItem,
    Approach,
    ApproachStatus,
    Goal,
    Meeting,
    ProjectMember,
)
from overvalregie.audit.models import AuditEntry
from overvalregie.organisations.roles import Role
from tests.approach.test_views_plan import _goal_post
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def regional(coordinator, town):
    return services.start(
        coordinator, municipality=town, kind="dark_days", name="Regionaal offensief",
        started=dt.date(2025, 1, 1), police_unit=town.police_unit,
    )  # fmt: skip


@pytest.fixture
def neighbour(town):
    """The coordinator of another municipality in the same police unit."""
    other = MunicipalityFactory(police_unit=town.police_unit)
    return member(Role.COORDINATOR, OrganisationFactory(municipality=other))


def test_a_neighbour_follows_a_regional_approach_but_does_not_run_it(
    client, regional, neighbour, town
):
    assert Approach.objects.visible_to(neighbour).filter(pk=regional.pk).exists()
    reader = reader_of(neighbour, regional)
    assert not reader.manages and not reader.records and reader.suppress

    with pytest.raises(PermissionDenied):
        services.set_status(neighbour, regional, ApproachStatus.STOPPED)
    client.force_login(neighbour)
    assert client.get(reverse("approach-detail", args=[regional.pk])).status_code == 200
    assert client.get(reverse("approach-edit", args=[regional.pk])).status_code == 404
    response = client.post(
        reverse("approach-member-new", args=[regional.pk]),
        {"name": "x", "organisation": str(OrganisationFactory(municipality=town).pk),
         "role": "leader"},
    )  # fmt: skip
    assert response.status_code == 404 and not ProjectMember.objects.exists()
    assert Approach.objects.get(pk=regional.pk).status == ApproachStatus.ACTIVE


def test_a_neighbour_sees_the_regional_approachs_small_counts_hidden(
    client, coordinator, regional, neighbour
):
    services.save_part(coordinator, Goal(
        approach=regional, title="Minder overvallen", metric="count", period="year",
        baseline_start=dt.date(2024, 1, 1), target=1, deadline=dt.date(2026, 12, 31),
    ))  # fmt: skip
    client.force_login(coordinator)
    own = client.get(reverse("approach-plan", args=[regional.pk])).content.decode()
    client.force_login(neighbour)
    theirs = client.get(reverse("approach-plan", args=[regional.pk])).content.decode()
    # The town has 20 robberies in March 2024: shown to its own coordinator, and to the
    # neighbour too (20 is not small); 2025 has none: zero is no small count either.
    assert "2024: <strong>20</strong>" in own and "2024: <strong>20</strong>" in theirs
    RobberyFactory(municipality=regional.municipality, date=dt.date(2025, 5, 1))
    client.force_login(neighbour)
    theirs = client.get(reverse("approach-plan", args=[regional.pk])).content.decode()
    assert "2025: <strong>&lt; 5</strong>" in theirs


def test_the_solved_share_is_a_goal_to_raise(coordinator, approach, town):
    for day, solved in ((1, True), (2, True), (3, False)):  # 2025: 2 of 3 solved
        RobberyFactory(municipality=town, date=dt.date(2025, 2, day), solved=solved)
    goal = services.save_part(coordinator, Goal(
        approach=approach, title="Meer opgelost", metric="solved_percent", period="year",
        baseline_start=dt.date(2024, 1, 1), target=50, deadline=dt.date(2026, 12, 31),
    ))  # fmt: skip
    values = goal_values(goal, dt.date(2026, 1, 15))
    # 2024: none of the 20 solved; 2025: 66.7 % -- above the target of 50: achieved.
    assert values.baseline.value == 0 and values.current.value == pytest.approx(66.7)
    assert not values.decreasing and values.achieved is True


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"baseline_start": "9999-06-01"}, "baseline_start"),
        ({"baseline_start": "0001-01-01"}, "baseline_start"),
        ({"baseline_start": "2099-01-01"}, "baseline_start"),
        ({"deadline": "9999-12-31"}, "deadline"),
    ],
)
def test_impossible_goal_dates_are_field_errors(client, coordinator, approach, fields, field):
    client.force_login(coordinator)
    response = client.post(reverse("approach-goal-new", args=[approach.pk]), _goal_post(**fields))
    assert response.status_code == 200
    assert field in response.context["form"].errors and not Goal.objects.exists()


def test_a_baseline_period_still_running_is_refused(client, coordinator, approach):
    client.force_login(coordinator)
    today = dt.date.today()
    response = client.post(
        reverse("approach-goal-new", args=[approach.pk]),
        _goal_post(baseline_start=today.isoformat(), period="year",
                   deadline=today.replace(year=today.year + 2).isoformat()),
    )  # fmt: skip
    assert "has not ended yet" in str(response.context["form"].errors["baseline_start"])


def test_done_through_the_edit_form_sets_the_day_and_reopening_clears_it(
    client, coordinator, approach, municipality_org
):
    action = services.save_part(coordinator, ActionItem(
        approach=approach, title="Folder", owner_organisation=municipality_org,
        deadline=dt.date(2030, 1, 1),
    ))  # fmt: skip
    client.force_login(coordinator)
    url = reverse("approach-action", args=[approach.pk, action.pk])
    data = {"title": "Folder", "owner_organisation": str(municipality_org.pk),
            "deadline": "2030-01-01", "status": "done", "version": "1"}  # fmt: skip
    client.post(url, data)
    action.refresh_from_db()
    assert action.status == "done" and action.completed is not None

    client.post(url, {**data, "status": "in_progress", "version": str(action.version)})
    action.refresh_from_db()
    assert action.status == "in_progress" and action.completed is None


def test_a_planned_meeting_counts_for_its_step_only_once_held(coordinator, approach):
    today = dt.date.today()
    for date in (today - dt.timedelta(days=1), today + dt.timedelta(days=7)):
        services.record_meeting(
            coordinator, Meeting(approach=approach, kind="triangle", date=date), attendance={}
        )
    assert steps.Facts.of(approach).meetings["triangle"] == 1


def test_recording_a_meeting_audits_attendance_counts_and_answers(
    coordinator, approach, municipality_org
):
    from overvalregie.approach.models import DecisionRequest

    member_ = services.save_part(coordinator, ProjectMember(
        approach=approach, name="Lid", organisation=municipality_org, role="member"))  # fmt: skip
    question = services.save_part(
        coordinator, DecisionRequest(approach=approach, question="Camera's?")
    )
    meeting = services.record_meeting(
        coordinator, Meeting(approach=approach, kind="triangle", date=dt.date(2025, 3, 1)),
        attendance={member_: "present"}, answers={question: "Ja."},
    )  # fmt: skip
    entry = AuditEntry.objects.filter(object_id=str(meeting.pk), action="update").get()
    assert entry.detail["attendance"] == {"present": 1}
    assert entry.detail["answered"] == [str(question.pk)]
    assert "Lid" not in str(entry.detail)
    assert AuditEntry.objects.filter(object_id=str(question.pk), action="update").exists()


def test_a_step_and_a_meeting_page_take_a_bounded_number_of_queries(
    client, coordinator, approach, municipality_org, django_assert_max_num_queries
):
    step = approach.steps.get(plan_key="overvallen", key="haalbaarheid")
    meeting = services.record_meeting(
        coordinator, Meeting(approach=approach, kind="triangle", date=dt.date(2025, 3, 1)),
        attendance={},
    )  # fmt: skip

    def grow(n):
        members = [
            services.save_part(
                coordinator,
                ProjectMember(
                    approach=approach,
                    name=f"Lid {n}-{i}",
                    organisation=municipality_org,
                    role="member",
                ),
            )  # fmt: skip
            for i in range(3)
        ]
        services.record_meeting(
            coordinator, Meeting.objects.get(pk=meeting.pk),
            attendance={m: "present" for m in approach.members.all()},
            version=Meeting.objects.get(pk=meeting.pk).version,
        )  # fmt: skip
        return members

    client.force_login(coordinator)
    urls = [
        reverse("approach-step", args=[approach.pk, step.pk]),
        reverse("approach-meeting", args=[approach.pk, meeting.pk]),
    ]
    grow(1)
    counts = []
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(40) as captured:
            client.get(url)
        counts.append(len(captured))
    grow(2)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):  # more members, no more queries
            client.get(url)


def test_the_dashboard_lists_the_approaches_under_way_with_their_overdue_actions(
    client, coordinator, approach, municipality_org, django_assert_max_num_queries
):
    services.save_part(coordinator, ActionItem(
        approach=approach, title="Te laat", owner_organisation=municipality_org,
        deadline=dt.date(2025, 1, 1),
    ))  # fmt: skip
    client.force_login(coordinator)
    page = client.get(reverse("dashboard")).content.decode()
    assert approach.name in page and "step 1 of 6" in page
    assert 'data-testid="dashboard-overdue"' in page and "1 overdue action" in page

    with django_assert_max_num_queries(50) as first:
        client.get(reverse("dashboard"))
    for n in range(3):
        services.start(coordinator, municipality=approach.municipality, kind="kvo",
                       name=f"KVO {n}", started=dt.date(2025, 2, 1))  # fmt: skip
    with django_assert_max_num_queries(len(first)):
        page = client.get(reverse("dashboard")).content.decode()
    assert "KVO 2" in page

    services.set_status(coordinator, approach, ApproachStatus.COMPLETED)
    assert approach.name not in client.get(reverse("dashboard")).content.decode()
