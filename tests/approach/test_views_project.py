"""The project structure page: members with their mandate and attendance, budget and partner
commitments, and the forms the coordinator keeps them with."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from overvalregie.approach import services
from overvalregie.approach.models import Commitment, Meeting, ProjectMember
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member


@pytest.fixture
def police(town):
    return OrganisationFactory(
        name="Politie Basisteam", kind=OrganisationKind.POLICE, municipality=None,
        police_unit=town.police_unit,
    )  # fmt: skip


def _url(name, approach, **kwargs):
    return reverse(name, kwargs={"pk": approach.pk, **kwargs})


def _member(coordinator, approach, name, organisation, role="member", **fields):
    return services.save_part(
        coordinator,
        ProjectMember(approach=approach, name=name, organisation=organisation, role=role, **fields),
    )


def test_the_coordinator_adds_the_project_leader(client, coordinator, approach, municipality_org):
    client.force_login(coordinator)

    response = client.post(
        _url("approach-member-new", approach),
        {
            "name": "Petra de Vries",
            "organisation": municipality_org.pk,
            "user": coordinator.pk,
            "role": "leader",
            "function": "Projectleider veiligheid",
            "mandate": "Mag tot 10.000 euro besteden.",
        },
    )

    assert response.status_code == 302 and response.url == _url("approach-project", approach)
    leader = ProjectMember.objects.get()
    assert (leader.approach, leader.role, leader.user) == (approach, "leader", coordinator)


def test_a_second_project_leader_is_a_field_error(
    english, coordinator, approach, municipality_org, police
):
    _member(coordinator, approach, "Petra de Vries", municipality_org, role="leader")
    english.force_login(coordinator)

    response = english.post(
        _url("approach-member-new", approach),
        {"name": "Jan Jansen", "organisation": police.pk, "role": "leader"},
    )

    assert response.status_code == 200
    assert "Petra de Vries" in response.context["form"].errors["role"][0]
    assert ProjectMember.objects.count() == 1


def test_the_leader_can_be_saved_again_without_an_error(
    client, coordinator, approach, municipality_org
):
    leader = _member(coordinator, approach, "Petra de Vries", municipality_org, role="leader")
    client.force_login(coordinator)

    response = client.post(
        _url("approach-member", approach, part=leader.pk),
        {"name": "Petra de Vries", "organisation": municipality_org.pk, "role": "leader",
         "function": "Projectleider", "version": leader.version},
    )  # fmt: skip

    leader.refresh_from_db()
    assert response.status_code == 302 and leader.function == "Projectleider"


def test_a_stale_member_form_is_a_conflict_and_keeps_the_other_save(
    client, coordinator, approach, municipality_org
):
    member_ = _member(coordinator, approach, "Petra de Vries", municipality_org)
    loaded = member_.version
    client.force_login(coordinator)
    url = _url("approach-member", approach, part=member_.pk)
    data = {"name": "Petra de Vries", "organisation": municipality_org.pk, "role": "member"}
    client.post(url, {**data, "function": "Eerst", "version": loaded})
    response = client.post(url, {**data, "function": "Later", "version": loaded})

    member_.refresh_from_db()
    assert response.status_code == 200 and member_.function == "Eerst"
    assert response.context["form"].initial["version"] == loaded + 1


def test_only_organisations_of_the_area_can_be_chosen(client, coordinator, approach, police):
    stranger = OrganisationFactory(name="Gemeente Elders", municipality=MunicipalityFactory())
    client.force_login(coordinator)

    form = client.get(_url("approach-member-new", approach)).context["form"]
    response = client.post(
        _url("approach-member-new", approach),
        {"name": "X", "organisation": stranger.pk, "role": "member"},
    )

    offered = set(form.fields["organisation"].queryset)
    assert police in offered and stranger not in offered
    assert coordinator in set(form.fields["user"].queryset)
    assert "organisation" in response.context["form"].errors
    assert not ProjectMember.objects.exists()


def test_a_member_is_deleted_with_a_post(client, coordinator, approach, police):
    gone = _member(coordinator, approach, "Jan Jansen", police)
    client.force_login(coordinator)

    response = client.post(_url("approach-member", approach, part=gone.pk), {"action": "delete"})

    assert response.status_code == 302 and not ProjectMember.objects.exists()


def test_one_commitment_per_partner(english, coordinator, approach, police):
    english.force_login(coordinator)
    url = _url("approach-commitment-new", approach)

    english.post(url, {"organisation": police.pk, "money": "5000", "people": "0.5"})
    duplicate = english.post(url, {"organisation": police.pk, "money": "100"})
    empty = english.post(url, {"organisation": police.pk})

    commitment = Commitment.objects.get()
    assert commitment.money == Decimal("5000") and commitment.people == Decimal("0.5")
    assert duplicate.status_code == 200
    assert "Politie Basisteam" in duplicate.context["form"].errors["organisation"][0]
    assert empty.status_code == 200 and Commitment.objects.count() == 1


def test_the_page_shows_members_leader_first_budget_and_attendance(
    english, coordinator, approach, municipality_org, police, prosecution
):
    _member(coordinator, approach, "Aart Adviseur", police, role="adviser")
    leader = _member(
        coordinator, approach, "Zoë Leider", municipality_org, role="leader", mandate="Beslist."
    )
    officer = _member(coordinator, approach, "Otto Officier", prosecution)
    for day, presence in ((1, "present"), (2, "absent")):
        meeting = Meeting(approach=approach, kind="project_group", date=dt.date(2025, 3, day))
        services.record_meeting(
            coordinator, meeting, attendance={leader: "present", officer: presence}
        )
    approach.budget = Decimal("20000")
    services.save_part(coordinator, approach, version=approach.version, changed=["budget"])
    services.save_part(
        coordinator, Commitment(approach=approach, organisation=police, money=Decimal("7500"))
    )
    english.force_login(coordinator)

    response = english.get(_url("approach-project", approach))

    page = response.content.decode()
    assert page.index("Zoë Leider") < page.index("Aart Adviseur")  # the leader first
    assert "Beslist." in page
    members = {m.name: m for m in response.context["members"]}
    assert (members["Otto Officier"].present, members["Otto Officier"].recorded) == (1, 2)
    assert (members["Zoë Leider"].present, members["Zoë Leider"].recorded) == (2, 2)
    assert "1 of 2" in page and "2 of 2" in page
    assert "€ 20,000.00" in page and "€ 7,500.00" in page and "12,500.00 still to be found" in page
    assert _url("approach-member-new", approach) in page


def test_the_project_page_takes_a_fixed_number_of_queries(
    client, coordinator, approach, municipality_org, police, django_assert_num_queries
):
    for number in range(5):
        _member(coordinator, approach, f"Lid {number}", police if number % 2 else municipality_org)
    services.save_part(coordinator, Commitment(approach=approach, organisation=police, money=1))
    services.save_part(
        coordinator, Commitment(approach=approach, organisation=municipality_org, money=2)
    )
    client.force_login(coordinator)
    client.get(_url("approach-project", approach))

    # session, user, membership, approach, members, commitments, their totals, meetings,
    # the header's membership count
    with django_assert_num_queries(10):
        response = client.get(_url("approach-project", approach))

    assert response.content.decode().count('data-testid="member"') == 5


@pytest.mark.parametrize("who", ["mayor", "analyst"])
def test_readers_see_the_project_but_change_nothing(
    request, client, coordinator, approach, police, who
):
    someone = _member(coordinator, approach, "Jan Jansen", police)
    commitment = services.save_part(
        coordinator, Commitment(approach=approach, organisation=police, money=1)
    )
    client.force_login(request.getfixturevalue(who))

    page = client.get(_url("approach-project", approach)).content.decode()
    assert "Jan Jansen" in page and _url("approach-member-new", approach) not in page
    for url in (
        _url("approach-member-new", approach),
        _url("approach-member", approach, part=someone.pk),
        _url("approach-commitment-new", approach),
        _url("approach-commitment", approach, part=commitment.pk),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "delete"}).status_code == 404
    assert (
        client.post(
            _url("approach-member-new", approach),
            {"name": "X", "organisation": police.pk, "role": "member"},
        ).status_code
        == 404
    )
    assert ProjectMember.objects.count() == 1 and Commitment.objects.count() == 1


def test_a_part_of_another_approach_is_not_found(client, coordinator, approach, town, police):
    other = services.start(
        coordinator, municipality=town, kind="kvo", name="KVO", started=dt.date(2025, 3, 1)
    )
    theirs = _member(coordinator, other, "Jan Jansen", police)
    client.force_login(coordinator)

    assert client.get(_url("approach-member", approach, part=theirs.pk)).status_code == 404
    response = client.post(_url("approach-member", approach, part=theirs.pk), {"action": "delete"})
    assert response.status_code == 404 and ProjectMember.objects.filter(pk=theirs.pk).exists()


def test_a_coordinator_elsewhere_gets_404(client, approach, db):
    stranger = member(Role.COORDINATOR, OrganisationFactory(municipality=MunicipalityFactory()))
    client.force_login(stranger)

    assert client.get(_url("approach-project", approach)).status_code == 404
    assert client.get(_url("approach-member-new", approach)).status_code == 404
