"""Meetings with attendance, decision records and answers to requests; requests for a
decision; the communication log."""

import datetime as dt

import pytest
from django.urls import reverse

from overvalregie.approach import services
from overvalregie.approach.models import (
    ActionItem,
    Attendance,
    CommunicationEntry,
    DecisionRequest,
    Meeting,
    ProjectMember,
)
from overvalregie.organisations.roles import Role
from tests.organisations.factories import OrganisationFactory, member

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def partner(town):
    return member(Role.PARTNER, OrganisationFactory(municipality=town))


@pytest.fixture
def members(coordinator, approach, municipality_org, prosecution):
    def add(name, organisation, role):
        return services.save_part(
            coordinator,
            ProjectMember(approach=approach, name=name, organisation=organisation, role=role),
        )

    return [
        add("A. de Vries", municipality_org, "leader"),
        add("B. Bakker", prosecution, "member"),
        add("C. Visser", municipality_org, "member"),
    ]


def _request(coordinator, approach, question="Mogen we cameratoezicht inzetten?"):
    return services.save_part(coordinator, DecisionRequest(approach=approach, question=question))


def _meeting(coordinator, approach, **fields):
    values = {"kind": "triangle", "date": dt.date(2025, 3, 1)}
    values.update(fields)
    return services.save_part(coordinator, Meeting(approach=approach, **values))


# --- recording a meeting -------------------------------------------------------------------------


