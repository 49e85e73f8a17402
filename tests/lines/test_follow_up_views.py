"""The victim follow-up pages: who sees which follow-up, what opening one logs, the
screening form with its version, the steps and the status, and posts made by hand."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from overvalregie.audit.models import AuditEntry
from overvalregie.incidents.models import Business
from overvalregie.lines.models import FollowUpStatus, VictimFollowUp
from overvalregie.measures.models import Deployment
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.geography.factories import DistrictFactory
from tests.lines.factories import open_follow_up
from tests.measures.factories import MeasureFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db

LIST = reverse("follow-up-list")
TODAY = timezone.localdate()
#: Ten days ago: screening, visit, contact, referral and the pointers (1-7 days) are late.
ROBBED = TODAY - dt.timedelta(days=10)
ADDRESS = "Dorpsstraat 12"
#: Session, user, active membership, the navigation's membership count.
BASE = 4


@pytest.fixture
def town():
    return MunicipalityFactory(code="GM0001", name="Teststad")


@pytest.fixture
def coordinator(town):
    return member(
        Role.COORDINATOR, OrganisationFactory(name="Gemeente Teststad", municipality=town)
    )


@pytest.fixture
def victim_support(town):
    return OrganisationFactory(
        name="Slachtofferhulp Teststad", kind=OrganisationKind.VICTIM_SUPPORT, municipality=town
    )


@pytest.fixture
def worker(victim_support):
    return member(Role.VICTIMWORKER, victim_support)


@pytest.fixture
def follow_up(town, victim_support):
    """A robbery of ten days ago, referred to the victim support organisation."""
    district = DistrictFactory(municipality=town, name="Centrum")
    return open_follow_up(
        TODAY, referred_to=victim_support, municipality=town, district=district,
        date=ROBBED, address=ADDRESS, target_type="home", violence=True, injured=1,
    )  # fmt: skip


def _detail(follow_up):
    return reverse("follow-up-detail", args=[follow_up.pk])


def _step_url(follow_up, kind="contact"):
    step = follow_up.steps.get(kind=kind)
    return reverse("follow-up-step", args=[follow_up.pk, step.pk]), step


def _status_url(follow_up):
    return reverse("follow-up-status", args=[follow_up.pk])


def _levels(response) -> list[str]:
    return [message.level_tag for message in response.context["messages"]]


def _rows(response) -> list[VictimFollowUp]:
    return [row["follow_up"] for row in response.context["rows"]]


# --- the list ----------------------------------------------------------------------------------


def test_the_list_shows_each_role_only_its_follow_ups(client, town, coordinator, worker, follow_up):
    unreferred = open_follow_up(TODAY, municipality=town, date=ROBBED - dt.timedelta(days=1))
    elsewhere = open_follow_up(TODAY, date=ROBBED)  # another municipality

    client.force_login(coordinator)
    assert _rows(client.get(LIST)) == [follow_up, unreferred]  # newest robbery first

    client.force_login(worker)
    assert _rows(client.get(LIST)) == [follow_up]

    other_support = OrganisationFactory(kind=OrganisationKind.VICTIM_SUPPORT, municipality=town)
    client.force_login(member(Role.VICTIMWORKER, other_support))
    response = client.get(LIST)
    assert _rows(response) == []
    assert b'data-testid="no-follow-ups"' in response.content

    for role in (Role.CASEWORKER, Role.PARTNER, Role.ANALYST, Role.ADMINISTRATOR):
        client.force_login(member(role, OrganisationFactory(municipality=town)))
        assert client.get(LIST).status_code == 404
    assert elsewhere not in VictimFollowUp.objects.visible_to(coordinator)


def test_the_list_needs_a_login(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "next=" in response.url


def test_the_list_shows_no_personal_data_and_logs_no_read(client, coordinator, follow_up):
    VictimFollowUp.objects.filter(pk=follow_up.pk).update(notes="Slaapt slecht sinds de overval")
    client.force_login(coordinator)
    response = client.get(LIST)
    page = response.content.decode()
    assert ADDRESS not in page and "Slaapt slecht" not in page
    assert "Centrum" in page and "Slachtofferhulp Teststad" in page
    assert _detail(follow_up) in page
    assert not AuditEntry.objects.filter(action="read").exists()


def test_the_list_names_the_next_step_and_counts_the_overdue_ones(client, coordinator, follow_up):
    client.force_login(coordinator)
    row = client.get(LIST).context["rows"][0]
    assert row["next_step"].kind == "screening" and row["next_overdue"]
    assert row["overdue_count"] == 5


def test_the_list_filters_on_status_and_overdue(client, town, coordinator, follow_up):
    # Robbed today: nothing is late yet.
    fresh = open_follow_up(TODAY, municipality=town, date=TODAY)
    closed = open_follow_up(TODAY, municipality=town, date=ROBBED - dt.timedelta(days=2))
    VictimFollowUp.objects.filter(pk=closed.pk).update(status=FollowUpStatus.CLOSED)
    client.force_login(coordinator)

    assert _rows(client.get(LIST)) == [fresh, follow_up]  # open by default
    assert _rows(client.get(LIST, {"status": "closed"})) == [closed]
    assert _rows(client.get(LIST, {"status": "all"})) == [fresh, follow_up, closed]
    assert _rows(client.get(LIST, {"status": "open", "overdue": "on"})) == [follow_up]
    # A closed follow-up has nothing overdue any more.
    response = client.get(LIST, {"status": "closed", "overdue": "on"})
    assert _rows(response) == [] and b'data-testid="no-follow-ups-match"' in response.content
    response = client.get(LIST, {"status": "nonsense"})
    assert response.status_code == 200 and response.context["filters"].errors
    assert _rows(response) == []


def test_the_list_runs_a_fixed_number_of_queries(
    client, town, coordinator, follow_up, django_assert_num_queries
):
    client.force_login(coordinator)
    # BASE + the follow-ups with their robbery, district and organisation, their steps
    with django_assert_num_queries(BASE + 2):
        assert client.get(LIST).status_code == 200
    for days in range(6):
        district = DistrictFactory(municipality=town)
        open_follow_up(
            TODAY, municipality=town, district=district, date=ROBBED + dt.timedelta(days)
        )
    with django_assert_num_queries(BASE + 2):
        response = client.get(LIST, {"status": "all", "overdue": "on"})
    assert len(response.context["rows"]) == 7


# --- one follow-up -----------------------------------------------------------------------------


def test_opening_a_follow_up_logs_one_read_with_its_purpose(client, worker, follow_up):
    client.force_login(worker)
    response = client.get(_detail(follow_up))

    assert response.status_code == 200
    page = response.content.decode()
    assert ADDRESS in page and "Centrum" in page
    reads = AuditEntry.objects.filter(action="read")
    assert reads.count() == 1
    read = reads.get()
    assert (read.object_type, read.object_id) == ("lines.victimfollowup", str(follow_up.pk))
    assert read.purpose == "victim aftercare" and read.actor_id == str(worker.pk)
    assert [s.kind for s in response.context["steps"]][:2] == ["screening", "mayor_visit"]


@pytest.mark.parametrize("role", [Role.VICTIMWORKER, Role.COORDINATOR, Role.CASEWORKER])
def test_a_follow_up_out_of_reach_is_404_and_the_attempt_is_logged(client, follow_up, role):
    # Another organisation's victim worker, another municipality's coordinator, a role without
    # follow-ups at all.
    intruder = member(role, OrganisationFactory(kind=OrganisationKind.VICTIM_SUPPORT))
    client.force_login(intruder)

    response = client.get(_detail(follow_up))

    assert response.status_code == 404
    assert ADDRESS not in response.content.decode()
    refused = AuditEntry.objects.get(action="refused")
    assert (refused.object_type, refused.object_id) == ("lines.victimfollowup", str(follow_up.pk))
    assert refused.detail["attempted"] == "view_follow_ups"
    assert refused.actor_id == str(intruder.pk)
    assert not AuditEntry.objects.filter(action="read").exists()


def test_bad_ids_answer_404(client, town, coordinator, follow_up):
    other = open_follow_up(TODAY, municipality=town, date=ROBBED)
    client.force_login(coordinator)
    step = other.steps.first()

    assert client.get(reverse("follow-up-detail", args=[uuid.uuid4()])).status_code == 404
    assert client.get(f"{LIST}not-a-uuid/").status_code == 404
    # A step of another follow-up, under this one's id; a step that does not exist.
    wrong = reverse("follow-up-step", args=[follow_up.pk, step.pk])
    assert client.post(wrong, {"action": "done"}).status_code == 404
    missing = reverse("follow-up-step", args=[follow_up.pk, uuid.uuid4()])
    assert client.post(missing, {"action": "done"}).status_code == 404
    missing = reverse("follow-up-status", args=[uuid.uuid4()])
    assert client.post(missing, {"status": "closed"}).status_code == 404
    assert not other.steps.filter(done__isnull=False).exists()


def test_a_repeat_victim_is_flagged_with_the_measures_deployed_since(client, town, coordinator):
    business = Business.objects.create(
        name="Snackbar De Hoek", target_type="snack_bar", address="Markt 1", municipality=town,
        lon=5.1, lat=52.1, rd_x=0, rd_y=0, kvo_area=True,
    )  # fmt: skip
    first = ROBBED - dt.timedelta(days=30)
    open_follow_up(first, municipality=town, business=business, date=first)
    deployment = Deployment.objects.create(
        measure=MeasureFactory(), municipality=town, business=business,
        owner=OrganisationFactory(municipality=town), start=first + dt.timedelta(days=5),
    )  # fmt: skip
    again = open_follow_up(TODAY, municipality=town, business=business, date=ROBBED)
    client.force_login(coordinator)

    page = client.get(_detail(again)).content.decode()

    assert 'data-testid="repeat-warning"' in page and 'data-testid="recent-repeat"' in page
    assert first.isoformat() in page
    assert reverse("deployment-detail", args=[deployment.pk]) in page
    assert 'data-testid="kvo"' in page and "Markt 1" in page


# --- the screening -----------------------------------------------------------------------------


def _screening(**changes):
    data = {
        "existing_contact": "no",
        "consent": "yes",
        "mayor_visit": "letter",
        "notes": "Belt liever na vijf uur.",
        "version": "1",
    }
    return {**data, **changes}


def test_the_coordinator_saves_the_screening_and_refers(
    client, town, coordinator, follow_up, victim_support
):
    other_support = OrganisationFactory(
        name="Slachtofferhulp Regio", kind=OrganisationKind.VICTIM_SUPPORT, municipality=None,
        police_unit=town.police_unit,
    )  # fmt: skip
    client.force_login(coordinator)
    choices = client.get(_detail(follow_up)).context["form"].fields["referred_to"].queryset
    assert set(choices) == {victim_support, other_support}  # not the municipality itself

    response = client.post(_detail(follow_up), _screening(referred_to=str(other_support.pk)))

    assert response.status_code == 302 and response.url == _detail(follow_up)
    follow_up.refresh_from_db()
    assert (follow_up.consent, follow_up.mayor_visit) == ("yes", "letter")
    assert follow_up.referred_to == other_support and follow_up.version == 2
    entry = AuditEntry.objects.filter(action="update").latest("sequence")
    assert set(entry.detail["changed"]) >= {"consent", "referred_to", "notes"}
    assert "Belt liever" not in str(entry.detail)  # names of fields, never what was said


def test_a_referral_outside_the_choices_stays_as_it_is(client, coordinator, follow_up):
    # Referred earlier to an organisation that no longer works in the municipality.
    moved = OrganisationFactory(kind=OrganisationKind.OTHER)
    VictimFollowUp.objects.filter(pk=follow_up.pk).update(referred_to=moved)
    client.force_login(coordinator)
    assert moved in client.get(_detail(follow_up)).context["form"].fields["referred_to"].queryset

    response = client.post(_detail(follow_up), _screening(referred_to=str(moved.pk)))

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.referred_to == moved and follow_up.consent == "yes"


def test_a_stale_screening_is_a_conflict_and_nothing_is_overwritten(
    client, coordinator, worker, follow_up
):
    client.force_login(worker)
    client.post(_detail(follow_up), _screening(consent="no"), follow=True)
    client.force_login(coordinator)

    response = client.post(_detail(follow_up), _screening(consent="yes"), follow=True)

    follow_up.refresh_from_db()
    assert follow_up.consent == "no" and follow_up.version == 2
    assert _levels(response) == ["error"]


def test_a_form_with_errors_is_shown_again_and_its_page_is_a_read(client, coordinator, follow_up):
    client.force_login(coordinator)
    response = client.post(_detail(follow_up), _screening(consent="maybe"))
    assert response.status_code == 200 and response.context["form"].errors["consent"]
    follow_up.refresh_from_db()
    assert follow_up.consent == "unknown" and follow_up.version == 1
    assert AuditEntry.objects.filter(action="read").count() == 1


def test_a_victim_worker_cannot_refer(client, worker, follow_up, victim_support):
    client.force_login(worker)
    form = client.get(_detail(follow_up)).context["form"]
    assert "referred_to" not in form.fields

    elsewhere = OrganisationFactory(kind=OrganisationKind.VICTIM_SUPPORT)
    response = client.post(_detail(follow_up), _screening(referred_to=str(elsewhere.pk)))

    assert response.status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.referred_to == victim_support and follow_up.consent == "unknown"
    assert AuditEntry.objects.get(action="refused").detail["attempted"] == "refer_follow_up"
    # The screening itself is theirs to fill in.
    response = client.post(_detail(follow_up), _screening(referred_to=str(victim_support.pk)))
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.consent == "yes" and follow_up.referred_to == victim_support


# --- steps and status --------------------------------------------------------------------------


def test_a_step_is_done_with_its_outcome_and_can_be_reopened(client, worker, follow_up):
    client.force_login(worker)
    url, step = _step_url(follow_up)

    response = client.post(url, {"action": "done", "outcome": "Gebeld, gaat redelijk."})

    assert response.status_code == 302
    assert response.url == f"{_detail(follow_up)}#step-{step.pk}"
    step.refresh_from_db()
    assert (step.done, step.done_by, step.outcome) == (TODAY, worker, "Gebeld, gaat redelijk.")
    page = client.get(_detail(follow_up)).content.decode()
    assert "Gebeld, gaat redelijk." in page and 'data-testid="step-reopen"' in page

    # Done twice: the first outcome is not overwritten.
    response = client.post(url, {"action": "done", "outcome": "Anders"}, follow=True)
    step.refresh_from_db()
    assert step.outcome == "Gebeld, gaat redelijk." and _levels(response) == ["warning"]

    response = client.post(url, {"action": "reopen"}, follow=True)
    step.refresh_from_db()
    assert step.done is None and step.done_by is None
    assert _levels(response) == ["success"]


def test_a_step_done_on_an_earlier_day(client, coordinator, follow_up):
    client.force_login(coordinator)
    url, step = _step_url(follow_up)
    day = ROBBED + dt.timedelta(days=2)
    client.post(url, {"action": "done", "done": day.isoformat()}, follow=True)
    step.refresh_from_db()
    assert step.done == day

    url, step = _step_url(follow_up, "referral")
    before = ROBBED - dt.timedelta(days=1)
    response = client.post(url, {"action": "done", "done": before.isoformat()}, follow=True)
    step.refresh_from_db()
    assert step.done is None and _levels(response) == ["error"]


def test_an_overdue_step_is_tagged(client, worker, follow_up):
    client.force_login(worker)
    response = client.get(_detail(follow_up))
    steps = {step.kind: step for step in response.context["steps"]}
    assert steps["screening"].overdue and not steps["evaluation"].overdue
    assert response.context["overdue_count"] == 5
    page = response.content.decode()
    assert page.count('data-testid="overdue"') == 5
    assert page.count("ovr-tag--overdue") == 5


def test_closing_hides_the_step_forms_until_reopened(client, coordinator, follow_up):
    client.force_login(coordinator)
    page = client.get(_detail(follow_up)).content.decode()
    assert page.count('data-testid="step-form"') == 8

    response = client.post(_status_url(follow_up), {"status": "closed"})

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "closed" and follow_up.closed == TODAY
    response = client.get(_detail(follow_up))
    page = response.content.decode()
    assert 'data-testid="step-form"' not in page and 'data-testid="step-reopen"' not in page
    assert 'data-testid="screening-form"' not in page and 'data-testid="reopen"' in page
    assert 'data-testid="overdue"' not in page  # a closed follow-up is late no more
    # A step posted anyway is refused with the reason.
    url, step = _step_url(follow_up)
    response = client.post(url, {"action": "done"}, follow=True)
    step.refresh_from_db()
    assert step.done is None and _levels(response) == ["error"]

    client.post(_status_url(follow_up), {"status": "open"})
    follow_up.refresh_from_db()
    assert follow_up.is_open and follow_up.closed is None
    assert client.get(_detail(follow_up)).content.decode().count('data-testid="step-form"') == 8


def test_others_cannot_touch_steps_or_status(client, follow_up):
    url, step = _step_url(follow_up)
    for role in (Role.VICTIMWORKER, Role.CASEWORKER):
        client.force_login(member(role, OrganisationFactory()))
        assert client.post(url, {"action": "done"}).status_code == 404
        assert client.post(_status_url(follow_up), {"status": "closed"}).status_code == 404
    step.refresh_from_db()
    follow_up.refresh_from_db()
    assert step.done is None and follow_up.is_open
    refused = AuditEntry.objects.filter(action="refused").values_list("detail", flat=True)
    assert [detail["attempted"] for detail in refused] == ["manage_follow_ups"] * 4


# --- posts made by hand ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "delete"},
        {"action": "done", "outcome": "x" * 100_000},
        {"action": "done", "done": "gisteren"},
        {"action": "done", "done": (TODAY + dt.timedelta(days=3)).isoformat()},
        {"action": ["done", "reopen"], "outcome": "\x00"},
    ],
)
def test_junk_step_posts_change_nothing(client, coordinator, follow_up, data):
    client.force_login(coordinator)
    url, step = _step_url(follow_up)
    response = client.post(url, data, follow=True)
    assert response.status_code == 200 and _levels(response) == ["error"]
    step.refresh_from_db()
    assert step.done is None and step.outcome == ""


@pytest.mark.parametrize("data", [{}, {"status": "archived"}, {"status": ""}])
def test_junk_status_posts_change_nothing(client, coordinator, follow_up, data):
    client.force_login(coordinator)
    response = client.post(_status_url(follow_up), data, follow=True)
    assert response.status_code == 200 and _levels(response) == ["error"]
    follow_up.refresh_from_db()
    assert follow_up.is_open


def test_the_small_forms_take_posts_only(client, coordinator, follow_up):
    client.force_login(coordinator)
    url, _step = _step_url(follow_up)
    assert client.get(url).status_code == 405
    assert client.get(_status_url(follow_up)).status_code == 405


@pytest.mark.parametrize(
    "changes",
    [
        {"version": "abc"},
        {"version": ""},
        {"version": "99999999999999999999999"},
        {"mayor_visit": "<script>"},
        {"referred_to": "not-a-uuid"},
        {"referred_to": str(uuid.uuid4())},
        {"notes": "x" * 50_000, "version": "-1"},
    ],
)
def test_junk_screening_posts_save_nothing(client, coordinator, follow_up, changes):
    client.force_login(coordinator)
    response = client.post(_detail(follow_up), _screening(**changes))
    assert response.status_code in (200, 302)
    follow_up.refresh_from_db()
    assert follow_up.version == 1 and follow_up.consent == "unknown"
