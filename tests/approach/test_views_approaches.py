"""The approach pages: the list, starting from a decision, the overview with its stepper, a
step with its checklist, editing with a version, and who may do what."""

import datetime as dt

import pytest
from django.urls import reverse

from overvalregie.approach import services
from overvalregie.approach.models import (
    ActionItem,
    Approach,
    ApproachStatus,
    ApproachStep,
    Goal,
    Meeting,
)
from overvalregie.organisations.roles import OrganisationKind, Role
from overvalregie.safety_analysis import services as analyses
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member
from tests.safety_analysis.conftest import END, START

LIST = reverse("approach-list")
NEW = reverse("approach-new")


@pytest.fixture
def partner(town):
    return member(
        Role.PARTNER,
        OrganisationFactory(kind=OrganisationKind.POLICE, municipality=town),
    )


@pytest.fixture
def elsewhere(db):
    """An approach in another municipality, with a coordinator of its own."""
    other = MunicipalityFactory(name="Andersdorp")
    coordinator = member(Role.COORDINATOR, OrganisationFactory(municipality=other))
    return services.start(
        coordinator,
        municipality=other,
        kind="kvo",
        name="KVO Andersdorp",
        started=dt.date(2025, 2, 1),
    )


def _url(name, approach, **kwargs):
    return reverse(name, kwargs={"pk": approach.pk, **kwargs})


def _steps(approach):
    return list(ApproachStep.objects.filter(approach=approach).order_by("plan_order", "order"))


# --- the list ---------------------------------------------------------------------------------


def test_the_coordinator_sees_the_decision_awaiting_an_approach(english, coordinator, decision):
    english.force_login(coordinator)

    page = english.get(LIST).content.decode()

    assert 'data-testid="awaiting"' in page
    assert f"{NEW}?besluit={decision.pk}" in page and "Start the approach" in page
    assert 'data-testid="start-without-decision"' in page
    assert "No approach is under way" in page  # the empty state says what to do


def test_the_list_shows_where_each_approach_stands(english, coordinator, approach):
    first = _steps(approach)[0]
    for item in first.checklist.all():
        item.step = first
        services.tick(coordinator, item, True)
    first.notes = {"intentie": "Afgesproken."}
    first.save()
    completed = dt.datetime(2025, 2, 1, tzinfo=dt.UTC)
    ApproachStep.objects.filter(pk=first.pk).update(completed=completed)
    english.force_login(coordinator)

    page = english.get(LIST).content.decode()

    assert approach.name in page
    assert "step 2 of 6: Feasibility and organisation" in page
    assert 'data-testid="awaiting"' not in page  # its decision has its approach now


def test_the_mayor_sees_approaches_but_cannot_start_one(english, mayor, approach, decision):
    english.force_login(mayor)

    page = english.get(LIST).content.decode()

    assert approach.name in page
    assert "Decisions awaiting an approach" not in page and "besluit=" not in page
    assert english.get(NEW).status_code == 404
    assert english.get(f"{NEW}?besluit={decision.pk}").status_code == 404


def test_another_municipalitys_approach_is_not_shown_nor_found(
    client, coordinator, approach, elsewhere
):
    client.force_login(coordinator)

    assert elsewhere.name not in client.get(LIST).content.decode()
    assert client.get(_url("approach-detail", elsewhere)).status_code == 404
    step = _steps(elsewhere)[0]
    assert client.get(_url("approach-step", elsewhere, step=step.pk)).status_code == 404
    assert client.get(_url("approach-project", elsewhere)).status_code == 404
    # Nor a step of another approach under this approach's address.
    assert client.get(_url("approach-step", approach, step=step.pk)).status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(
    client, coordinator, approach, town, django_assert_num_queries
):
    for number in range(3):
        services.start(
            coordinator,
            municipality=town,
            kind="kvo",
            name=f"KVO {number}",
            started=dt.date(2025, 3, 1),
        )
    services.set_status(coordinator, Approach.objects.get(name="KVO 0"), ApproachStatus.STOPPED)
    client.force_login(coordinator)
    client.get(LIST)  # warm the session

    # session, user, membership, approaches, their steps, awaiting decisions, and the
    # page header's count of the user's memberships
    with django_assert_num_queries(7):
        response = client.get(LIST)

    page = response.content.decode()
    assert page.count('data-testid="approach-row"') == 4
    assert page.index("KVO 1") < page.index('data-testid="ended-approaches"') < page.index("KVO 0")


# --- starting an approach ---------------------------------------------------------------------


