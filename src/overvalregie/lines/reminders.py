"""Reminders of overdue follow-up steps, e-mailed by the worker.

The e-mail names no victim: the date of the robbery, the step, how late it is, and a link.
The victim support's steps of a referred follow-up are reminded to that organisation's
victim worker; the municipality's steps (and any without a worker to remind) to the
coordinator.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from overvalregie.lines.models import VICTIM_SUPPORT_STEPS, FollowUpStep
from overvalregie.organisations.models import Membership, User
from overvalregie.organisations.roles import Role

logger = logging.getLogger(__name__)


def _first_user(memberships) -> User | None:
    membership = (
        memberships.filter(active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("created")
        .first()
    )
    return membership.user if membership else None


def recipient_of(step: FollowUpStep) -> User | None:
    """Who is reminded of a step: for the victim support's steps of a referred follow-up, that
    organisation's victim worker; for the rest (or when it has none with an e-mail address),
    the coordinator of the robbery's municipality."""
    follow_up = step.follow_up
    if follow_up.referred_to_id and step.kind in VICTIM_SUPPORT_STEPS:
        worker = _first_user(
            Membership.objects.filter(
                organisation_id=follow_up.referred_to_id, role=Role.VICTIMWORKER
            )
        )
        if worker is not None:
            return worker
    return _first_user(
        Membership.objects.filter(
            organisation__municipality_id=follow_up.robbery.municipality_id,
            role=Role.COORDINATOR,
        )
    )


def send(user_id: str, step_ids: list[str]) -> bool:
    """Send the reminder if the steps are still overdue and still the user's; True when sent."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    today = timezone.localdate()
    steps = [
        step
        for step in FollowUpStep.objects.overdue(today)
        .filter(pk__in=step_ids)
        .select_related("follow_up__robbery")
        .order_by("due")
        if (recipient := recipient_of(step)) is not None and recipient.pk == user.pk
    ]
    if not steps:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "steps": [
                {
                    "step": step,
                    "days": (today - step.due).days,
                    "url": settings.SITE_URL
                    + reverse("follow-up-detail", args=[step.follow_up_id])
                    + f"#step-{step.pk}",
                }
                for step in steps
            ],
        }
        subject = render_to_string("lines/email/reminder_subject.txt", context).strip()
        body = render_to_string("lines/email/reminder.txt", context)
    send_mail(subject, body, None, [user.email])
    logger.info("follow-up reminder sent to user %s for %d overdue steps", user.pk, len(steps))
    return True
