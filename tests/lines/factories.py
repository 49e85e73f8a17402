"""Follow-ups as the victim line makes them: a robbery is registered and the services open
its follow-up with its eight steps (a factory would skip the steps and the deadlines)."""

from __future__ import annotations

import datetime as dt

from overvalregie.lines import services
from overvalregie.lines.models import VictimFollowUp
from tests.incidents.factories import RobberyFactory


def open_follow_up(today: dt.date, referred_to=None, **robbery_fields) -> VictimFollowUp:
    """A robbery (``RobberyFactory(**robbery_fields)``) and the follow-up the services open
    for it on ``today``; ``referred_to`` sets the organisation it went to (the coordinator's
    referral, without going through the page)."""
    robbery = RobberyFactory(**robbery_fields)
    services.open_follow_ups(today=today)
    follow_up = VictimFollowUp.objects.get(robbery=robbery)
    if referred_to is not None:
        VictimFollowUp.objects.filter(pk=follow_up.pk).update(referred_to=referred_to)
        follow_up.refresh_from_db()
    return follow_up