def test_record_a_meeting_with_attendance_and_an_answer(client, coordinator, approach, members,
                                                        decision):  # fmt: skip
    question = _request(coordinator, approach)
    waiting = _request(coordinator, approach, "Extra budget?")
    leader, prosecutor, absent = members
    client.force_login(coordinator)

    response = client.post(
        reverse("approach-meeting-new", args=[approach.pk]),
        {
            "kind": "triangle",
            "date": "2025-03-01",
            "agenda": "1. Voortgang",
            "minutes": "Besproken.",
            "decisions_taken": "Camera's komen er.",
            "decisions": [decision.pk],
            f"attendance_{leader.pk}": "present",
            f"attendance_{prosecutor.pk}": "excused",
            f"attendance_{absent.pk}": "",
            f"answer_{question.pk}": "  Ja, voor zes maanden.  ",
            f"answer_{waiting.pk}": "",
        },
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("approach-meeting", args=[approach.pk, meeting.pk])
    assert dict(meeting.attendance.values_list("member__name", "presence")) == {
        "A. de Vries": "present",
        "B. Bakker": "excused",
    }
    assert list(meeting.decisions.all()) == [decision]
    question.refresh_from_db()
    waiting.refresh_from_db()
    assert question.answered_in == meeting and question.answer == "Ja, voor zes maanden."
    assert waiting.answered_in is None

    listing = client.get(reverse("approach-meetings", args=[approach.pk]))
    assert listing.context["open_requests"] == [waiting]
    assert listing.context["answered_requests"] == [question]
    row = listing.context["meetings"][0]
    assert (row.present, row.decision_count, row.action_count) == (1, 1, 0)

    page = client.get(response.url).content.decode()
    assert "A. de Vries (Gemeente" in page and "Present" in page
    assert f'?meeting={meeting.pk}"' in page  # "Add an action arising"
    # The answered request can still be corrected from this meeting's form.
    assert f'name="answer_{question.pk}"' in page and "Ja, voor zes maanden." in page


def test_editing_keeps_attendance_and_shows_actions_arising(client, coordinator, approach,
                                                            members, municipality_org):  # fmt: skip
    meeting = _meeting(coordinator, approach)
    services.record_meeting(coordinator, meeting, attendance={members[0]: "present"},
                            version=meeting.version)  # fmt: skip
    meeting.refresh_from_db()
    services.save_part(
        coordinator,
        ActionItem(approach=approach, title="Winkeliers informeren", meeting=meeting,
                   owner_organisation=municipality_org, deadline=dt.date(2025, 4, 1)),
    )  # fmt: skip
    client.force_login(coordinator)
    url = reverse("approach-meeting", args=[approach.pk, meeting.pk])

    page = client.get(url)
    form = page.context["form"]
    assert form[f"attendance_{members[0].pk}"].value() == "present"
    assert form[f"attendance_{members[1].pk}"].value() == ""
    assert "Winkeliers informeren" in page.content.decode()

    response = client.post(
        url,
        {"kind": "project_group", "date": "2025-03-02", "version": meeting.version,
         f"attendance_{members[1].pk}": "absent"},
    )  # fmt: skip
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.kind == "project_group"
    assert list(Attendance.objects.values_list("member", "presence")) == [(members[1].pk, "absent")]


def test_a_stale_meeting_edit_is_refused(client, coordinator, approach):
    meeting = _meeting(coordinator, approach, minutes="Eerste versie")
    loaded = meeting.version
    other = Meeting.objects.get(pk=meeting.pk)
    other.minutes = "Tweede versie"
    services.save_part(coordinator, other, version=loaded)
    client.force_login(coordinator)

    response = client.post(
        reverse("approach-meeting", args=[approach.pk, meeting.pk]),
        {"kind": "triangle", "date": "2025-03-01", "minutes": "Mijn versie", "version": loaded},
    )

    assert "Someone else saved this in the meantime" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes == "Tweede versie"
    assert response.context["form"]["minutes"].value() == "Tweede versie"


def test_meeting_form_errors(client, coordinator, approach, members):
    client.force_login(coordinator)
    response = client.post(
        reverse("approach-meeting-new", args=[approach.pk]),
        {"kind": "coffee", "date": "tomorrow", f"attendance_{members[0].pk}": "asleep",
         "decisions": ["not-a-uuid"]},
    )  # fmt: skip
    assert response.status_code == 200
    assert {"kind", "date", f"attendance_{members[0].pk}", "decisions"} <= set(
        response.context["form"].errors
    )
    assert not Meeting.objects.exists()


def test_a_partner_sees_a_meeting_without_its_records_and_cannot_record_one(
    client, coordinator, mayor, approach, partner
):
    meeting = _meeting(coordinator, approach, minutes="Besproken: camera's.")
    client.force_login(partner)
    page = client.get(reverse("approach-meeting", args=[approach.pk, meeting.pk]))
    assert page.status_code == 200 and page.context["form"] is None
    # What was said is for the municipality's coordinator and mayor.
    assert "Besproken" not in page.content.decode()
    assert 'data-testid="records-withheld"' in page.content.decode()
    assert "Add an action arising" not in page.content.decode()
    assert client.get(reverse("approach-meeting-new", args=[approach.pk])).status_code == 404
    for url in (
        reverse("approach-meeting-new", args=[approach.pk]),
        reverse("approach-meeting", args=[approach.pk, meeting.pk]),
        reverse("approach-request-new", args=[approach.pk]),
    ):
        assert client.post(url, {"kind": "triangle", "date": "2025-03-01",
                                 "question": "x"}).status_code == 404  # fmt: skip
    assert client.get(reverse("approach-request-new", args=[approach.pk])).status_code == 404
    assert Meeting.objects.count() == 1 and not DecisionRequest.objects.exists()


# --- requests for a decision ---------------------------------------------------------------------


def test_ask_the_triangle_for_a_decision(client, coordinator, approach):
    client.force_login(coordinator)
    url = reverse("approach-request-new", args=[approach.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"question": "Inzet van extra surveillance?"})
    assert response.url == reverse("approach-meetings", args=[approach.pk])
    request = DecisionRequest.objects.get()
    assert request.is_open and request.approach == approach
    listing = client.get(response.url).content.decode()
    assert "Inzet van extra surveillance?" in listing

    empty = client.post(url, {"question": "  "})
    assert empty.status_code == 200 and "question" in empty.context["form"].errors
    assert DecisionRequest.objects.count() == 1


# --- the communication log -----------------------------------------------------------------------


def _entry_post(**fields):
    data = {"date": "2025-03-05", "audience": "public", "channel": "newsletter",
            "subject": "Nieuwsbrief winkeliers", "summary": "Tips tegen overvallen."}  # fmt: skip
    data.update(fields)
    return data


def test_log_filter_and_delete_communication(client, coordinator, approach, municipality_org):
    client.force_login(coordinator)
    url = reverse("approach-communication", args=[approach.pk])
    assert client.post(url, _entry_post(organisation=municipality_org.pk)).status_code == 302
    assert client.post(url, _entry_post(audience="press", subject="Persbericht")).status_code == 302
    entry = CommunicationEntry.objects.get(subject="Nieuwsbrief winkeliers")
    assert entry.organisation == municipality_org and entry.approach == approach

    press = client.get(url, {"audience": "press"})
    assert [e.subject for e in press.context["entries"]] == ["Persbericht"]
    assert client.get(url, {"audience": "aliens"}).context["entries"].count() == 0

    invalid = client.post(url, _entry_post(channel="pigeon", subject=""))
    assert {"channel", "subject"} <= set(invalid.context["form"].errors)
    assert CommunicationEntry.objects.count() == 2

    assert client.post(url, {"delete": "1", "entry": entry.pk}).status_code == 302
    assert not CommunicationEntry.objects.filter(pk=entry.pk).exists()
    assert client.post(url, {"delete": "1", "entry": "nonsense"}).status_code == 404


def test_a_partner_reads_the_log_but_cannot_change_it(client, coordinator, approach, partner):
    entry = services.save_part(
        coordinator,
        CommunicationEntry(approach=approach, date=dt.date(2025, 3, 5), audience="partners",
                           channel="email", subject="Uitnodiging"),
    )  # fmt: skip
    client.force_login(partner)
    url = reverse("approach-communication", args=[approach.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Uitnodiging" in page.content.decode()
    assert page.context["form"] is None and b'name="delete"' not in page.content
    assert client.post(url, _entry_post()).status_code == 404
    assert client.post(url, {"delete": "1", "entry": entry.pk}).status_code == 404
    assert CommunicationEntry.objects.count() == 1


# --- queries -------------------------------------------------------------------------------------


def test_meeting_list_query_count(client, coordinator, approach, members, decision,
                                  django_assert_num_queries):  # fmt: skip
    def add_meeting():
        meeting = _meeting(coordinator, approach)
        services.record_meeting(coordinator, meeting, attendance={m: "present" for m in members},
                                decisions=[decision], version=meeting.version)  # fmt: skip
        _request(coordinator, approach)

    add_meeting()
    client.force_login(coordinator)
    url = reverse("approach-meetings", args=[approach.pk])
    client.get(url)
    # session, user, membership, navigation; the approach; meetings; requests
    with django_assert_num_queries(8):
        client.get(url)
    for _ in range(3):
        add_meeting()
    with django_assert_num_queries(8):
        client.get(url)


def test_communication_query_count(client, coordinator, approach, municipality_org,
                                   django_assert_num_queries):  # fmt: skip
    def add():
        services.save_part(
            coordinator,
            CommunicationEntry(approach=approach, date=dt.date(2025, 3, 5), audience="public",
                               channel="website", subject="Bericht",
                               organisation=municipality_org),
        )  # fmt: skip

    add()
    client.force_login(coordinator)
    url = reverse("approach-communication", args=[approach.pk])
    client.get(url)
    # session, user, membership, navigation; the approach; the form's organisations; the log
    with django_assert_num_queries(8) as first:
        client.get(url)
    for _ in range(4):
        add()
    with django_assert_num_queries(len(first)):
        client.get(url)


def test_the_mayor_reads_the_records_and_the_partner_no_internal_communication(
    client, coordinator, mayor, approach, partner
):
    meeting = _meeting(coordinator, approach, minutes="Besproken: camera's.")
    for audience, subject in (("internal", "Intern memo"), ("press", "Persbericht")):
        services.save_part(coordinator, CommunicationEntry(
            approach=approach, date=dt.date(2025, 3, 1), audience=audience, channel="email",
            subject=subject,
        ))  # fmt: skip
    client.force_login(mayor)
    assert (
        "Besproken"
        in client.get(reverse("approach-meeting", args=[approach.pk, meeting.pk])).content.decode()
    )
    assert (
        "Intern memo"
        in client.get(reverse("approach-communication", args=[approach.pk])).content.decode()
    )

    client.force_login(partner)
    log = client.get(reverse("approach-communication", args=[approach.pk])).content.decode()
    assert "Persbericht" in log and "Intern memo" not in log


def test_the_coordinator_withdraws_a_request_and_deletes_a_meeting(
    client, coordinator, approach, partner
):
    question = services.save_part(coordinator, DecisionRequest(approach=approach, question="x?"))
    meeting = _meeting(coordinator, approach)
    withdraw = reverse("approach-request-withdraw", args=[approach.pk, question.pk])
    delete = reverse("approach-meeting", args=[approach.pk, meeting.pk])
    client.force_login(partner)
    assert (
        client.post(withdraw).status_code == 404
        and client.post(delete, {"delete": "1"}).status_code == 404
    )
    assert DecisionRequest.objects.exists() and Meeting.objects.exists()

    client.force_login(coordinator)
    assert client.get(withdraw).status_code == 404  # a change is a POST
    client.post(withdraw)
    client.post(delete, {"delete": "1"})
    assert not DecisionRequest.objects.exists() and not Meeting.objects.exists()


def test_a_meeting_that_answered_a_request_is_kept(client, coordinator, approach):
    question = services.save_part(coordinator, DecisionRequest(approach=approach, question="x?"))
    meeting = services.record_meeting(
        coordinator, Meeting(approach=approach, kind="triangle", date=dt.date(2025, 3, 1)),
        attendance={}, answers={question: "Ja."},
    )  # fmt: skip
    client.force_login(coordinator)
    page = client.post(
        reverse("approach-meeting", args=[approach.pk, meeting.pk]), {"delete": "1"}, follow=True
    )
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert DecisionRequest.objects.get(pk=question.pk).answered_in == meeting
    assert page.status_code == 200 and "cannot be deleted" in page.content.decode()