def test_starting_from_the_decision_fills_in_what_the_decision_says(english, coordinator, decision):
    english.force_login(coordinator)

    page = english.get(f"{NEW}?besluit={decision.pk}").content.decode()

    assert 'data-testid="from-decision"' in page
    assert 'name="municipality"' not in page and 'name="kind"' not in page
    assert f"Specific robbery approach {decision.analysis.municipality.name} " in page


def test_starting_from_a_decision_twice_gives_one_approach(client, coordinator, decision):
    client.force_login(coordinator)
    form = {"name": "Aanpak 2025", "started": "2025-02-01", "ends": "2025-12-31"}

    first = client.post(f"{NEW}?besluit={decision.pk}", form)
    second = client.post(f"{NEW}?besluit={decision.pk}", form)

    approach = Approach.objects.get()
    assert first.status_code == 302 and first.url == _url("approach-detail", approach)
    assert approach.decision == decision and approach.kind == "specific"
    assert approach.steps.filter(plan_key="overvallen").count() == 6
    assert second.status_code == 200
    page = second.content.decode()
    assert 'data-testid="already-started"' in page and _url("approach-detail", approach) in page


def test_starting_without_a_decision(client, coordinator, town):
    client.force_login(coordinator)

    response = client.post(
        NEW,
        {
            "municipality": town.pk,
            "kind": "kvo",
            "name": "KVO Centrum",
            "started": "2025-03-01",
            "regional": "on",
        },
    )

    approach = Approach.objects.get()
    assert response.status_code == 302
    assert approach.kind == "kvo" and approach.decision is None
    assert approach.police_unit == town.police_unit
    assert approach.steps.filter(plan_key="kvo").count() == 4


def test_an_end_before_the_start_is_a_field_error(client, coordinator, town):
    client.force_login(coordinator)

    response = client.post(
        NEW,
        {"municipality": town.pk, "kind": "kvo", "name": "X", "started": "2025-03-01",
         "ends": "2025-01-01"},
    )  # fmt: skip

    assert response.status_code == 200 and not Approach.objects.exists()
    assert "ends" in response.context["form"].errors


