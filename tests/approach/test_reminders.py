"""Reminders of overdue actions: one e-mail per owner, at most once a week, through the worker
(run at once in tests), holding no personal data beyond the recipient's name and the titles."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from overvalregie.approach import services
from overvalregie.approach.models import ActionItem, ActionStatus, ProjectMember
from overvalregie.organisations.roles import Role
from tests.organisations.factories import OrganisationFactory, member


@pytest.fixture
def owner_user(town):
    return member(Role.PARTNER, OrganisationFactory(municipality=town), email="eva@example.org",
                  first_name="Eva", last_name="Eigenaar")  # fmt: skip


@pytest.fixture
def owner(coordinator, approach, owner_user, municipality_org):
    return services.save_part(coordinator, ProjectMember(
        approach=approach, name="Eva Eigenaar", organisation=municipality_org, user=owner_user,
        role="member",
    ))  # fmt: skip


@pytest.fixture
def leader(coordinator, approach, municipality_org):
    coordinator.first_name, coordinator.last_name = "Lotte", "Leider"
    coordinator.save()
    return services.save_part(coordinator, ProjectMember(
        approach=approach, name="Lotte Leider", organisation=municipality_org, user=coordinator,
        role="leader",
    ))  # fmt: skip


def _action(coordinator, approach, title, days_late, owner=None, **fields):
    organisation = owner.organisation if owner else approach.municipality.organisations.first()
    return services.save_part(coordinator, ActionItem(
        approach=approach, title=title, owner=owner, owner_organisation=organisation,
        deadline=timezone.localdate() - dt.timedelta(days=days_late), **fields,
    ))  # fmt: skip


def test_an_owner_is_reminded_once_a_week(coordinator, approach, owner, leader):
    action = _action(coordinator, approach, "Camerabeelden delen", 10, owner)
    _action(coordinator, approach, "Winkeliers bellen", 3, owner)
    now = timezone.now()

    assert services.queue_reminders(now) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["eva@example.org"]
    assert "Camerabeelden delen" in message.body and "Winkeliers bellen" in message.body
    assert "2" in message.subject
    plan = settings.SITE_URL + reverse("approach-plan", args=[approach.pk])
    assert f"{plan}#action-{action.pk}" in message.body

    assert services.queue_reminders(now) == 0
    assert services.queue_reminders(now + dt.timedelta(days=6)) == 0
    assert len(mail.outbox) == 1

    assert services.queue_reminders(now + dt.timedelta(days=8)) == 1
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["eva@example.org"]


def test_done_cancelled_and_not_yet_due_actions_remind_nobody(coordinator, approach, owner,
                                                              leader):  # fmt: skip
    _action(coordinator, approach, "Klaar", 10, owner, status=ActionStatus.DONE,
            completed=timezone.localdate())  # fmt: skip
    _action(coordinator, approach, "Vervallen", 10, owner, status=ActionStatus.CANCELLED)
    _action(coordinator, approach, "Nog niet", -5, owner)
    _action(coordinator, approach, "Vandaag", 0, owner)

    assert services.queue_reminders() == 0
    assert mail.outbox == []


def test_an_action_done_after_queueing_is_not_mailed(coordinator, approach, owner, leader):
    action = _action(coordinator, approach, "Al gedaan", 4, owner)
    from overvalregie.approach import reminders

    ActionItem.objects.filter(pk=action.pk).update(status=ActionStatus.DONE)

    assert reminders.send(str(owner.user_id), [str(action.pk)]) is False
    assert mail.outbox == []


def test_an_owner_without_an_account_falls_back_to_the_project_leader(
    coordinator, approach, leader, municipality_org
):
    nobody = services.save_part(coordinator, ProjectMember(
        approach=approach, name="Kees Zonderaccount", organisation=municipality_org, role="member",
    ))  # fmt: skip
    _action(coordinator, approach, "Folder drukken", 5, nobody)
    _action(coordinator, approach, "Zonder eigenaar", 5)

    assert services.queue_reminders() == 1
    assert [m.to for m in mail.outbox] == [["regisseur@example.org"]]
    assert "Folder drukken" in mail.outbox[0].body and "Zonder eigenaar" in mail.outbox[0].body


def test_without_owner_account_or_leader_nobody_is_mailed(coordinator, approach):
    action = _action(coordinator, approach, "Niemand", 5)

    assert services.queue_reminders() == 0
    assert mail.outbox == []
    action.refresh_from_db()
    assert action.reminded is None  # tried again tomorrow, once someone can be reminded


def test_the_mail_holds_no_other_personal_data(coordinator, approach, owner, leader):
    _action(coordinator, approach, "Camerabeelden delen", 10, owner,
            description="Bel de heer Jansen, Dorpsstraat 1, 06-12345678")  # fmt: skip

    services.queue_reminders()

    message = mail.outbox[0]
    text = message.subject + message.body
    assert "Eva Eigenaar" in text  # the recipient's own name
    for personal in ("Jansen", "Dorpsstraat", "06-12345678", "Lotte", "Leider",
                     "regisseur@example.org", "eva@example.org"):  # fmt: skip
        assert personal not in text


def test_the_command_queues_and_says_how_many(coordinator, approach, owner, leader, capsys):
    _action(coordinator, approach, "Camerabeelden delen", 10, owner)

    with translation.override("en"):
        call_command("reminders")

    assert "1 reminder e-mail queued" in capsys.readouterr().out
    assert len(mail.outbox) == 1
    with translation.override("en"):
        call_command("reminders")
    assert "0 reminder e-mails queued" in capsys.readouterr().out


LEADER_HEADING = "which you as project leader follow up:"


def test_an_action_of_an_approach_stopped_after_queueing_is_not_mailed(coordinator, approach,
                                                                       owner, leader):  # fmt: skip
    from overvalregie.approach import reminders
    from overvalregie.approach.models import Approach, ApproachStatus

    action = _action(coordinator, approach, "Camerabeelden delen", 4, owner)
    Approach.objects.filter(pk=approach.pk).update(status=ApproachStatus.STOPPED)

    assert reminders.send(str(owner.user_id), [str(action.pk)]) is False
    assert mail.outbox == []


def test_a_user_who_no_longer_owns_the_action_gets_nothing(coordinator, approach, owner, leader,
                                                           town, municipality_org):  # fmt: skip
    from overvalregie.approach import reminders

    taken = _action(coordinator, approach, "Overgenomen", 4, owner)
    kept = _action(coordinator, approach, "Nog van Eva", 4, owner)
    successor = services.save_part(coordinator, ProjectMember(
        approach=approach, name="Otto Opvolger", organisation=municipality_org, role="member",
        user=member(Role.PARTNER, OrganisationFactory(municipality=town), email="otto@example.org"),
    ))  # fmt: skip
    ActionItem.objects.filter(pk=taken.pk).update(owner=successor)

    assert reminders.send(str(owner.user_id), [str(taken.pk)]) is False
    assert mail.outbox == []

    assert reminders.send(str(owner.user_id), [str(taken.pk), str(kept.pk)]) is True
    assert len(mail.outbox) == 1
    assert "Nog van Eva" in mail.outbox[0].body and "Overgenomen" not in mail.outbox[0].body


def test_the_leader_finds_the_unowned_actions_under_a_heading_of_their_own(
    coordinator, approach, owner, leader, municipality_org, settings
):
    settings.LANGUAGE_CODE = "en"  # the worker writes in the site's language
    nobody = services.save_part(coordinator, ProjectMember(
        approach=approach, name="Kees Zonderaccount", organisation=municipality_org, role="member",
    ))  # fmt: skip
    _action(coordinator, approach, "Eigen actie leider", 6, leader)
    _action(coordinator, approach, "Folder drukken", 5, nobody)
    _action(coordinator, approach, "Zonder eigenaar", 4)
    _action(coordinator, approach, "Camerabeelden delen", 10, owner)

    assert services.queue_reminders() == 2
    mails = {message.to[0]: message.body for message in mail.outbox}

    to_leader = mails["regisseur@example.org"]
    own, led = to_leader.split(LEADER_HEADING)
    assert "Eigen actie leider" in own
    assert "Folder drukken" not in own and "Zonder eigenaar" not in own
    assert "Folder drukken" in led and "Zonder eigenaar" in led
    assert "Eigen actie leider" not in led and "Camerabeelden delen" not in to_leader
    assert "own these actions or lead the approach they belong to" in to_leader

    to_owner = mails["eva@example.org"]
    assert "Camerabeelden delen" in to_owner
    assert LEADER_HEADING not in to_owner
    assert "Folder drukken" not in to_owner and "Zonder eigenaar" not in to_owner
    assert "own these actions or lead the approach they belong to" in to_owner


def test_sending_asks_a_fixed_number_of_queries(coordinator, approach, owner, leader,
                                                django_assert_max_num_queries):  # fmt: skip
    from overvalregie.approach import reminders

    ids = [str(_action(coordinator, approach, f"Actie {n}", n + 1, owner).pk) for n in range(5)]

    with django_assert_max_num_queries(2):  # the user, the actions with their owners
        assert reminders.send(str(owner.user_id), ids) is True
