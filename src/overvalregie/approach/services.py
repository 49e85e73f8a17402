"""Every change to an approach goes through here; each writes its audit entry.

Only the coordinator runs an approach (``MANAGE_APPROACH``), and only one in their scope.
Parts with a ``version`` (the approach, goals, meetings, actions) refuse a save from a stale
form with :class:`Conflict` instead of overwriting what someone else saved meanwhile.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie import reminding
from overvalregie.approach import steps as engine
from overvalregie.approach.models import (
    CLOSED_ACTION_STATUSES,
    ActionItem,
    ActionStatus,
    Approach,
    ApproachKind,
    ApproachStatus,
    ApproachStep,
    Attendance,
    ChecklistItem,
    DecisionRequest,
    Meeting,
    MemberRole,
    ProjectMember,
    StepPlan,
)
from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record, record_refused
from overvalregie.organisations.policy import Action, can
from overvalregie.versions import claim_version

logger = logging.getLogger(__name__)

#: A decision's choice -> the kind of approach it starts.
KIND_OF_CHOICE = {
    "specific": ApproachKind.SPECIFIC,
    "dark_days": ApproachKind.DARK_DAYS,
    "high_impact": ApproachKind.HIGH_IMPACT,
}


def _require(user, approach: Approach | None = None, decision=None) -> None:
    allowed = can(user, Action.MANAGE_APPROACH)
    if allowed and approach is not None and approach.pk is not None:
        allowed = Approach.objects.managed_by(user).filter(pk=approach.pk).exists()
    if allowed and decision is not None:
        from overvalregie.safety_analysis.models import Decision

        allowed = Decision.objects.visible_to(user).filter(pk=decision.pk).exists()
    if not allowed:
        record_refused(user, Action.MANAGE_APPROACH, object_type="approach.approach")
        raise PermissionDenied


def _require_active(approach: Approach) -> None:
    if not Approach.objects.filter(pk=approach.pk, status=ApproachStatus.ACTIVE).exists():
        raise ValidationError(_("This approach has ended: it cannot be changed any more."))


def _take_plan(approach: Approach, plan: StepPlan) -> None:
    plan_order = approach.steps.values("plan_key").distinct().count()
    if approach.steps.filter(plan_key=plan.key).exists():
        raise ValidationError(_("The approach already follows this step plan."))
    for step, items in engine.steps_from(approach, plan, plan_order):
        step.save()
        for item in items:
            item.step = step
        ChecklistItem.objects.bulk_create(items)


def start(
    user,
    *,
    municipality,
    kind: str,
    name: str,
    started: dt.date,
    ends: dt.date | None = None,
    description: str = "",
    decision=None,
    police_unit=None,
    plan: StepPlan | None = None,
) -> Approach:
    """Start an approach, from a decision or (a KVO trajectory, say) on its own, with the step
    plan of its kind (or ``plan``)."""
    _require(user, decision=decision)
    from overvalregie.organisations.querysets import scope_municipalities

    if not scope_municipalities(user).filter(pk=municipality.pk).exists():
        record_refused(user, Action.MANAGE_APPROACH, object_type="approach.approach")
        raise PermissionDenied
    if decision is not None:
        if decision.analysis.municipality_id != municipality.pk:
            raise ValidationError(_("The decision belongs to another municipality."))
        if decision.choice not in KIND_OF_CHOICE:
            raise ValidationError(_("This decision starts no approach."))
        kind = KIND_OF_CHOICE[decision.choice]
    if ends is not None and ends < started:
        raise ValidationError(_("The approach ends before it starts."))
    plan = plan or engine.plan_for_kind(kind)
    if plan is None:
        raise ValidationError(_("There is no step plan for this kind of approach."))
    try:
        with transaction.atomic():
            approach = Approach.objects.create(
                municipality=municipality,
                police_unit=police_unit,
                decision=decision,
                name=name,
                kind=kind,
                started=started,
                ends=ends,
                description=description,
                created_by=user,
            )
            _take_plan(approach, plan)
            record(
                user,
                AuditAction.CREATE,
                approach,
                detail={
                    "kind": kind,
                    "plan": plan.key,
                    "decision": str(decision.pk) if decision else "",
                },
            )
    except IntegrityError:
        raise ValidationError(
            _("An approach has already been started from this decision.")
        ) from None
    return approach


def add_plan(user, approach: Approach, plan: StepPlan) -> None:
    """Let the approach follow another step plan too (victim aftercare beside robbery, say)."""
    _require(user, approach)
    with transaction.atomic():
        # The approach's row serialises a double submit: the second finds the plan taken.
        list(Approach.objects.select_for_update().filter(pk=approach.pk).values("pk"))
        _require_active(approach)
        _take_plan(approach, plan)
        record(user, AuditAction.UPDATE, approach, detail={"added_plan": plan.key})


def set_status(user, approach: Approach, status: str) -> None:
    _require(user, approach)
    with transaction.atomic():
        Approach.objects.filter(pk=approach.pk).update(status=status, version=F("version") + 1)
        approach.refresh_from_db()
        record(user, AuditAction.UPDATE, approach, detail={"status": status})


# --- steps ---------------------------------------------------------------------------------------


def tick(user, item: ChecklistItem, done: bool) -> None:
    approach = item.step.approach
    _require(user, approach)
    with transaction.atomic():
        _require_active(approach)
        if item.step.completed:
            raise ValidationError(_("This step is completed; reopen it to change its checklist."))
        item.done = timezone.now() if done else None
        item.done_by = user if done else None
        item.save(update_fields=["done", "done_by"])
        record(
            user,
            AuditAction.UPDATE,
            item.step,
            detail={"item": item.key, "done": done},
        )


def save_note(user, step: ApproachStep, key: str, text: str) -> None:
    _require(user, step.approach)
    if key not in {a.get("key") for a in step.artefacts if a["kind"] == "note"}:
        raise ValidationError(_("This step asks for no such text."))
    with transaction.atomic():
        _require_active(step.approach)
        locked = ApproachStep.objects.select_for_update().get(pk=step.pk)
        if locked.completed:
            raise ValidationError(_("This step is completed; reopen it to change its texts."))
        locked.notes = {**locked.notes, key: text.strip()}
        locked.save(update_fields=["notes"])
        step.notes = locked.notes
        record(user, AuditAction.UPDATE, step, detail={"note": key})


def complete_step(user, step: ApproachStep) -> None:
    """Complete a step whose completion rule is met."""
    approach = step.approach
    _require(user, approach)
    with transaction.atomic():
        _require_active(approach)
        list(Approach.objects.select_for_update().filter(pk=approach.pk).values("pk"))
        state = next(
            s for plan in engine.standing(approach) for s in plan.steps if s.step.pk == step.pk
        )
        if state.state == engine.DONE:
            return
        if state.state == engine.WAITING:
            raise ValidationError(_("Complete the previous step first."))
        if state.missing:
            raise ValidationError(
                _("This step still misses: %(missing)s.") % {"missing": "; ".join(state.missing)}
            )
        ApproachStep.objects.filter(pk=step.pk).update(completed=timezone.now(), completed_by=user)
        step.refresh_from_db()
        record(user, AuditAction.UPDATE, step, detail={"completed": True})


def reopen_step(user, step: ApproachStep) -> None:
    _require(user, step.approach)
    with transaction.atomic():
        _require_active(step.approach)
        # Later steps of the plan that wait for this one open again with it.
        ApproachStep.objects.filter(
            approach=step.approach, plan_key=step.plan_key, order__gte=step.order
        ).update(completed=None, completed_by=None)
        step.refresh_from_db()
        record(user, AuditAction.UPDATE, step, detail={"completed": False})


# --- the parts of an approach: one way to save and delete each ---------------------------------


def save_part(user, part, *, version: int | None = None, changed: list[str] | None = None):
    """Create or update a part of an approach (or the approach itself), as a form built it.

    ``version`` is the version the form was loaded with; a newer one in the database means
    someone else saved in between, and the save is refused with :class:`Conflict`.
    """
    approach = part if isinstance(part, Approach) else part.approach
    _require(user, approach)
    adding = part._state.adding
    if isinstance(part, ActionItem):
        # The day an action was done follows its status, however the status was changed.
        if part.status != ActionStatus.DONE:
            part.completed = None
        elif part.completed is None:
            part.completed = timezone.localdate()
    with transaction.atomic():
        _require_active(approach)
        if hasattr(part, "version") and not adding:
            claim_version(part, version)
        part.full_clean()
        part.save()
        record(
            user,
            AuditAction.CREATE if adding else AuditAction.UPDATE,
            part,
            detail={"approach": str(approach.pk), "changed": sorted(changed or [])},
        )
    return part


def delete_part(user, part) -> None:
    _require(user, part.approach)
    with transaction.atomic():
        _require_active(part.approach)
        record(user, AuditAction.DELETE, part, detail={"approach": str(part.approach_id)})
        part.delete()


def set_action_status(user, action: ActionItem, status: str, version: int) -> ActionItem:
    """Move an action along; done sets the day it was completed (``save_part``)."""
    if status != action.status:
        action.status, action.completed = status, None
    return save_part(user, action, version=version, changed=["status"])


def record_meeting(
    user,
    meeting: Meeting,
    *,
    attendance: dict,
    decisions=(),
    answers: dict | None = None,
    version: int | None = None,
) -> Meeting:
    """Save a meeting with who attended (``{member: presence}``), the decision records it
    refers to, and its answers to open requests for a decision (``{request: answer}``)."""
    present = {member.pk: presence for member, presence in attendance.items() if presence}
    answered = [
        request
        for request, answer in (answers or {}).items()
        if request.approach_id == meeting.approach_id and answer.strip()
    ]
    with transaction.atomic():
        save_part(user, meeting, version=version, changed=["meeting"])
        record(
            user,
            AuditAction.UPDATE,
            meeting,
            detail={
                # Counts only: who was there is no audit detail (no values about people).
                "attendance": dict(Counter(present.values())),
                "decisions": sorted(str(decision.pk) for decision in decisions),
                "answered": sorted(str(request.pk) for request in answered),
            },
        )
        meeting.attendance.all().delete()
        Attendance.objects.bulk_create(
            [
                Attendance(meeting=meeting, member=member, presence=presence)
                for member, presence in attendance.items()
                if presence
            ]
        )
        meeting.decisions.set(decisions)
        for request in answered:
            DecisionRequest.objects.filter(pk=request.pk).update(
                answered_in=meeting, answer=answers[request].strip()
            )
            record(user, AuditAction.UPDATE, request, detail={"answered_in": str(meeting.pk)})
    return meeting


# --- overdue actions and their reminders -------------------------------------------------------


def overdue(today: dt.date | None = None):
    """Actions still open past their deadline (``ActionItem.is_overdue``, as a query)."""
    today = today or timezone.localdate()
    return ActionItem.objects.filter(deadline__lt=today).exclude(status__in=CLOSED_ACTION_STATUSES)


def queue_reminders(now=None) -> int:
    """Queue one e-mail per owner about their overdue actions not reminded in the last week.

    ``overvalregie reminders`` calls this (daily, beside ``cleanup``); the worker sends.
    Returns the number of e-mails queued.
    """
    from overvalregie.approach.tasks import send_reminder

    now = now or timezone.now()
    due = (
        overdue(timezone.localdate(now))
        .filter(reminding.not_lately(now), approach__status=ApproachStatus.ACTIVE)
        .select_related("owner__user", "approach")
    )
    return reminding.queue(ActionItem, due, recipient_of, send_reminder, now)


def recipient_of(action: ActionItem):
    """Who is reminded: the owner's account, else the approach's project leader's."""
    owner = action.owner
    if owner is not None and owner.user_id and owner.user.email:
        return owner.user
    leader = (
        ProjectMember.objects.filter(approach_id=action.approach_id, role=MemberRole.LEADER)
        .select_related("user")
        .first()
    )
    if leader is not None and leader.user_id and leader.user.email:
        return leader.user
    return None