@pytest.mark.parametrize("besluit", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_a_bad_decision_is_not_found(client, coordinator, besluit):
    client.force_login(coordinator)

    assert client.get(f"{NEW}?besluit={besluit}").status_code == 404


def test_a_decision_of_another_municipality_is_not_found(client, coordinator, db):
    other = MunicipalityFactory()
    analyst = member(Role.ANALYST, OrganisationFactory(municipality=other))
    mayor = member(Role.ADMINISTRATOR, OrganisationFactory(municipality=other))
    analysis = analyses.start(analyst, other, START, END)
    analysis.refresh_from_db()
    analyses.finalise(analyst, analysis)
    foreign = analyses.record_decision(
        mayor, analysis, body="mayor", date=dt.date(2025, 1, 5), choice="specific"
    )
    client.force_login(coordinator)

    assert client.get(f"{NEW}?besluit={foreign.pk}").status_code == 404
    assert client.post(f"{NEW}?besluit={foreign.pk}", {"name": "X"}).status_code == 404
    assert not Approach.objects.exists()


# --- the overview -----------------------------------------------------------------------------


def test_the_overview_shows_the_stepper_and_what_is_missing(english, coordinator, approach):
    english.force_login(coordinator)

    page = english.get(_url("approach-detail", approach)).content.decode()

    assert page.count('data-testid="stepper"') == 1
    assert page.count('data-testid="step-state"') == 6
    assert 'data-state="open"' in page and 'data-state="waiting"' in page
    missing = page[page.index('data-testid="missing"') :]
    missing = missing[: missing.index("</ul>")]
    assert "Intention to cooperate" in missing
    assert "Partners in the project structure (0/3)" in missing
    for step in _steps(approach):
        assert _url("approach-step", approach, step=step.pk) in page
    assert reverse("analysis-detail", kwargs={"pk": approach.decision.analysis_id}) in page
    assert 'data-testid="end-approach"' in page and 'data-testid="add-plan"' in page


def test_the_overview_counts_open_and_overdue_actions(english, coordinator, approach, town):
    owner = OrganisationFactory(municipality=town)
    for days, status in ((-3, "open"), (-1, "done"), (10, "in_progress")):
        ActionItem.objects.create(
            approach=approach,
            title=f"Actie {days}",
            owner_organisation=owner,
            deadline=dt.date.today() + dt.timedelta(days=days),
            status=status,
        )
    english.force_login(coordinator)

    response = english.get(_url("approach-detail", approach))

    figures = response.context["figures"]
    assert figures["actions"] == 3 and figures["actions_open"] == 2
    assert figures["actions_overdue"] == 1


def test_the_overview_takes_a_bounded_number_of_queries(
    client, coordinator, approach, town, django_assert_num_queries
):
    owner = OrganisationFactory(municipality=town)
    for number in range(4):
        ActionItem.objects.create(
            approach=approach, title=f"Actie {number}", owner_organisation=owner,
            deadline=dt.date(2025, 6, 1),
        )  # fmt: skip
        day = dt.date(2025, 3, number + 1)
        Meeting.objects.create(approach=approach, kind="triangle", date=day)
    Goal.objects.create(
        approach=approach, title="Minder overvallen", baseline_start=dt.date(2024, 1, 1),
        target=5, deadline=dt.date(2026, 12, 31),
    )  # fmt: skip
    client.force_login(coordinator)
    client.get(_url("approach-detail", approach))

    # session, user, membership, approach; standing: members, commitments, goals, actions,
    # meetings, communication, deployed measures, steps, checklists; the plans left to add;
    # figures: goals, one per goal (its values come from the register), actions, overdue, last
    # and next meeting, committed money; the header's membership count. Not one per action or
    # meeting.
    with django_assert_num_queries(25):
        client.get(_url("approach-detail", approach))


def test_the_coordinator_adds_a_step_plan_and_ends_the_approach(client, coordinator, approach):
    client.force_login(coordinator)
    url = _url("approach-detail", approach)

    client.post(url, {"action": "add_plan", "plan": "slachtoffernazorg"})
    not_confirmed = client.post(url, {"action": "complete"})
    approach.refresh_from_db()
    assert approach.steps.filter(plan_key="slachtoffernazorg").exists()
    assert not_confirmed.status_code == 302 and approach.status == ApproachStatus.ACTIVE

    client.post(url, {"action": "stop", "confirm": "yes"})

    approach.refresh_from_db()
    assert approach.status == ApproachStatus.STOPPED
    page = client.get(url).content.decode()
    assert 'data-testid="end-approach"' not in page  # an ended approach cannot change
    assert client.post(url, {"action": "complete", "confirm": "yes"}).status_code == 404


@pytest.mark.parametrize("who", ["mayor", "partner"])
def test_readers_get_404_on_every_change(request, client, approach, who):
    client.force_login(request.getfixturevalue(who))
    step = _steps(approach)[0]
    item = step.checklist.first()

    assert client.get(_url("approach-detail", approach)).status_code == 200
    page = client.get(_url("approach-step", approach, step=step.pk)).content.decode()
    assert "disabled" in page and 'data-testid="save-step"' not in page
    posts = [
        (_url("approach-detail", approach), {"action": "stop", "confirm": "yes"}),
        (_url("approach-detail", approach), {"action": "add_plan", "plan": "kvo"}),
        (_url("approach-step", approach, step=step.pk), {"action": "save", "done": item.key}),
        (_url("approach-step", approach, step=step.pk), {"action": "complete"}),
        (_url("approach-edit", approach), {"name": "X", "started": "2025-01-01", "version": 1}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert client.get(_url("approach-edit", approach)).status_code == 404
    approach.refresh_from_db()
    item.refresh_from_db()
    assert approach.status == ApproachStatus.ACTIVE and approach.name != "X"
    assert item.done is None and approach.steps.count() == 6


# --- a step -------------------------------------------------------------------------------------


def test_ticking_the_checklist_and_completing_the_step(english, coordinator, approach, town):
    step = _steps(approach)[0]
    url = _url("approach-step", approach, step=step.pk)
    english.force_login(coordinator)
    keys = list(step.checklist.values_list("key", flat=True))

    # Tick two, then untick one and tick the third, as a person does in one form (the page
    # says what was ticked when it was loaded).
    english.post(url, {"action": "save", "done": keys[:2]})
    english.post(url, {"action": "save", "done": [keys[0], keys[2]], "was_done": keys[:2],
                       "note-intentie": "Ja."})  # fmt: skip

    done = dict(step.checklist.values_list("key", "done"))
    assert done[keys[0]] and not done[keys[1]] and done[keys[2]]
    step.refresh_from_db()
    assert step.notes == {"intentie": "Ja."}
    page = english.get(url).content.decode()
    assert 'data-testid="complete-step"' not in page
    assert "The partners have been approached" in page[page.index('data-testid="missing"') :]

    refused = english.post(url, {"action": "complete"}, follow=True).content.decode()
    step.refresh_from_db()
    assert step.completed is None and "This step still misses" in refused

    english.post(url, {"action": "save", "done": keys, "was_done": [keys[0], keys[2]],
                       "note-intentie": "Ja.", "note-intentie-was": "Ja."})  # fmt: skip
    for kind in (OrganisationKind.POLICE, OrganisationKind.PROSECUTION, OrganisationKind.PROBATION):
        organisation = OrganisationFactory(kind=kind, municipality=town)
        services.save_part(
            coordinator,
            approach.members.model(approach=approach, name=kind, organisation=organisation,
                                   role="member"),
        )  # fmt: skip
    page = english.get(url).content.decode()
    assert 'data-state="ready"' in page and 'data-testid="complete-step"' in page

    english.post(url, {"action": "complete"})

    step.refresh_from_db()
    assert step.completed is not None
    page = english.get(url).content.decode()
    assert 'data-testid="reopen-step"' in page and 'data-state="done"' in page
    overview = english.get(_url("approach-detail", approach)).content.decode()
    assert 'data-state="done"' in overview

    english.post(url, {"action": "reopen"})
    step.refresh_from_db()
    assert step.completed is None


def test_the_step_links_to_where_each_artefact_is_made(english, coordinator, approach):
    second = _steps(approach)[1]
    english.force_login(coordinator)

    page = english.get(_url("approach-step", approach, step=second.pk)).content.decode()

    assert page.count(_url("approach-project", approach)) >= 5  # prosecutor, leader, ...
    assert 'data-state="waiting"' in page
    assert "not met" in page


# --- editing with a version ---------------------------------------------------------------------


def test_editing_the_approach_and_a_stale_form_is_a_conflict(client, coordinator, approach):
    client.force_login(coordinator)
    url = _url("approach-edit", approach)
    form = {
        "name": "Nieuwe naam",
        "started": "2025-01-20",
        "ends": "2025-12-31",
        "description": "",
        "budget": "25000",
        "version": approach.version,
    }

    saved = client.post(url, form)
    stale = client.post(url, {**form, "name": "Oude vorm"})

    approach.refresh_from_db()
    assert saved.status_code == 302 and approach.name == "Nieuwe naam"
    assert approach.budget == 25000 and approach.version == 2
    assert stale.status_code == 200 and approach.name == "Nieuwe naam"
    page = stale.content.decode()
    assert "Nieuwe naam" in page and 'value="2"' in page  # the fresh data to redo it on


def test_decision_on_the_analysis_page_links_to_its_approach(client, coordinator, decision):
    client.force_login(coordinator)
    analysis_url = reverse("analysis-detail", kwargs={"pk": decision.analysis_id})

    before = client.get(analysis_url).content.decode()
    assert f"{NEW}?besluit={decision.pk}" in before

    response = client.post(
        f"{NEW}?besluit={decision.pk}", {"name": "Aanpak", "started": "2025-02-01"}
    )
    after = client.get(analysis_url).content.decode()
    assert response.url in after and f"besluit={decision.pk}" not in after


def test_the_mayor_gets_no_start_link_on_the_analysis(client, mayor, decision):
    client.force_login(mayor)

    page = client.get(reverse("analysis-detail", kwargs={"pk": decision.analysis_id}))

    assert "besluit=" not in page.content.decode()


def test_the_approach_warns_when_its_decision_was_corrected(client, coordinator, mayor, approach):
    url = reverse("approach-detail", args=[approach.pk])
    client.force_login(coordinator)
    assert 'data-testid="decision-corrected"' not in client.get(url).content.decode()

    analyses.record_decision(
        mayor, approach.decision.analysis, body="mayor", date=dt.date(2025, 3, 1),
        choice="monitoring", corrects=approach.decision,
    )  # fmt: skip

    page = client.get(url).content.decode()
    assert 'data-testid="decision-corrected"' in page and "2025-03-01" in page


def test_two_stale_step_pages_keep_each_others_ticks_and_texts(english, coordinator, approach):
    step = _steps(approach)[0]
    url = _url("approach-step", approach, step=step.pk)
    english.force_login(coordinator)
    first, second, third = step.checklist.values_list("key", flat=True)

    # Two pages loaded with nothing ticked; one ticks the first item and writes the text...
    english.post(url, {"action": "save", "done": [first], "note-intentie": "Eerste versie",
                       "note-intentie-was": ""})  # fmt: skip
    # ...the other, still showing the old state, ticks the second and writes its own text.
    page = english.post(url, {"action": "save", "done": [second], "note-intentie": "Tweede",
                              "note-intentie-was": ""}, follow=True)  # fmt: skip

    done = {key for key, when in step.checklist.values_list("key", "done") if when}
    assert done == {first, second} and third not in done
    step.refresh_from_db()
    assert step.notes == {"intentie": "Eerste versie"}
    assert "Someone else saved this in the meantime" in page.content.decode()
