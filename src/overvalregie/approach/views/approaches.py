"""The approaches, one approach at a glance, its steps, and its project structure.

GET shows; POST changes through :mod:`overvalregie.approach.services` only, and answers 404 to
everyone who may not run the approach.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie.approach import services, steps
from overvalregie.approach.forms.project import (
    AddPlanForm,
    ApproachForm,
    CommitmentForm,
    MemberForm,
    NewApproachForm,
)
from overvalregie.approach.goals import goal_view
from overvalregie.approach.models import (
    CLOSED_ACTION_STATUSES,
    Approach,
    ApproachKind,
    ApproachStatus,
    ApproachStep,
    Commitment,
    MemberRole,
    Presence,
    ProjectMember,
)
from overvalregie.approach.views.common import (
    approach_for,
    base_context,
    delete_from_page,
    managed_approach_for,
    part_for,
    reader,
    save_form,
)
from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities
from overvalregie.pages import (
    CONFLICT,
    SAVED,
    add_errors,
    conflict_message,
    uuid_or_404,
)
from overvalregie.safety_analysis.models import Decision
from overvalregie.versions import Conflict

#: Where the coordinator goes to make an artefact of a step: artefact kind -> page.
FIX_PAGES = {
    "partners": "approach-project",
    "prosecutor": "approach-project",
    "project_leader": "approach-project",
    "project_group": "approach-project",
    "budget": "approach-project",
    "commitments": "approach-project",
    "goals": "approach-plan",
    "actions": "approach-plan",
    "meetings": "approach-meetings",
    "communication": "approach-communication",
}


# --- the list ------------------------------------------------------------------------------------


@login_required
def approach_list(request):
    user = request.user
    if not can(user, Action.VIEW_APPROACH):
        raise Http404
    approaches = steps.summarised(
        Approach.objects.visible_to(user).order_by(
            Case(
                When(status=ApproachStatus.ACTIVE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "-started",
            "name",
        )
    )
    may_start = can(user, Action.MANAGE_APPROACH)
    awaiting = []
    if may_start:
        # Decisions whose choice starts an approach, none started yet, and not corrected
        # since (a correction is the decision that counts).
        awaiting = list(
            Decision.objects.visible_to(user)
            .filter(
                choice__in=list(services.KIND_OF_CHOICE),
                approach__isnull=True,
                corrections__isnull=True,
            )
            .select_related("analysis__municipality", "analysis__district")
            .order_by("-date")
        )
    return render(
        request,
        "approach/approach_list.html",
        {
            "active": [a for a in approaches if a.is_active],
            "ended": [a for a in approaches if not a.is_active],
            "awaiting": awaiting,
            "may_start": may_start,
        },
    )


# --- starting and editing an approach -----------------------------------------------------------


def _decision_from(request):
    """The decision named by ``?besluit=``, if the user may see it; else 404."""
    wanted = request.GET.get("besluit")
    if not wanted:
        return None
    wanted = uuid_or_404(wanted)
    decision = get_object_or_404(
        Decision.objects.visible_to(request.user).select_related(
            "analysis__municipality__police_unit"
        ),
        pk=wanted,
    )
    if decision.choice not in services.KIND_OF_CHOICE:
        raise Http404
    return decision


@login_required
def approach_new(request):
    user = request.user
    if not can(user, Action.MANAGE_APPROACH):
        raise Http404
    decision = _decision_from(request)
    kind = services.KIND_OF_CHOICE[decision.choice] if decision else None
    existing = Approach.objects.filter(decision=decision).first() if decision else None
    municipalities = scope_municipalities(user).select_related("police_unit").order_by("name")
    form = NewApproachForm(
        request.POST or None, municipalities=municipalities, decision=decision, kind=kind
    )
    if request.method == "POST" and existing is None and form.is_valid():
        data = form.cleaned_data
        municipality = decision.analysis.municipality if decision else data["municipality"]
        try:
            approach = services.start(
                user,
                municipality=municipality,
                kind=kind or data["kind"],
                name=data["name"],
                started=data["started"],
                ends=data["ends"],
                description=data["description"],
                decision=decision,
                police_unit=municipality.police_unit if data["regional"] else None,
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_errors(form, error)
            existing = Approach.objects.filter(decision=decision).first() if decision else None
        else:
            messages.success(request, _("The approach has been started."))
            return redirect("approach-detail", pk=approach.pk)
    return render(
        request,
        "approach/approach_form.html",
        {
            "form": form,
            "decision": decision,
            "kind_label": ApproachKind(kind).label if kind else "",
            "existing": existing,
            "adding": True,
        },
    )


@login_required
def approach_edit(request, pk):
    approach = managed_approach_for(request, pk)
    form = ApproachForm(request.POST or None, instance=approach)
    if request.method == "POST" and form.is_valid():
        outcome = save_form(request, form, version=form.cleaned_data["version"])
        if outcome == SAVED:
            messages.success(request, _("The approach has been saved."))
            return redirect("approach-detail", pk=approach.pk)
        if outcome == CONFLICT:
            approach = approach_for(request, pk)
            form = ApproachForm(instance=approach)
    context = base_context(request, approach, "overview")
    context.update(form=form, adding=False)
    return render(request, "approach/approach_form.html", context)


# --- one approach at a glance -------------------------------------------------------------------


def _figures(approach: Approach, suppress: bool) -> dict:
    """The summary figures of the overview: goals, actions, meetings, money."""
    today = timezone.localdate()
    goals = list(approach.goals.all())
    achieved = hidden = 0
    for goal in goals:  # one query per goal: its values come from the register
        goal.approach = approach
        shown = goal_view(goal, suppress, today).achieved
        achieved += shown is True
        hidden += shown is None and suppress
    actions = approach.actions.aggregate(
        total=Count("pk"), open=Count("pk", filter=~Q(status__in=CLOSED_ACTION_STATUSES))
    )
    meetings = approach.meetings.order_by()
    return {
        "goals": len(goals),
        "goals_achieved": achieved,
        # Goals whose achievement the reader may not see: it would give a small count back.
        "goals_hidden": hidden,
        "actions": actions["total"],
        "actions_open": actions["open"],
        "actions_overdue": services.overdue(today).filter(approach=approach).count(),
        "last_meeting": meetings.filter(date__lte=today).order_by("-date", "-created").first(),
        "next_meeting": meetings.filter(date__gt=today).order_by("date", "created").first(),
        "committed": approach.commitments.aggregate(money=Sum("money"))["money"],
    }


def _current(plans) -> steps.StepState | None:
    return next((plan.current for plan in plans if plan.current is not None), None)


@login_required
def approach_detail(request, pk):
    approach = approach_for(request, pk)
    add_plan_form = None
    if request.method == "POST":
        approach = managed_approach_for(request, pk)
        action = request.POST.get("action")
        try:
            if action == "add_plan":
                add_plan_form = AddPlanForm(request.POST, approach=approach)
                if add_plan_form.is_valid():
                    plan = add_plan_form.cleaned_data["plan"]
                    services.add_plan(request.user, approach, plan)
                    messages.success(
                        request,
                        _("The approach now also follows “%(plan)s”.") % {"plan": plan.name},
                    )
                    return redirect("approach-detail", pk=approach.pk)
            elif action in ("complete", "stop"):
                if not request.POST.get("confirm"):
                    messages.error(
                        request,
                        _("Tick the confirmation first: an ended approach cannot be changed."),
                    )
                    return redirect("approach-detail", pk=approach.pk)
                services.set_status(
                    request.user,
                    approach,
                    ApproachStatus.COMPLETED if action == "complete" else ApproachStatus.STOPPED,
                )
                messages.success(
                    request,
                    _("The approach has been completed.")
                    if action == "complete"
                    else _("The approach has been stopped."),
                )
                return redirect("approach-detail", pk=approach.pk)
            else:
                raise Http404
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("approach-detail", pk=approach.pk)
    plans = steps.standing(approach)
    decision_visible = bool(
        approach.decision_id
        and Decision.objects.visible_to(request.user).filter(pk=approach.decision_id).exists()
    )
    context = base_context(request, approach, "overview")
    if context["may_manage"] and add_plan_form is None:
        add_plan_form = AddPlanForm(approach=approach)
    other_plans = add_plan_form is not None and bool(add_plan_form.plans)
    context.update(
        plans=plans,
        current=_current(plans),
        figures=_figures(approach, reader(request, approach).suppress),
        add_plan_form=add_plan_form,
        has_other_plans=other_plans,
        # The decision record is shown to those who may read decisions (not, say, case
        # workers), with a later decision that corrects it: the approach may have to end.
        decision_visible=decision_visible,
        correction=(
            approach.decision.corrections.order_by("-recorded").first()
            if decision_visible
            else None
        ),
    )
    return render(request, "approach/approach_detail.html", context)


# --- one step ------------------------------------------------------------------------------------


@dataclass
class ArtefactRow:
    artefact: steps.ArtefactState
    url: str
    note: str


def _artefact_rows(request, approach: Approach, state: steps.StepState) -> list[ArtefactRow]:
    from django.urls import reverse

    rows = []
    for artefact in state.artefacts:
        url = ""
        if artefact.kind in FIX_PAGES:
            url = reverse(FIX_PAGES[artefact.kind], kwargs={"pk": approach.pk})
        elif artefact.kind in ("safety_analysis", "decision"):
            if approach.decision_id:
                url = reverse("analysis-detail", kwargs={"pk": approach.decision.analysis_id})
            elif can(request.user, Action.VIEW_SAFETY_ANALYSIS):
                url = reverse("analysis-list")
        elif artefact.kind == "measures":
            url = f"{reverse('deployment-list')}?aanpak={approach.pk}"
        elif artefact.kind == "note":
            url = f"#note-{artefact.key}"
        note = state.step.notes.get(artefact.key, "") if artefact.kind == "note" else ""
        rows.append(ArtefactRow(artefact, url, note))
    return rows


def _save_step_form(request, step: ApproachStep, state: steps.StepState) -> int:
    """Apply what this user changed on the page as they loaded it: tick or untick the items
    they changed, save the texts they changed. Someone else's ticks since then stay; a text
    someone else changed since is not overwritten (a conflict). The number of changes."""
    wanted = set(request.POST.getlist("done"))
    loaded = set(request.POST.getlist("was_done"))
    changes = 0
    for item in state.items:
        if (item.key in wanted) == (item.key in loaded):
            continue  # not changed on this page
        if bool(item.done) != (item.key in wanted):
            item.step = step
            services.tick(request.user, item, item.key in wanted)
            changes += 1
    for artefact in state.notes:
        name = f"note-{artefact.key}"
        if name not in request.POST:
            continue
        text = request.POST[name].strip()
        was = request.POST.get(f"{name}-was", "").strip()
        current = (step.notes.get(artefact.key) or "").strip()
        if text in (was, current):
            continue
        if current != was:
            raise Conflict
        services.save_note(request.user, step, artefact.key, text)
        changes += 1
    return changes


@login_required
def step_detail(request, pk, step):
    approach = approach_for(request, pk)
    step = get_object_or_404(ApproachStep, approach=approach, pk=step)
    step.approach = approach
    if request.method == "POST":
        approach = managed_approach_for(request, pk)
        state = _state_of(approach, step)
        action = request.POST.get("action")
        try:
            if action == "save":
                changes = _save_step_form(request, step, state)
                if changes:
                    messages.success(request, _("The step has been saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
            elif action == "complete":
                services.complete_step(request.user, step)
                messages.success(request, _("“%(step)s” is completed.") % {"step": step.title_text})
            elif action == "reopen":
                services.reopen_step(request.user, step)
                messages.success(
                    request,
                    _("“%(step)s” is open again, with the later steps of its plan.")
                    % {"step": step.title_text},
                )
            else:
                raise Http404
        except PermissionDenied:
            raise Http404 from None
        except Conflict:
            conflict_message(request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("approach-step", pk=approach.pk, step=step.pk)
    state = _state_of(approach, step)
    context = base_context(request, approach, "overview")
    context.update(
        state=state,
        step=step,
        artefacts=_artefact_rows(request, approach, state),
        states=steps,
    )
    return render(request, "approach/step_detail.html", context)


def _state_of(approach: Approach, step: ApproachStep) -> steps.StepState:
    for plan in steps.standing(approach):
        for state in plan.steps:
            if state.step.pk == step.pk:
                return state
    raise Http404


# --- the project structure ---------------------------------------------------------------------


@login_required
def project(request, pk):
    approach = approach_for(request, pk)
    members = (
        approach.members.select_related("organisation", "user")
        .annotate(
            present=Count("attendance", filter=Q(attendance__presence=Presence.PRESENT)),
            recorded=Count("attendance"),
            leader_first=Case(
                When(role=MemberRole.LEADER, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("leader_first", "role", "name")
    )
    commitments = approach.commitments.select_related("organisation")
    totals = commitments.aggregate(money=Sum("money"), people=Sum("people"))
    context = base_context(request, approach, "project")
    context.update(
        members=members,
        commitments=commitments,
        totals=totals,
        meetings=approach.meetings.count(),
        shortfall=(
            approach.budget - totals["money"]
            if approach.budget is not None and totals["money"] is not None
            else None
        ),
    )
    return render(request, "approach/project.html", context)


def _part_edit(request, pk, part, *, model, form_class, template_kind):
    approach = managed_approach_for(request, pk)
    instance = part_for(approach, model, part) if part else model(approach=approach)
    instance.approach = approach
    if request.method == "POST" and request.POST.get("action") == "delete":
        if instance._state.adding:
            raise Http404
        delete_from_page(request, instance, _("Deleted."))
        return redirect("approach-project", pk=approach.pk)
    form = form_class(request.POST or None, instance=instance, approach=approach)
    if request.method == "POST" and form.is_valid():
        outcome = save_form(request, form, version=form.cleaned_data["version"])
        if outcome == SAVED:
            messages.success(request, _("Saved."))
            return redirect("approach-project", pk=approach.pk)
        if outcome == CONFLICT:
            instance = part_for(approach, model, instance.pk)
            form = form_class(instance=instance, approach=approach)
    context = base_context(request, approach, "project")
    context.update(form=form, part=instance, kind=template_kind, adding=instance._state.adding)
    return render(request, "approach/part_form.html", context)


@login_required
def member_edit(request, pk, part=None):
    return _part_edit(
        request, pk, part, model=ProjectMember, form_class=MemberForm, template_kind="member"
    )


@login_required
def commitment_edit(request, pk, part=None):
    return _part_edit(
        request, pk, part, model=Commitment, form_class=CommitmentForm, template_kind="commitment"
    )
