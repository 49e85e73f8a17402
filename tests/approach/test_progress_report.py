"""The progress report for the triangle: goal values from the register, robberies since the
last triangle meeting, actions done and overdue, suppression for a partner, the page and the PDF."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from overvalregie.approach import progress_report, services
from overvalregie.approach.goals import metric_text
from overvalregie.approach.models import (
    ActionItem,
    ActionStatus,
    DecisionRequest,
    Goal,
    Meeting,
    MetricKind,
    ProjectMember,
)
from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.incidents.choices import IncidentKind, TargetType
from overvalregie.incidents.models import Robbery
from overvalregie.organisations.roles import Role
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

TODAY = dt.date(2025, 9, 15)


def _goal(coordinator, approach, **fields):
    values = {
        "title": "Minder overvallen op winkels",
        "metric": MetricKind.COUNT,
        "period": "half_year",
        "baseline_start": dt.date(2024, 1, 1),
        "target": 10,
        "deadline": dt.date(2026, 6, 30),
        **fields,
    }
    return services.save_part(coordinator, Goal(approach=approach, **values))


def _meeting(coordinator, approach, day, kind="triangle"):
    return services.save_part(coordinator, Meeting(approach=approach, kind=kind, date=day))


def _action(coordinator, approach, title, deadline, **fields):
    organisation = fields.pop("organisation", None) or approach.municipality.organisations.first()
    return services.save_part(
        coordinator,
        ActionItem(
            approach=approach, title=title, deadline=deadline, owner_organisation=organisation,
            **fields,
        ),
    )  # fmt: skip


@pytest.fixture
def register(town):
    """Robberies around the approach: of other kinds and places too, which must not count."""
    elsewhere = MunicipalityFactory()
    days = [
        (dt.date(2024, 2, 3), TargetType.SHOP, False),
        (dt.date(2024, 8, 1), TargetType.HOSPITALITY, False),
        (dt.date(2025, 2, 1), TargetType.SHOP, False),
        (dt.date(2025, 3, 9), TargetType.SHOP, True),
        (dt.date(2025, 5, 31), TargetType.PETROL_STATION, False),
        (dt.date(2025, 6, 1), TargetType.SHOP, False),
        (dt.date(2025, 6, 30), TargetType.SNACK_BAR, False),
        (dt.date(2025, 7, 10), TargetType.SHOP, False),
        (dt.date(2025, 9, 15), TargetType.HOSPITALITY, False),
        (dt.date(2025, 9, 16), TargetType.SHOP, False),
        # a year before the span since the meeting of 1 June
        (dt.date(2024, 6, 1), TargetType.SHOP, False),
        (dt.date(2024, 6, 2), TargetType.SNACK_BAR, False),
        (dt.date(2024, 9, 15), TargetType.SHOP, False),
        (dt.date(2024, 9, 16), TargetType.SHOP, False),
    ]
    for day, target, attempt in days:
        RobberyFactory(municipality=town, date=day, target_type=target, attempt=attempt)
    RobberyFactory(municipality=town, date=dt.date(2025, 7, 1), kind=IncidentKind.STREET_ROBBERY)
    RobberyFactory(municipality=elsewhere, date=dt.date(2025, 7, 1))
    return town


def _brute_force(town, start, end, *, targets=None, attempts=True):
    """Robberies counted one by one in Python, without the ORM's filters."""
    return sum(
        1
        for r in Robbery.objects.all()
        if r.municipality_id == town.pk
        and r.kind == IncidentKind.ROBBERY
        and start <= r.date <= end
        and (targets is None or r.target_type in targets)
        and (attempts or not r.attempt)
    )


