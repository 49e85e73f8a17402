"""The victim line: opening a follow-up after every robbery, and working through its steps.

Every change goes through here and writes its audit entry (never what was said about the
victim: field names, not values). A follow-up carries a version; a stale save raises
:class:`overvalregie.versions.Conflict`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie import reminding
from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record, record_refused
from overvalregie.incidents.choices import TargetType
from overvalregie.incidents.models import Robbery
from overvalregie.lines.models import (
    FollowUpStatus,
    FollowUpStep,
    StepKind,
    VictimFollowUp,
    VictimKind,
)
from overvalregie.organisations.policy import Action, active_membership, can
from overvalregie.organisations.roles import Role
from overvalregie.versions import claim_version

#: Days after the robbery by which each step should be done (``VICTIM_FOLLOW_UP_DEADLINES``
#: overrides them).
DEFAULT_DEADLINES = {
    StepKind.SCREENING: 1,
    StepKind.MAYOR_VISIT: 2,
    StepKind.CONTACT: 3,
    StepKind.REFERRAL: 5,
    StepKind.FINANCIAL: 7,
    StepKind.SECURITY_ADVICE: 14,
    StepKind.NEIGHBOURHOOD: 21,
    StepKind.EVALUATION: 42,
}
#: A robbery this soon after the previous one at the same target is a warning sign.
REPEAT_WINDOW = dt.timedelta(weeks=6)


def deadlines() -> dict[str, int]:
    """The deadline of each step in days, with the configured ones over the defaults."""
    result = {kind.value: days for kind, days in DEFAULT_DEADLINES.items()}
    for pair in settings.VICTIM_FOLLOW_UP_DEADLINES:
        kind, _sep, days = pair.partition("=")
        kind = kind.strip()
        if kind not in result or not days.strip().isdigit():
            raise ImproperlyConfigured(
                f"VICTIM_FOLLOW_UP_DEADLINES: {pair!r} is not step=days with a step of "
                f"{', '.join(result)}"
            )
        result[kind] = int(days)
    return result


def victim_kind_of(robbery: Robbery) -> str:
    if robbery.target_type == TargetType.HOME:
        return VictimKind.HOME
    if robbery.target_type in (TargetType.MEAL_COURIER, TargetType.CASH_IN_TRANSIT):
        return VictimKind.PERSON
    return VictimKind.BUSINESS


def open_follow_ups(today: dt.date | None = None, days: int | None = None) -> int:
    """Open a follow-up for every robbery of the last ``days`` (``VICTIM_FOLLOW_UP_DAYS``)
    days that has none yet. Runs after every import and daily; returns how many it opened."""
    today = today or timezone.localdate()
    days = settings.VICTIM_FOLLOW_UP_DAYS if days is None else days
    since = today - dt.timedelta(days=days)
    due = deadlines()
    robberies = list(
        Robbery.objects.robberies()
        .filter(date__gte=since, date__lte=today, follow_up__isnull=True)
        .only("id", "date", "target_type", "municipality_id")
    )
    if not robberies:
        return 0
    with transaction.atomic():
        follow_ups = VictimFollowUp.objects.bulk_create(
            [
                VictimFollowUp(
                    robbery=robbery,
                    municipality_id=robbery.municipality_id,
                    victim_kind=victim_kind_of(robbery),
                    opened=today,
                )
                for robbery in robberies
            ]
        )
        FollowUpStep.objects.bulk_create(
            [
                FollowUpStep(
                    follow_up=follow_up,
                    kind=kind,
                    order=order,
                    due=robbery.date + dt.timedelta(days=due[kind]),
                )
                for follow_up, robbery in zip(follow_ups, robberies, strict=True)
                for order, kind in enumerate(StepKind.values, start=1)
            ]
        )
        record(
            None,
            AuditAction.CREATE,
            object_type="lines.victimfollowup",
            detail={"opened": len(follow_ups)},
        )
    return len(follow_ups)


@dataclass(frozen=True)
class RepeatWarning:
    """The target was robbed before: when, and what was deployed there since."""

    earlier: list[Robbery]
    #: The last one before this robbery was at most six weeks earlier.
    recent: bool
    #: Measures deployed at the business since the first of the earlier robberies.
    deployments: list


def repeat_warning(robbery: Robbery) -> RepeatWarning | None:
    """Whether the business or address of ``robbery`` was robbed before (None: not)."""
    from overvalregie.measures.models import Deployment

    same = Robbery.objects.robberies().filter(date__lt=robbery.date).exclude(pk=robbery.pk)
    if robbery.business_id:
        same = same.filter(business_id=robbery.business_id)
    elif robbery.address:
        same = same.filter(municipality_id=robbery.municipality_id, address=robbery.address)
    else:
        return None
    earlier = list(same.order_by("-date")[:20])
    if not earlier:
        return None
    deployments = []
    if robbery.business_id:
        deployments = list(
            Deployment.objects.filter(
                business_id=robbery.business_id, start__gte=earlier[-1].date
            ).select_related("measure")
        )
    return RepeatWarning(
        earlier=earlier,
        recent=robbery.date - earlier[0].date <= REPEAT_WINDOW,
        deployments=deployments,
    )


def _require(user, follow_up: VictimFollowUp) -> None:
    allowed = can(user, Action.MANAGE_FOLLOW_UPS) and (
        VictimFollowUp.objects.visible_to(user).filter(pk=follow_up.pk).exists()
    )
    if not allowed:
        record_refused(user, Action.MANAGE_FOLLOW_UPS, object_type="lines.victimfollowup")
        raise PermissionDenied


def _require_open(follow_up: VictimFollowUp) -> None:
    if not VictimFollowUp.objects.filter(pk=follow_up.pk, status=FollowUpStatus.OPEN).exists():
        raise ValidationError(_("This follow-up has been closed: reopen it to change it."))


def save_follow_up(user, follow_up: VictimFollowUp, *, version: int | None, changed=()):
    """Save the screening, the referral and the notes of a follow-up."""
    _require(user, follow_up)
    stored = VictimFollowUp.objects.values_list("referred_to", flat=True).get(pk=follow_up.pk)
    if stored != follow_up.referred_to_id:
        # Referring is the coordinator's: a victim worker cannot hand a victim on.
        membership = active_membership(user)
        if membership.role != Role.COORDINATOR:
            record_refused(user, "refer", follow_up)
            raise PermissionDenied
    with transaction.atomic():
        _require_open(follow_up)
        claim_version(follow_up, version)
        follow_up.full_clean()
        follow_up.save()
        record(user, AuditAction.UPDATE, follow_up, detail={"changed": sorted(changed)})
    return follow_up


def complete_step(user, step: FollowUpStep, *, outcome: str = "", day: dt.date | None = None):
    """Mark a step done (today, or ``day``) with its outcome."""
    follow_up = step.follow_up
    _require(user, follow_up)
    with transaction.atomic():
        _require_open(follow_up)
        step.done = day or timezone.localdate()
        if step.done < follow_up.robbery.date:
            raise ValidationError({"done": _("A step cannot be done before the robbery.")})
        step.done_by, step.outcome = user, outcome
        step.save(update_fields=["done", "done_by", "outcome"])
        record(user, AuditAction.UPDATE, follow_up, detail={"step": step.kind, "done": True})
    return step


def reopen_step(user, step: FollowUpStep):
    _require(user, step.follow_up)
    with transaction.atomic():
        _require_open(step.follow_up)
        step.done, step.done_by = None, None
        step.save(update_fields=["done", "done_by"])
        record(user, AuditAction.UPDATE, step.follow_up, detail={"step": step.kind, "done": False})
    return step


def set_status(user, follow_up: VictimFollowUp, status: str):
    """Close a follow-up (or reopen a closed one)."""
    _require(user, follow_up)
    if status not in FollowUpStatus.values:
        raise ValidationError(_("Unknown status."))
    with transaction.atomic():
        follow_up.status = status
        follow_up.closed = timezone.localdate() if status == FollowUpStatus.CLOSED else None
        follow_up.version += 1
        follow_up.save(update_fields=["status", "closed", "version", "modified"])
        record(user, AuditAction.UPDATE, follow_up, detail={"status": status})
    return follow_up


def queue_reminders(now=None) -> int:
    """Queue one e-mail per recipient about overdue steps not reminded in the last week
    (``overvalregie reminders``, daily); returns how many were queued."""
    from overvalregie.lines.reminders import recipient_of
    from overvalregie.lines.tasks import send_follow_up_reminder

    now = now or timezone.now()
    due = (
        FollowUpStep.objects.overdue(timezone.localdate(now))
        .filter(reminding.not_lately(now))
        .select_related("follow_up")
    )
    return reminding.queue(FollowUpStep, due, recipient_of, send_follow_up_reminder, now)
