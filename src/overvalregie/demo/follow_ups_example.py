"""Victim follow-ups in the demo town: one for every robbery of the register's last half year.

Follow-ups are opened as the register would have opened them on its last day; the
coordinator refers the victims to victim support, and the steps whose deadline lay more than
a week before that day are done (by the coordinator, or by the victim worker once referred).
What is left is open, and overdue as the days pass, as it would be in a real week. Follow-ups
whose steps are all done are closed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from overvalregie.demo.generator import DemoParameters
from overvalregie.geography.models import Municipality
from overvalregie.lines import services
from overvalregie.lines.models import (
    VICTIM_SUPPORT_STEPS,
    Answer,
    FollowUpStatus,
    MayorVisit,
    VictimFollowUp,
)
from overvalregie.organisations.models import Organisation, User

#: The robberies of the register's last half year have a follow-up.
WINDOW = 183
#: Steps whose deadline lies this long before the register's last day are done.
SETTLED = dt.timedelta(days=14)


def write_follow_ups_example(parameters: DemoParameters) -> dict[str, int]:
    with translation.override("nl"):
        return _write(parameters)


def _write(p: DemoParameters) -> dict[str, int]:
    last_day = p.period_end
    services.open_follow_ups(today=last_day, days=WINDOW)
    town = Municipality.objects.get(code=p.town.code)
    coordinator = User.objects.get(username="coordinator")
    worker = User.objects.get(username="victimworker")
    support = Organisation.objects.get(memberships__user=worker)
    follow_ups = list(
        VictimFollowUp.objects.filter(robbery__municipality=town)
        .select_related("robbery")
        .order_by("robbery__date", "robbery__time")
    )
    for number, follow_up in enumerate(follow_ups):
        follow_up.existing_contact = Answer.NO
        follow_up.consent = Answer.NO if number == 1 else Answer.YES
        follow_up.mayor_visit = MayorVisit.MAYOR if follow_up.robbery.injured else MayorVisit.LETTER
        if follow_up.consent == Answer.YES:
            follow_up.referred_to = support
        services.save_follow_up(
            coordinator,
            follow_up,
            version=follow_up.version,
            changed=["existing_contact", "consent", "mayor_visit", "referred_to"],
        )
        for step in follow_up.steps.all():
            if step.due > last_day - SETTLED:
                continue
            by = (
                worker
                if follow_up.referred_to_id and step.kind in VICTIM_SUPPORT_STEPS
                else coordinator
            )
            services.complete_step(by, step, outcome="", day=step.due)
        if not follow_up.steps.filter(done__isnull=True).exists():
            services.set_status(coordinator, follow_up, FollowUpStatus.CLOSED)
    return {"victim_follow_ups": VictimFollowUp.objects.count()}


__all__ = ["write_follow_ups_example"]
