"""The e-mail that reminds an owner of their overdue actions (sent by the worker)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from overvalregie.approach.models import CLOSED_ACTION_STATUSES, ActionItem
from overvalregie.organisations.models import User

logger = logging.getLogger(__name__)


def send(user_id: str, action_ids: list[str]) -> bool:
    """Send the reminder, if the actions are still open and overdue; True when sent."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    today = timezone.localdate()
    actions = list(
        ActionItem.objects.filter(pk__in=action_ids, deadline__lt=today)
        .exclude(status__in=CLOSED_ACTION_STATUSES)
        .select_related("approach", "owner_organisation")
        .order_by("deadline")
    )
    if user is None or not user.email or not actions:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "actions": [
                {
                    "action": action,
                    "days": (today - action.deadline).days,
                    "url": settings.SITE_URL
                    + reverse("approach-plan", args=[action.approach_id])
                    + f"#action-{action.pk}",
                }
                for action in actions
            ],
        }
        subject = render_to_string("approach/email/reminder_subject.txt", context).strip()
        body = render_to_string("approach/email/reminder.txt", context)
    send_mail(subject, body, None, [user.email])
    # Ids only: the log holds no names or addresses.
    logger.info("reminder sent to user %s for %d overdue actions", user.pk, len(actions))
    return True
