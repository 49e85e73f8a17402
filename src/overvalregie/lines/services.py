"""The victim line: opening a follow-up after every robbery, and working through its steps.

Every change goes through here and writes its audit entry (never what was said about the
victim: field names, not values). A follow-up carries a version; a stale save raises
:class:`overvalregie.versions.Conflict`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie import reminding
from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record, record_refused
from overvalregie.incidents.models import Robbery
from overvalregie.lines.models import (
    Answer,
    FollowUpStatus,
    FollowUpStep,
    StepKind,
    VictimFollowUp,
)
from overvalregie.organisations.models import Organisation
from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.roles import OrganisationKind
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
logger = logging.getLogger(__name__)

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
    opened = 0
    for _attempt in range(3):
        if not robberies:
            break
        try:
            return opened + _open(robberies, today, due)
        except IntegrityError:
            # Another run (an import and the daily command at once) opened some meanwhile:
            # leave those, and open the rest.
            logger.info("follow-ups opened by another run meanwhile; trying the rest again")
            taken = set(
                VictimFollowUp.objects.filter(robbery__in=[r.pk for r in robberies]).values_list(
                    "robbery_id", flat=True
                )
            )
            robberies = [r for r in robberies if r.pk not in taken]
    return opened


def _open(robberies: list[Robbery], today: dt.date, due: dict[str, int]) -> int:
    with transaction.atomic():
        follow_ups = VictimFollowUp.objects.bulk_create(
            [VictimFollowUp(robbery=robbery, opened=today) for robbery in robberies]
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
    """Whether the business or address of ``robbery`` was robbed before (None: not).

    The same business, or the same address in the same municipality (case and spaces aside),
    earlier or on the same day; with the measures deployed at the business since the first of
    those robberies (begun since, or running then)."""
    from overvalregie.measures.models import Deployment

    same = (
        Robbery.objects.robberies()
        .filter(date__lte=robbery.date)
        .exclude(pk=robbery.pk)
        .annotate(plain_address=Lower(Trim("address")))
    )
    address = robbery.address.strip().lower()
    place = Q(municipality_id=robbery.municipality_id, plain_address=address) if address else Q()
    if robbery.business_id:
        place = (
            Q(business_id=robbery.business_id) | place
            if address
            else Q(business_id=robbery.business_id)
        )
    elif not address:
        return None
    same = same.filter(place)
    earlier = list(same.order_by("-date", "-time")[:20])
    if not earlier:
        return None
    first = same.order_by("date").values_list("date", flat=True).first()
    deployments = []
    if robbery.business_id:
        deployments = list(
            Deployment.objects.filter(business_id=robbery.business_id)
            .filter(Q(end__isnull=True) | Q(end__gte=first))
            .select_related("measure")
            .order_by("start")
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


#: The kinds of organisation a follow-up can be referred to: victim support, and "other" for
#: a sector's first-line service.
REFERRAL_KINDS = (OrganisationKind.VICTIM_SUPPORT, OrganisationKind.OTHER)


def referral_organisations(follow_up: VictimFollowUp):
    """Where a follow-up can be referred to: victim support working in its municipality."""
    return Organisation.objects.working_in(follow_up.municipality).filter(kind__in=REFERRAL_KINDS)


def save_follow_up(user, follow_up: VictimFollowUp, *, version: int | None, changed=()):
    """Save the screening, the referral and the notes of a follow-up.

    Referring is the coordinator's (``REFER_FOLLOW_UP``), only with the victim's consent, and
    only to victim support working in the municipality: it gives that organisation the
    victim's data."""
    _require(user, follow_up)
    stored = VictimFollowUp.objects.values_list("referred_to", flat=True).get(pk=follow_up.pk)
    referring = follow_up.referred_to_id is not None and stored != follow_up.referred_to_id
    if stored != follow_up.referred_to_id and not can(user, Action.REFER_FOLLOW_UP):
        record_refused(user, Action.REFER_FOLLOW_UP, follow_up)
        raise PermissionDenied
    if referring:
        if follow_up.consent != Answer.YES:
            raise ValidationError(
                {"referred_to": _("Refer only with the victim's consent: record it first.")}
            )
        if not referral_organisations(follow_up).filter(pk=follow_up.referred_to_id).exists():
            raise ValidationError(
                {"referred_to": _("Refer to victim support working in the municipality.")}
            )
    detail = {"changed": sorted(changed)}
    if stored != follow_up.referred_to_id:
        # Who was given access: an organisation, not a person.
        detail["referred_to"] = str(follow_up.referred_to_id or "")
    with transaction.atomic():
        _require_open(follow_up)
        claim_version(follow_up, version)
        follow_up.full_clean()
        follow_up.save()
        record(user, AuditAction.UPDATE, follow_up, detail=detail)
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
        # Only a step still open: of two "done" at once, the second changes nothing.
        if not FollowUpStep.objects.filter(pk=step.pk, done__isnull=True).update(
            done=step.done, done_by=user, outcome=outcome
        ):
            raise ValidationError(_("This step had already been marked as done."))
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
        follow_up.save(update_fields=["status", "closed", "modified"])
        VictimFollowUp.objects.filter(pk=follow_up.pk).update(version=F("version") + 1)
        follow_up.refresh_from_db(fields=["version"])
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
        .select_related("follow_up__robbery")
    )
    return reminding.queue(FollowUpStep, due, recipient_of, send_follow_up_reminder, now)
