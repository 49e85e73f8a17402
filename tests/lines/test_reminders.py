"""Reminders of overdue follow-up steps: to the referred organisation's victim worker, else
the municipality's coordinator; once a week; no victim's name or address in the e-mail."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from overvalregie.lines import services
from overvalregie.lines.models import VictimFollowUp
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return MunicipalityFactory(code="GM0001", name="Teststad")


@pytest.fixture
def coordinator(town):
    return member(Role.COORDINATOR, OrganisationFactory(municipality=town), email="c@example.org")


@pytest.fixture
def follow_up(town):
    today = timezone.localdate()
    RobberyFactory(
        municipality=town, date=today - dt.timedelta(days=4), address="Geheimstraat 7, Teststad"
    )
    services.open_follow_ups(today=today)
    return VictimFollowUp.objects.get()


def test_overdue_steps_go_to_the_coordinator_once_a_week(follow_up, coordinator):
    call_command("reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["c@example.org"]
    # Four days after the robbery: screening, the mayor's visit and contact are late. (In the
    # site's language, Dutch: the reminder goes out in no one's session.)
    assert "3 nazorgstappen te laat" in message.subject
    assert "Geheimstraat" not in message.body  # no address, no name
    assert f"/slachtoffers/{follow_up.pk}/#step-" in message.body
    call_command("reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # not again within the week


def test_a_referred_follow_up_is_reminded_to_the_victim_worker(follow_up, coordinator, town):
    support = OrganisationFactory(kind=OrganisationKind.VICTIM_SUPPORT, municipality=town)
    member(Role.VICTIMWORKER, support, email="w@example.org")
    follow_up.referred_to, follow_up.consent = support, "yes"
    services.save_follow_up(coordinator, follow_up, version=follow_up.version)

    # Four days on: screening, the mayor's visit (the municipality's) and contact (victim
    # support's) are late; each goes to whoever does it.
    assert services.queue_reminders() == 2
    recipients = {tuple(m.to): m.subject for m in mail.outbox}
    assert "1 nazorgstap te laat" in recipients[("w@example.org",)]
    assert "2 nazorgstappen te laat" in recipients[("c@example.org",)]


def test_nothing_is_reminded_when_the_steps_are_done_or_the_follow_up_closed(
    follow_up, coordinator
):
    services.set_status(coordinator, follow_up, "closed")
    assert services.queue_reminders() == 0
    assert mail.outbox == []
