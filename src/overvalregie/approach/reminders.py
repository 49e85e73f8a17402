"""The e-mail reminding an owner (or the project leader) of overdue actions, sent by the worker."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from overvalregie.approach.models import CLOSED_ACTION_STATUSES, ActionItem, ApproachStatus
from overvalregie.organisations.models import User

logger = logging.getLogger(__name__)


def send(user_id: str, action_ids: list[str]) -> bool:
    """Send the reminder, if the actions are still open and overdue; True when sent.

    Between queueing and sending an approach may have been stopped or an action given another
    owner: only the actions of approaches still under way of which ``user_id`` is still the
    recipient (see :func:`~overvalregie.approach.services.recipient_of`) are mailed.
    """
    from overvalregie.approach.services import recipient_of

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    today = timezone.localdate()
    candidates = (
        ActionItem.objects.filter(
            pk__in=action_ids, deadline__lt=today, approach__status=ApproachStatus.ACTIVE
        )
        .exclude(status__in=CLOSED_ACTION_STATUSES)
        .select_related("approach", "owner__user", "owner_organisation")
        .order_by("deadline")
    )
    # recipient_of asks for the project leader only when the owner has no account with an
    # e-mail address: one query per such action, fine for a reminder's short list.
    actions = [action for action in candidates if _is_recipient(user, recipient_of(action))]
    if not actions:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        items = [
            {
                "action": action,
                "days": (today - action.deadline).days,
                "own": _owns(user, action),
                "url": settings.SITE_URL
                + reverse("approach-plan", args=[action.approach_id])
                + f"#action-{action.pk}",
            }
            for action in actions
        ]
        context = {
            "user": user,
            "actions": items,
            # Actions the user owns, then those without an owner with an account, which the
            # user follows up as the approach's project leader.
            "own_actions": [item for item in items if item["own"]],
            "led_actions": [item for item in items if not item["own"]],
        }
        subject = render_to_string("approach/email/reminder_subject.txt", context).strip()
        body = render_to_string("approach/email/reminder.txt", context)
    send_mail(subject, body, None, [user.email])
    # Ids only: the log holds no names or addresses.
    logger.info("reminder sent to user %s for %d overdue actions", user.pk, len(actions))
    return True


def _is_recipient(user: User, recipient: User | None) -> bool:
    return recipient is not None and recipient.pk == user.pk


def _owns(user: User, action: ActionItem) -> bool:
    """Whether ``user`` owns ``action`` (rather than following it up as project leader)."""
    return bool(action.owner_id) and action.owner.user_id == user.pk
