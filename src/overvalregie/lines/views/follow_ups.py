"""The victim follow-ups (*slachtoffernazorg*): the list, one follow-up with its screening
and steps, and the small forms that mark a step done or close the follow-up.

A follow-up holds personal data. The list shows none (no address, no notes) and is not
logged; opening a follow-up is logged with its purpose, and trying to open one out of reach
is logged as refused before it answers 404, like one that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from overvalregie.audit.services import record_read, record_refused
from overvalregie.lines import services
from overvalregie.lines.forms import (
    ALL,
    OUTCOME_MAX_LENGTH,
    FollowUpFilterForm,
    FollowUpForm,
    StatusForm,
    StepForm,
)
from overvalregie.lines.models import STEP_HELP, FollowUpStatus, FollowUpStep, VictimFollowUp
from overvalregie.measures.models import Deployment
from overvalregie.organisations.policy import Action, can, role_of
from overvalregie.organisations.roles import Role
from overvalregie.pages import CONFLICT, SAVED, changed_fields, posted_version, save_form

#: Why a follow-up is opened, as the audit log records it.
PURPOSE = "victim aftercare"
OBJECT_TYPE = "lines.victimfollowup"
#: Geometry of the related areas: never loaded for these pages.
AREA_GEOMETRY = ("robbery__municipality__geometry", "robbery__district__geometry")


def _follow_up_for(request, pk, attempted: Action) -> VictimFollowUp:
    """The follow-up if the user may see it; else the attempt is logged and it answers 404
    (the same for one that does not exist: no existence oracle)."""
    follow_up = (
        VictimFollowUp.objects.visible_to(request.user)
        .select_related(
            "robbery__business", "robbery__district", "robbery__municipality", "referred_to"
        )
        .defer(*AREA_GEOMETRY)
        .filter(pk=pk)
        .first()
    )
    if follow_up is None or not can(request.user, attempted):
        record_refused(request.user, attempted, object_type=OBJECT_TYPE, object_id=str(pk))
        raise Http404
    return follow_up


def _detail_url(follow_up: VictimFollowUp, anchor: str = "") -> str:
    url = reverse("follow-up-detail", args=[follow_up.pk])
    return f"{url}#{anchor}" if anchor else url


def _may_refer(user) -> bool:
    """Referring a victim on is the coordinator's (the services say so too)."""
    return can(user, Action.REFER_FOLLOW_UP)


# --- the list ----------------------------------------------------------------------------------


@login_required
def follow_up_list(request):
    """The follow-ups the user works on, newest robbery first. No personal data: no address,
    no notes, so nothing to log."""
    if not can(request.user, Action.VIEW_FOLLOW_UPS):
        raise Http404
    today = timezone.localdate()
    filters = FollowUpFilterForm(request.GET or None)
    follow_ups = (
        VictimFollowUp.objects.visible_to(request.user)
        .select_related("robbery__district", "referred_to")
        .defer(*AREA_GEOMETRY[1:])
        .prefetch_related(
            Prefetch("steps", queryset=FollowUpStep.objects.order_by("order"), to_attr="ordered")
        )
        .order_by("-robbery__date", "-robbery__time", "created")
    )
    status, overdue_only = FollowUpStatus.OPEN, False
    if filters.is_bound:
        if filters.is_valid():
            status, overdue_only = filters.cleaned_data["status"], filters.cleaned_data["overdue"]
        else:
            follow_ups = follow_ups.none()
    if status != ALL:
        follow_ups = follow_ups.filter(status=status)
    if overdue_only:
        late = FollowUpStep.objects.overdue(today).filter(follow_up=OuterRef("pk"))
        follow_ups = follow_ups.filter(Exists(late))
    rows = [_row(follow_up, today) for follow_up in follow_ups]
    return render(
        request,
        "lines/follow_up_list.html",
        {
            "rows": rows,
            "filters": filters,
            "filtered": not filters.is_default(),
            "is_coordinator": role_of(request.user) == Role.COORDINATOR,
        },
    )


def _row(follow_up: VictimFollowUp, today) -> dict:
    steps = follow_up.ordered
    late = [s for s in steps if s.is_overdue(today)]
    next_step = next((s for s in steps if s.done is None), None)
    return {
        "follow_up": follow_up,
        "next_step": next_step,
        "next_overdue": next_step in late,
        "overdue_count": len(late),
    }


