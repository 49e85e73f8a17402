"""The plan of approach: SMART goals with their values from the register, and the actions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie.approach import services
from overvalregie.approach.forms.plan import (
    ActionFilterForm,
    ActionForm,
    ActionStatusForm,
    GoalForm,
)
from overvalregie.approach.goals import goal_view
from overvalregie.approach.models import ActionItem, Goal
from overvalregie.approach.views.common import (
    approach_for,
    base_context,
    delete_from_page,
    managed_approach_for,
    part_for,
    reader,
    save_form,
)
from overvalregie.measures.access import label_places
from overvalregie.pages import (
    CONFLICT,
    SAVED,
    conflict_message,
    posted_version,
)
from overvalregie.versions import Conflict

# --- the plan page -----------------------------------------------------------------------------


def _plan_url(approach, action=None) -> str:
    url = reverse("approach-plan", args=[approach.pk])
    return f"{url}#action-{action.pk}" if action is not None else url


@login_required
def plan(request, pk):
    approach = approach_for(request, pk)
    if request.method == "POST":
        approach = managed_approach_for(request, pk)
        return _change_status(request, approach)
    today = timezone.localdate()
    suppress = reader(request, approach).suppress
    goals = [
        goal_view(goal, suppress, today)
        for goal in approach.goals.select_related("district", "owner")
    ]
    actions = list(
        approach.actions.select_related("owner_organisation", "owner", "goal").order_by(
            "deadline", "created"
        )
    )
    for action in actions:
        action.overdue = action.is_overdue(today)
    organisations = sorted(
        {a.owner_organisation_id: a.owner_organisation for a in actions}.values(),
        key=lambda o: o.name,
    )
    filters = ActionFilterForm(request.GET or None, organisations=organisations)
    shown = actions
    if filters.is_valid():
        data = filters.cleaned_data
        if data["status"]:
            shown = [a for a in shown if a.status == data["status"]]
        if data["organisation"]:
            shown = [a for a in shown if str(a.owner_organisation_id) == data["organisation"]]
        if data["overdue"]:
            shown = [a for a in shown if a.overdue]
    elif filters.is_bound:
        shown = []
    context = base_context(request, approach, "plan")
    context.update(
        goals=goals,
        suppress=suppress,
        threshold=settings.SUPPRESSION_THRESHOLD,
        actions=shown,
        action_total=len(actions),
        overdue_count=sum(a.overdue for a in actions),
        filters=filters,
        filtered=filters.is_bound,
        statuses=ActionStatusForm.base_fields["status"].choices,
        deployments=label_places(
            request.user, approach.deployments.for_pages().order_by("-start", "created")
        ),
    )
    return render(request, "approach/plan.html", context)


def _change_status(request, approach):
    action = part_for(approach, ActionItem, request.POST.get("action"))
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status for the action."))
        return redirect(_plan_url(approach, action))
    try:
        services.set_action_status(
            request.user, action, form.cleaned_data["status"], form.cleaned_data["version"]
        )
    except Conflict:
        conflict_message(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(action)s” is now: %(status)s.")
            % {"action": action.title, "status": action.get_status_display()},
        )
    return redirect(_plan_url(approach, action))


# --- goals and actions -------------------------------------------------------------------------


@login_required
def goal_edit(request, pk, part=None):
    approach = managed_approach_for(request, pk)
    goal = part_for(approach, Goal, part) if part else Goal(approach=approach)
    version = goal.version
    if request.method == "POST" and "delete" in request.POST:
        if goal._state.adding:
            raise Http404
        if delete_from_page(request, goal, _("The goal has been deleted.")):
            return redirect("approach-plan", pk=approach.pk)
        return redirect("approach-goal", pk=approach.pk, part=goal.pk)
    form = GoalForm(request.POST or None, instance=goal, approach=approach)
    if request.method == "POST":
        version = posted_version(request)
        if form.is_valid():
            adding = goal._state.adding
            outcome = save_form(request, form, version=version)
            if outcome == SAVED:
                messages.success(
                    request,
                    _("The goal has been added: its baseline is counted from the register.")
                    if adding
                    else _("The goal has been saved."),
                )
                return redirect("approach-goal", pk=approach.pk, part=goal.pk)
            if outcome == CONFLICT:
                goal = part_for(approach, Goal, goal.pk)
                form, version = GoalForm(instance=goal, approach=approach), goal.version
    context = base_context(request, approach, "plan")
    saved = not goal._state.adding
    if saved and not form.is_bound:
        context["view"] = goal_view(goal, reader(request, approach).suppress, timezone.localdate())
    context.update(form=form, goal=goal, version=version, saved=saved)
    return render(request, "approach/goal_form.html", context)


@login_required
def action_edit(request, pk, part=None):
    approach = managed_approach_for(request, pk)
    action = part_for(approach, ActionItem, part) if part else ActionItem(approach=approach)
    version = action.version
    if request.method == "POST" and "delete" in request.POST:
        if action._state.adding:
            raise Http404
        if delete_from_page(request, action, _("The action has been deleted.")):
            return redirect("approach-plan", pk=approach.pk)
        return redirect("approach-action", pk=approach.pk, part=action.pk)
    # "Actions arising" from a meeting: ?meeting=<id> fills in the meeting.
    meeting = None
    wanted = request.POST.get("from_meeting") or request.GET.get("meeting")
    if wanted:
        try:
            meeting = approach.meetings.filter(pk=uuid.UUID(str(wanted))).first()
        except ValueError:
            meeting = None
    initial = {"meeting": meeting.pk} if meeting is not None and action._state.adding else None
    form = ActionForm(request.POST or None, instance=action, approach=approach, initial=initial)
    if request.method == "POST":
        version = posted_version(request)
        if form.is_valid():
            adding = action._state.adding
            outcome = save_form(request, form, version=version)
            if outcome == SAVED:
                messages.success(
                    request,
                    _("The action has been added.") if adding else _("The action has been saved."),
                )
                if meeting is not None and action.meeting_id == meeting.pk:
                    return redirect("approach-meeting", pk=approach.pk, part=meeting.pk)
                return redirect(_plan_url(approach, action))
            if outcome == CONFLICT:
                action = part_for(approach, ActionItem, action.pk)
                form, version = ActionForm(instance=action, approach=approach), action.version
    context = base_context(request, approach, "plan")
    context.update(
        form=form,
        action=action,
        version=version,
        saved=not action._state.adding,
        from_meeting=meeting,
    )
    return render(request, "approach/action_form.html", context)
