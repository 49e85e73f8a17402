"""The plan of approach: goal values from the register, small counts hidden from partners,
overdue actions, the inline status change, and the goal and action forms."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from overvalregie.approach import services
from overvalregie.approach.goals import shown_value
from overvalregie.approach.metrics import PeriodValue
from overvalregie.approach.models import ActionItem, ActionStatus, Goal, Meeting, ProjectMember
from overvalregie.organisations.roles import Role
from tests.approach import brute
from tests.geography.factories import DistrictFactory
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import OrganisationFactory, member

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def partner(town):
    return member(Role.PARTNER, OrganisationFactory(municipality=town))


def _goal(coordinator, approach, **fields):
    values = {
        "title": "Minder overvallen op winkels",
        "metric": "count",
        "period": "quarter",
        "baseline_start": dt.date(2024, 1, 1),
        "target": 10,
        "deadline": dt.date(2027, 12, 31),
    }
    values.update(fields)
    return services.save_part(coordinator, Goal(approach=approach, **values))


def _action(coordinator, approach, organisation, **fields):
    values = {"title": "Cameratoezicht", "deadline": dt.date(2030, 1, 1)}
    values.update(fields)
    return services.save_part(
        coordinator, ActionItem(approach=approach, owner_organisation=organisation, **values)
    )


def _goal_section(html: str, goal) -> str:
    start = html.index(f'id="goal-{goal.pk}"')
    end = html.find("<article", start)
    return html[start : end if end > 0 else None]


def _value_of(section: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">([^<]*)<strong>([^<]*)</strong>', section)
    return match.group(1).strip().rstrip(":"), match.group(2)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


# --- values --------------------------------------------------------------------------------------


def test_goal_values_on_the_page_equal_a_brute_force_count(client, coordinator, approach, town):
    # Besides the fixture's 20 shop robberies in March 2024: more in later quarters.
    for day in (dt.date(2024, 5, 1), dt.date(2024, 5, 2), dt.date(2025, 2, 2)):
        RobberyFactory(municipality=town, date=day)
    RobberyFactory(municipality=town, date=dt.date(2025, 2, 3), target_type="home")
    RobberyFactory(municipality=town, date=dt.date(2025, 2, 4), attempt=True)
    goal = _goal(coordinator, approach, target_types=["shop"], include_attempts=False)
    expected = brute.series(goal, timezone.localdate())
    complete = [(start, value) for start, value, done in expected if done]

    client.force_login(coordinator)
    html = client.get(reverse("approach-plan", args=[approach.pk])).content.decode()

    section = _goal_section(html, goal)
    assert _value_of(section, "baseline") == ("2024 Q1", _number(expected[0][1]))
    assert expected[0][1] == 20
    start, value = complete[-1]
    assert _value_of(section, "current") == (f"{start.year} Q{(start.month - 1) // 3 + 1}",
                                             _number(value))  # fmt: skip
    # The trend's data table holds every period's brute-force value.
    table = section[section.index("<table") :]
    cells = re.findall(r'numeric-column">([^<]*)</td>', table)
    assert cells[0::2] == [_number(v) for _s, v, _c in expected]
    assert set(cells[1::2]) == {"10"}  # the target beside each value
    assert "Number of robberies" in section and "shop" in section.lower()


def test_a_partner_sees_small_counts_as_below_the_threshold(client, coordinator, approach, town,
                                                            partner):  # fmt: skip
    # Three robberies in the latest complete quarter: the current value is a small count.
    last_day = brute.containing(timezone.localdate(), "quarter") - dt.timedelta(days=1)
    for _ in range(3):
        RobberyFactory(municipality=town, date=last_day)
    goal = _goal(coordinator, approach, period="quarter")
    url = reverse("approach-plan", args=[approach.pk])

    client.force_login(partner)
    section = _goal_section(client.get(url).content.decode(), goal)
    assert _value_of(section, "current")[1] == "&lt; 5"
    assert ">3<" not in section  # not in the data table either
    assert _value_of(section, "baseline")[1] == "20"  # at or above the threshold: shown
    # Progress from 20 towards 10 would give the hidden count back.
    assert "<progress" not in section and "too few robberies" in section

    client.force_login(coordinator)
    section = _goal_section(client.get(url).content.decode(), goal)
    assert _value_of(section, "current")[1] == "3" and "&lt; 5" not in section
    assert "<progress" in section


@pytest.mark.parametrize(
    ("metric", "value", "robberies", "suppress", "text", "hidden"),
    [
        ("count", 3.0, 3, True, "< 5", True),
        ("count", 3.0, 3, False, "3", False),
        ("count", 5.0, 5, True, "5", False),
        ("count", 0.0, 0, True, "0", False),
        ("repeat_targets", 2.0, 9, True, "< 5", True),
        ("solved_percent", 50.0, 4, True, "hidden", True),
        ("solved_percent", 50.0, 4, False, "50.0 %", False),
        ("solved_percent", 40.0, 5, True, "40.0 %", False),
        ("solved_percent", None, 0, True, "–", False),
    ],
)
def test_shown_value(metric, value, robberies, suppress, text, hidden):
    day = dt.date(2025, 1, 1)
    period = PeriodValue(day, day, "2025", value, robberies, True)
    shown = shown_value(period, metric, suppress)
    assert shown.text == text
    assert shown.suppressed is hidden
    assert shown.value == (None if hidden else value)


# --- actions -------------------------------------------------------------------------------------


def test_overdue_actions_are_flagged_and_counted(client, coordinator, approach, municipality_org):
    today = timezone.localdate()
    late = _action(coordinator, approach, municipality_org, title="Late",
                   deadline=today - dt.timedelta(days=3))  # fmt: skip
    done = _action(coordinator, approach, municipality_org, title="Done late",
                   deadline=today - dt.timedelta(days=3), status=ActionStatus.DONE)  # fmt: skip
    future = _action(coordinator, approach, municipality_org, title="Later")
    client.force_login(coordinator)
    url = reverse("approach-plan", args=[approach.pk])

    html = client.get(url).content.decode()

    def row(action):
        start = html.index(f'id="action-{action.pk}"')
        return html[start : html.index("</tr>", start)]

    assert 'data-testid="overdue"' in row(late)
    assert 'data-testid="overdue"' not in row(done)
    assert 'data-testid="overdue"' not in row(future)
    assert "1 overdue" in html and "3 actions" in html

    only = client.get(url, {"overdue": "on"}).content.decode()
    assert f"action-{late.pk}" in only and f"action-{future.pk}" not in only
    by_status = client.get(url, {"status": "done"}).content.decode()
    assert f"action-{done.pk}" in by_status and f"action-{late.pk}" not in by_status
    wrong = client.get(url, {"status": "nonsense", "organisation": "x"})
    assert wrong.status_code == 200 and b'data-testid="action"' not in wrong.content


def test_status_change(client, coordinator, approach, municipality_org):
    action = _action(coordinator, approach, municipality_org)
    client.force_login(coordinator)
    response = client.post(
        reverse("approach-plan", args=[approach.pk]),
        {"action": action.pk, "status": "done", "version": action.version},
    )
    assert response.status_code == 302 and response.url.endswith(f"#action-{action.pk}")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.completed == timezone.localdate()


def test_a_stale_status_change_is_refused_and_keeps_the_other_save(
    client, coordinator, approach, municipality_org
):
    action = _action(coordinator, approach, municipality_org)
    loaded = action.version
    other = ActionItem.objects.get(pk=action.pk)
    other.title = "Cameratoezicht winkelcentrum"
    services.save_part(coordinator, other, version=loaded, changed=["title"])
    client.force_login(coordinator)

    response = client.post(
        reverse("approach-plan", args=[approach.pk]),
        {"action": action.pk, "status": "done", "version": loaded},
        follow=True,
    )

    assert "Someone else saved this in the meantime" in response.content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    assert action.title == "Cameratoezicht winkelcentrum"
    assert "Cameratoezicht winkelcentrum" in response.content.decode()


def test_bad_status_posts_do_not_fail(client, coordinator, approach, municipality_org):
    action = _action(coordinator, approach, municipality_org)
    client.force_login(coordinator)
    url = reverse("approach-plan", args=[approach.pk])
    assert client.post(url, {"action": "not-a-uuid", "status": "done"}).status_code == 404
    response = client.post(url, {"action": action.pk, "status": "flying", "version": "x"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["partner", "mayor", "analyst"])
def test_only_the_coordinator_changes_the_plan(client, request, who, coordinator, approach,
                                               municipality_org):  # fmt: skip
    goal = _goal(coordinator, approach)
    action = _action(coordinator, approach, municipality_org)
    client.force_login(request.getfixturevalue(who))
    plan_url = reverse("approach-plan", args=[approach.pk])
    page = client.get(plan_url)
    assert page.status_code == 200
    assert b'name="version"' not in page.content and b"Add a goal" not in page.content
    urls = [
        reverse("approach-goal-new", args=[approach.pk]),
        reverse("approach-goal", args=[approach.pk, goal.pk]),
        reverse("approach-action-new", args=[approach.pk]),
        reverse("approach-action", args=[approach.pk, action.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "x", "delete": "1"}).status_code == 404
    posted = client.post(plan_url, {"action": action.pk, "status": "done", "version": 1})
    assert posted.status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN and Goal.objects.filter(pk=goal.pk).exists()


def test_another_municipalitys_coordinator_gets_404(client, coordinator, approach):
    goal = _goal(coordinator, approach)
    stranger = member(Role.COORDINATOR, OrganisationFactory())
    client.force_login(stranger)
    assert client.get(reverse("approach-plan", args=[approach.pk])).status_code == 404
    assert client.get(reverse("approach-goal", args=[approach.pk, goal.pk])).status_code == 404


# --- the goal form -------------------------------------------------------------------------------


def _goal_post(**fields):
    data = {
        "title": "Minder overvallen",
        "metric": "count",
        "period": "half_year",
        "area": "municipality",
        "baseline_start": "2024-03-15",
        "target": "8",
        "deadline": "2026-12-31",
        "include_attempts": "on",
    }
    data.update(fields)
    return data


def test_adding_a_goal_shows_its_baseline_from_the_register(client, coordinator, approach):
    client.force_login(coordinator)
    response = client.post(
        reverse("approach-goal-new", args=[approach.pk]), _goal_post(target_types=["shop"])
    )
    goal = Goal.objects.get(approach=approach)
    assert response.status_code == 302
    assert response.url == reverse("approach-goal", args=[approach.pk, goal.pk])
    assert goal.baseline_start == dt.date(2024, 1, 1)  # snapped to its half year
    assert goal.target_types == ["shop"] and goal.include_attempts

    html = client.get(response.url).content.decode()
    assert 'data-testid="computed-values"' in html
    assert _value_of(html, "baseline") == ("2024 H1", "20")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"area": "district"}, "district"),
        ({"metric": "solved_percent", "target": "150"}, "target"),
        ({"target": "-1"}, "target"),
        ({"deadline": "2024-05-01"}, "deadline"),
        ({"metric": "speed"}, "metric"),
        ({"baseline_start": "yesterday"}, "baseline_start"),
        ({"owner": "4a1c7c43-44b5-4c8a-9a51-2f7f8fd0f0a1"}, "owner"),
    ],
)
def test_goal_form_errors(client, coordinator, approach, fields, field):
    client.force_login(coordinator)
    response = client.post(reverse("approach-goal-new", args=[approach.pk]), _goal_post(**fields))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Goal.objects.exists()


def test_a_district_only_for_a_district_goal(client, coordinator, approach, town):
    district = DistrictFactory(municipality=town)
    elsewhere = DistrictFactory()
    client.force_login(coordinator)
    url = reverse("approach-goal-new", args=[approach.pk])
    refused = client.post(url, _goal_post(district=district.pk))
    assert "district" in refused.context["form"].errors
    foreign = client.post(url, _goal_post(area="district", district=elsewhere.pk))
    assert "district" in foreign.context["form"].errors
    assert client.post(url, _goal_post(area="district", district=district.pk)).status_code == 302
    assert Goal.objects.get().district == district


def test_a_stale_goal_edit_is_refused(client, coordinator, approach):
    goal = _goal(coordinator, approach)
    loaded = goal.version
    other = Goal.objects.get(pk=goal.pk)
    other.target = 4
    services.save_part(coordinator, other, version=loaded, changed=["target"])
    client.force_login(coordinator)

    response = client.post(
        reverse("approach-goal", args=[approach.pk, goal.pk]),
        {**_goal_post(target="12"), "version": loaded},
    )

    assert response.status_code == 200
    assert "Someone else saved this in the meantime" in response.content.decode()
    goal.refresh_from_db()
    assert goal.target == 4
    assert response.context["form"]["target"].value() == 4


def test_delete_a_goal(client, coordinator, approach, municipality_org):
    goal = _goal(coordinator, approach)
    action = _action(coordinator, approach, municipality_org, goal=goal)
    client.force_login(coordinator)
    response = client.post(reverse("approach-goal", args=[approach.pk, goal.pk]), {"delete": "1"})
    assert response.status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    action.refresh_from_db()
    assert action.goal is None


# --- the action form -----------------------------------------------------------------------------


def test_an_action_arising_from_a_meeting(client, coordinator, approach, municipality_org):
    meeting = services.save_part(
        coordinator, Meeting(approach=approach, kind="triangle", date=dt.date(2025, 3, 1))
    )
    owner = services.save_part(
        coordinator,
        ProjectMember(approach=approach, name="A. Jansen", organisation=municipality_org,
                      role="member"),
    )  # fmt: skip
    client.force_login(coordinator)
    url = reverse("approach-action-new", args=[approach.pk])

    page = client.get(url, {"meeting": meeting.pk})
    assert page.context["form"]["meeting"].value() == meeting.pk
    response = client.post(
        f"{url}?meeting={meeting.pk}",
        {
            "title": "Winkeliers informeren",
            "owner_organisation": municipality_org.pk,
            "owner": owner.pk,
            "deadline": "2025-04-01",
            "status": "open",
            "meeting": meeting.pk,
            "from_meeting": meeting.pk,
        },
    )
    action = ActionItem.objects.get()
    assert response.url == reverse("approach-meeting", args=[approach.pk, meeting.pk])
    assert action.meeting == meeting and action.owner == owner
    assert client.get(url, {"meeting": "nonsense"}).status_code == 200


def test_an_owner_of_another_organisation_is_refused(client, coordinator, approach,
                                                     municipality_org, prosecution):  # fmt: skip
    owner = services.save_part(
        coordinator,
        ProjectMember(approach=approach, name="Officier", organisation=prosecution, role="member"),
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("approach-action-new", args=[approach.pk]),
        {"title": "x", "owner_organisation": municipality_org.pk, "owner": owner.pk,
         "deadline": "2025-04-01", "status": "open"},
    )  # fmt: skip
    assert "owner" in response.context["form"].errors
    assert not ActionItem.objects.exists()


def test_edit_and_delete_an_action(client, coordinator, approach, municipality_org, prosecution):
    action = _action(coordinator, approach, municipality_org)
    client.force_login(coordinator)
    url = reverse("approach-action", args=[approach.pk, action.pk])
    response = client.post(
        url,
        {"title": "Cameratoezicht", "owner_organisation": prosecution.pk,
         "deadline": "2025-06-01", "status": "in_progress", "version": action.version},
    )  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.owner_organisation == prosecution and action.status == "in_progress"
    assert client.post(url, {"delete": "1"}).status_code == 302
    assert not ActionItem.objects.exists()


# --- queries -------------------------------------------------------------------------------------


def test_plan_query_count(client, coordinator, approach, municipality_org,
                          django_assert_num_queries):  # fmt: skip
    for _ in range(2):
        _goal(coordinator, approach)
    for _ in range(3):
        _action(coordinator, approach, municipality_org)
    client.force_login(coordinator)
    url = reverse("approach-plan", args=[approach.pk])
    client.get(url)
    # session, user, membership, navigation; the approach; goals, one per goal; actions;
    # deployed measures
    with django_assert_num_queries(11) as first:
        client.get(url)
    for _ in range(5):
        _action(coordinator, approach, municipality_org)
    with django_assert_num_queries(len(first)):
        client.get(url)
    _goal(coordinator, approach)
    with django_assert_num_queries(len(first) + 1):  # each goal: one count of the register
        client.get(url)