# --- one follow-up -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up_detail(request, pk):
    follow_up = _follow_up_for(request, pk, Action.VIEW_FOLLOW_UPS)
    may_manage = can(request.user, Action.MANAGE_FOLLOW_UPS)
    may_refer = _may_refer(request.user)
    form = None
    if may_manage and follow_up.is_open:
        form = FollowUpForm(instance=follow_up, may_refer=may_refer)
    if request.method == "POST":
        if not may_manage:
            record_refused(request.user, Action.MANAGE_FOLLOW_UPS, follow_up)
            raise Http404
        if not follow_up.is_open:
            messages.error(request, _("This follow-up has been closed: reopen it to change it."))
            return redirect(_detail_url(follow_up))
        if not may_refer and _refers(request, follow_up):
            # The page gives a victim worker no referral field: this post was made by hand.
            record_refused(request.user, Action.REFER_FOLLOW_UP, follow_up)
            raise Http404
        form = FollowUpForm(request.POST, instance=follow_up, may_refer=may_refer)
        if form.is_valid():
            outcome = save_form(
                request,
                form,
                lambda: services.save_follow_up(
                    request.user,
                    form.instance,
                    version=posted_version(request),
                    changed=changed_fields(form),
                ),
            )
            if outcome == SAVED:
                messages.success(request, _("The screening has been saved."))
                return redirect(_detail_url(follow_up))
            if outcome == CONFLICT:
                return redirect(_detail_url(follow_up, "screening-heading"))
    # Every page that shows the victim's data is a read of it (also one with form errors).
    record_read(request.user, follow_up, purpose=PURPOSE)
    return render(
        request,
        "lines/follow_up_detail.html",
        _detail_context(request, follow_up, form, may_manage=may_manage),
    )


def _refers(request, follow_up: VictimFollowUp) -> bool:
    """Whether the post names another organisation than the one it was referred to."""
    if "referred_to" not in request.POST:
        return False
    return request.POST["referred_to"] != str(follow_up.referred_to_id or "")


def _detail_context(request, follow_up: VictimFollowUp, form, *, may_manage: bool) -> dict:
    today = timezone.localdate()
    robbery = follow_up.robbery
    steps = list(follow_up.steps.select_related("done_by").order_by("order"))
    for step in steps:
        step.help = STEP_HELP.get(step.kind, "")
        step.overdue = step.is_overdue(today)
    warning = services.repeat_warning(robbery)
    linked = set()
    if warning and warning.deployments:
        linked = set(
            Deployment.objects.visible_to(request.user)
            .filter(pk__in=[d.pk for d in warning.deployments])
            .values_list("pk", flat=True)
        )
    return {
        "follow_up": follow_up,
        "robbery": robbery,
        "business": robbery.business,
        "warning": warning,
        "linked_deployments": linked,
        "steps": steps,
        "overdue_count": sum(step.overdue for step in steps),
        "form": form,
        "screening": _screening(follow_up),
        "may_manage": may_manage,
        "may_open_robbery": can(request.user, Action.VIEW_INCIDENTS, robbery),
        "today": today,
        "outcome_max_length": OUTCOME_MAX_LENGTH,
    }


def _screening(follow_up: VictimFollowUp) -> list[tuple[str, str]]:
    """The screening as (label, value), for a reader without the form."""
    fields = ("existing_contact", "consent", "mayor_visit")
    return [
        (
            capfirst(VictimFollowUp._meta.get_field(name).verbose_name),
            getattr(follow_up, f"get_{name}_display")(),
        )
        for name in fields
    ]


# --- the small forms ---------------------------------------------------------------------------


@login_required
@require_POST
def step_update(request, pk, step):
    """Mark a step done with its outcome (``action=done``), or open it again (``reopen``)."""
    follow_up = _follow_up_for(request, pk, Action.MANAGE_FOLLOW_UPS)
    step = get_object_or_404(follow_up.steps.all(), pk=step)
    step.follow_up = follow_up
    back = redirect(_detail_url(follow_up, f"step-{step.pk}"))
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(_errors(form)))
        return back
    action = form.cleaned_data["action"]
    if action == StepForm.DONE and step.done is not None:
        messages.warning(
            request, _("This step had already been marked as done; reopen it to change it.")
        )
        return back
    if action == StepForm.REOPEN and step.done is None:
        messages.info(request, _("This step is still open."))
        return back
    try:
        if action == StepForm.DONE:
            services.complete_step(
                request.user,
                step,
                outcome=form.cleaned_data["outcome"],
                day=form.cleaned_data["done"],
            )
        else:
            services.reopen_step(request.user, step)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    if action == StepForm.DONE:
        message = _("“%(step)s” has been marked as done.")
    else:
        message = _("“%(step)s” is open again.")
    messages.success(request, message % {"step": step.get_kind_display()})
    return back


@login_required
@require_POST
def status_update(request, pk):
    """Close the follow-up, or reopen a closed one."""
    follow_up = _follow_up_for(request, pk, Action.MANAGE_FOLLOW_UPS)
    back = redirect(_detail_url(follow_up, "status-heading"))
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(_errors(form)))
        return back
    status = form.cleaned_data["status"]
    if status == follow_up.status:
        messages.info(request, _("Nothing has changed: the follow-up already has this status."))
        return back
    try:
        services.set_status(request.user, follow_up, status)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return back
    if status == FollowUpStatus.CLOSED:
        messages.success(request, _("The follow-up has been closed."))
    else:
        messages.success(request, _("The follow-up is open again."))
    return back


def _errors(form) -> list[str]:
    """The errors of a form the page shows as a message, each once."""
    return list(dict.fromkeys(e for errors in form.errors.values() for e in errors))
