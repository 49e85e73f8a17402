"""The demo's victim follow-ups: one for every robbery of the register's last half year, most
settled, the newest still open with its victim worker."""

import datetime as dt

import pytest

from overvalregie.demo.generator import DemoParameters
from overvalregie.incidents.models import Robbery
from overvalregie.lines.models import FollowUpStep, VictimFollowUp
from overvalregie.organisations.models import User

pytestmark = pytest.mark.django_db

LAST_DAY = DemoParameters().period_end


def test_every_robbery_of_the_last_half_year_has_a_follow_up(loaded_demo):
    since = LAST_DAY - dt.timedelta(days=183)
    robberies = Robbery.objects.robberies().filter(date__gte=since, date__lte=LAST_DAY)
    assert VictimFollowUp.objects.count() == robberies.count() > 0
    assert not VictimFollowUp.objects.filter(robbery__date__lt=since).exists()


def test_the_town_settles_its_follow_ups_and_the_newest_waits_for_the_victim_worker(loaded_demo):
    town = VictimFollowUp.objects.filter(robbery__municipality__code=DemoParameters().town.code)
    assert town.filter(status="closed").exists()
    worker = User.objects.get(username="victimworker")
    open_for_worker = VictimFollowUp.objects.visible_to(worker).open()
    assert open_for_worker.exists()
    # Weeks after the register's last day, its open steps are overdue.
    overdue = FollowUpStep.objects.overdue(LAST_DAY + dt.timedelta(days=60))
    assert overdue.filter(follow_up__in=open_for_worker).exists()
    # Every step done was done by someone, on or after the robbery.
    for step in FollowUpStep.objects.filter(follow_up__in=town, done__isnull=False):
        assert step.done_by_id and step.done >= step.follow_up.robbery.date