def test_goal_values_are_the_register_counted_by_hand(coordinator, approach, register):
    _goal(coordinator, approach, target=2)
    _goal(coordinator, approach, title="Winkels zonder pogingen", target_types=["shop"],
          include_attempts=False, period="quarter")  # fmt: skip

    report = progress_report.build(approach, today=TODAY)

    everything, shops = report["goals"][0], report["goals"][1]
    h1_2024 = _brute_force(register, dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    h1_2025 = _brute_force(register, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    h2_so_far = _brute_force(register, dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    values = everything.values
    assert (values.baseline.label, everything.baseline.value) == ("2024 H1", h1_2024)
    assert (values.current.label, everything.current.value) == ("2025 H1", h1_2025)
    assert (values.running.label, everything.running.value) == ("2025 H2", h2_so_far)
    assert h1_2024 == 23 and h1_2025 == 5  # the test's own arithmetic: 20 from the fixture
    assert values.progress == pytest.approx((h1_2025 - h1_2024) / (2 - h1_2024))
    assert everything.progress == round(100 * (h1_2025 - h1_2024) / (2 - h1_2024))
    assert everything.achieved is False
    q2 = _brute_force(register, dt.date(2025, 4, 1), dt.date(2025, 6, 30), targets={"shop"},
                      attempts=False)  # fmt: skip
    q1 = _brute_force(register, dt.date(2025, 1, 1), dt.date(2025, 3, 31), targets={"shop"},
                      attempts=False)  # fmt: skip
    assert (shops.values.current.label, shops.current.value) == ("2025 Q2", q2)
    assert [
        shown.value
        for period, shown in zip(shops.values.series, shops.series, strict=True)
        if period.label == "2025 Q1"
    ] == [q1]
    assert "Shop" in shops.words or "Winkel" in shops.words


def test_robberies_since_the_last_triangle_meeting(coordinator, approach, register):
    _meeting(coordinator, approach, dt.date(2025, 3, 1))
    _meeting(coordinator, approach, dt.date(2025, 6, 1))
    _meeting(coordinator, approach, dt.date(2025, 8, 1), kind="project_group")
    _meeting(coordinator, approach, dt.date(2025, 10, 1))  # planned, not held yet

    report = progress_report.build(approach, today=TODAY)

    robberies = report["robberies"]
    assert report["last_triangle"].date == dt.date(2025, 6, 1)
    assert (robberies["start"], robberies["end"]) == (dt.date(2025, 6, 1), TODAY)
    # 1 June, 30 June, 10 July, 15 September; not 31 May, 16 September, the street robbery or
    # the other municipality
    assert robberies["total"].value == _brute_force(register, dt.date(2025, 6, 1), TODAY) == 4
    assert robberies["earlier"].value == _brute_force(
        register, dt.date(2024, 6, 1), dt.date(2024, 9, 15)
    ) == 4  # fmt: skip
    assert robberies["change"] == 0
    per_target = {row["target_type"]: (row["count"].value, row["earlier"].value)
                  for row in robberies["per_target"]}  # fmt: skip
    assert per_target == {"shop": (2, 2), "hospitality": (1, 1), "snack_bar": (1, 1)}
    assert [m.date for m in report["meetings"]] == [
        dt.date(2025, 8, 1), dt.date(2025, 6, 1), dt.date(2025, 3, 1)
    ]  # fmt: skip


def test_without_a_triangle_meeting_the_span_starts_with_the_approach(approach, register):
    report = progress_report.build(approach, today=TODAY)

    assert report["last_triangle"] is None
    assert report["robberies"]["start"] == approach.started == dt.date(2025, 1, 20)
    assert report["robberies"]["total"].value == _brute_force(
        register, dt.date(2025, 1, 20), TODAY
    ) == 7  # fmt: skip


def test_actions_done_and_overdue(coordinator, approach, municipality_org):
    _meeting(coordinator, approach, dt.date(2025, 6, 1))
    leader = services.save_part(
        coordinator,
        ProjectMember(approach=approach, name="Piet Leider", organisation=municipality_org,
                      role="leader"),
    )  # fmt: skip
    late = _action(coordinator, approach, "Camerabeelden delen", dt.date(2025, 9, 1),
                   owner=leader, organisation=municipality_org)  # fmt: skip
    _action(coordinator, approach, "Winkeliers bezoeken", dt.date(2025, 7, 1),
            status=ActionStatus.IN_PROGRESS, organisation=municipality_org)  # fmt: skip
    _action(coordinator, approach, "Later", dt.date(2025, 12, 1), organisation=municipality_org)
    _action(coordinator, approach, "Geannuleerd", dt.date(2025, 5, 1),
            status=ActionStatus.CANCELLED, organisation=municipality_org)  # fmt: skip
    _action(coordinator, approach, "Vroeg klaar", dt.date(2025, 4, 1), status=ActionStatus.DONE,
            completed=dt.date(2025, 4, 1), organisation=municipality_org)  # fmt: skip
    _action(coordinator, approach, "Net klaar", dt.date(2025, 5, 1), status=ActionStatus.DONE,
            completed=dt.date(2025, 6, 10), organisation=municipality_org)  # fmt: skip

    actions = progress_report.build(approach, today=TODAY)["actions"]

    assert [(row["title"], row["days_overdue"]) for row in actions["overdue"]] == [
        ("Winkeliers bezoeken", 76), ("Camerabeelden delen", 14)
    ]  # fmt: skip
    assert actions["overdue"][1]["owner"] == "Piet Leider"
    assert actions["overdue"][1]["organisation"] == municipality_org.name
    assert actions["overdue"][1]["action"] == late
    assert [row["title"] for row in actions["done_since"]] == ["Net klaar"]
    assert (actions["done_total"], actions["total"]) == (2, 6)


def test_a_partner_sees_small_counts_suppressed(coordinator, approach, register, town):
    _goal(coordinator, approach, title="Snackbars", target_types=["snack_bar"])
    _meeting(coordinator, approach, dt.date(2025, 6, 1))
    partner = member(Role.PARTNER, OrganisationFactory(municipality=town))

    shown = progress_report.build(approach, partner, today=TODAY)
    full = progress_report.build(approach, coordinator, today=TODAY)

    goal = shown["goals"][0]
    assert full["goals"][0].current.value == 1  # the coordinator sees the number
    assert goal.current.value is None and goal.current.suppressed
    assert goal.progress is None  # it would give the hidden value back
    assert shown["robberies"]["total"].suppressed and shown["robberies"]["total"].value is None
    # No table per target for the partner: its cells could be worked back from the total.
    assert shown["robberies"]["per_target"] == [] and shown["robberies"]["per_target_withheld"]
    assert full["robberies"]["per_target"] and not full["robberies"]["per_target_withheld"]
    assert not full["suppress"] and not full["robberies"]["total"].suppressed
    data = progress_report.as_json(shown)
    assert data["goals"][0]["current"] == {"period": "2025 H1", "value": None, "suppressed": True}
    assert data["suppressed_below"] == 5
    assert 1 not in [p["value"] for p in data["goals"][0]["series"]]


def test_open_requests_for_a_decision(coordinator, approach):
    meeting = _meeting(coordinator, approach, dt.date(2025, 6, 1))
    DecisionRequest.objects.create(approach=approach, question="Cameratoezicht in de Dorpsstraat?",
                                   raised=dt.date(2025, 5, 1))  # fmt: skip
    DecisionRequest.objects.create(approach=approach, question="Al beantwoord", answered_in=meeting,
                                   answer="Ja")  # fmt: skip

    report = progress_report.build(approach, today=TODAY)

    assert [r.question for r in report["decisions_requested"]] == [
        "Cameratoezicht in de Dorpsstraat?"
    ]
    assert report["measures"] == []  # no deployment yet


def test_the_page_shows_goals_and_links_to_the_pdf(client, coordinator, approach, register):
    goal = _goal(coordinator, approach)
    client.force_login(coordinator)

    response = client.get(reverse("approach-report", kwargs={"pk": approach.pk}))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="report-pdf"' in page
    assert reverse("approach-report-pdf", kwargs={"pk": approach.pk}) in page
    assert goal.title in page and "<svg" in page
    current = page.split('data-testid="goal-current">', 1)[1].split("<", 1)[0].strip()
    from overvalregie.approach.metrics import goal_values

    assert current == str(int(goal_values(goal).current.value))
    assert f'href="{reverse("approach-report", kwargs={"pk": approach.pk})}" aria-current' in page


def test_the_partner_page_shows_less_than_five(client, coordinator, approach, town):
    _goal(coordinator, approach, title="Snackbars", target_types=["snack_bar"])
    RobberyFactory(municipality=town, date=dt.date(2024, 2, 1), target_type="snack_bar")
    partner = member(Role.PARTNER, OrganisationFactory(municipality=town))
    client.force_login(partner)

    page = client.get(reverse("approach-report", kwargs={"pk": approach.pk})).content.decode()

    baseline = page.split('data-testid="goal-baseline">', 1)[1].split("</td>", 1)[0]
    assert "&lt; 5" in baseline  # goal values read as on the plan (goals.shown_value)


def test_outside_the_scope_the_report_is_404(client, approach):
    stranger = member(Role.COORDINATOR, OrganisationFactory())
    client.force_login(stranger)

    for name in ("approach-report", "approach-report-pdf"):
        assert client.get(reverse(name, kwargs={"pk": approach.pk})).status_code == 404


def test_the_pdf(client, coordinator, approach, register, tmp_path):
    goal = _goal(coordinator, approach, title="Minder overvallen Teststad")
    client.force_login(coordinator)

    response = client.get(reverse("approach-report-pdf", kwargs={"pk": approach.pk}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        f'filename="voortgangsrapportage-{approach.municipality.code}-' in
        response["Content-Disposition"]
    )  # fmt: skip
    event = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("sequence")
    assert event.object_id == str(approach.pk)
    if shutil.which("pdftotext"):
        (tmp_path / "report.pdf").write_bytes(response.content)
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "report.pdf"), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert goal.title in text


def test_the_page_does_not_grow_with_actions_and_meetings(client, coordinator, approach,
                                                          municipality_org):  # fmt: skip
    _goal(coordinator, approach)
    url = reverse("approach-report", kwargs={"pk": approach.pk})
    client.force_login(coordinator)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    _action(coordinator, approach, "Eerste", dt.date(2020, 1, 1), organisation=municipality_org)
    _meeting(coordinator, approach, dt.date(2025, 2, 1))
    first = queries()
    for n in range(4):
        _action(coordinator, approach, f"Actie {n}", dt.date(2020, 1, 1),
                organisation=municipality_org)  # fmt: skip
        _action(coordinator, approach, f"Klaar {n}", dt.date(2020, 1, 1),
                status=ActionStatus.DONE, completed=dt.date(2025, 3, 1),
                organisation=municipality_org)  # fmt: skip
        _meeting(coordinator, approach, dt.date(2025, 2, 2 + n), kind="project_group")

    assert queries() == first


def test_the_metric_in_words_names_the_few_targets_left_out(coordinator, approach):
    most = [value for value in TargetType.values if value != TargetType.HOME]
    goal = _goal(coordinator, approach, target_types=most, include_attempts=False)

    with translation.override("en"):
        text = metric_text(goal)

    assert text.startswith("Number of robberies per half year in ")
    assert "all targets except: Home" in text and "Shop" not in text
    assert text.endswith("attempts not counted")
