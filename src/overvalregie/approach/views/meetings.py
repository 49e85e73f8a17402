"""Meetings of an approach (with attendance, decisions and actions arising), the requests for a
decision put to the triangle, and the communication log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie.approach import services
from overvalregie.approach.forms.plan import (
    AudienceFilterForm,
    CommunicationForm,
    DecisionRequestForm,
    MeetingForm,
)
from overvalregie.approach.models import (
    Audience,
    CommunicationEntry,
    DecisionRequest,
    Meeting,
    Presence,
)
from overvalregie.approach.views.common import (
    approach_for,
    base_context,
    delete_from_page,
    managed_approach_for,
    may_manage,
    part_for,
    reader,
    save_form,
)
from overvalregie.organisations.policy import active_membership
from overvalregie.pages import (
    CONFLICT,
    SAVED,
    posted_version,
)
from overvalregie.safety_analysis.models import Decision

# --- meetings ----------------------------------------------------------------------------------


@login_required
def meeting_list(request, pk):
    approach = approach_for(request, pk)
    meetings = approach.meetings.annotate(
        present=Count("attendance", filter=Q(attendance__presence=Presence.PRESENT), distinct=True),
        decision_count=Count("decisions", distinct=True),
        action_count=Count("actions", distinct=True),
    ).order_by("-date", "-created")
    context = base_context(request, approach, "meetings")
    # What is asked of the triangle, and its answers, are records of the owning municipality.
    requests = (
        list(approach.decision_requests.select_related("answered_in").order_by("raised", "pk"))
        if context["may_read_records"]
        else []
    )
    context.update(
        meetings=meetings,
        open_requests=[r for r in requests if r.is_open],
        answered_requests=[r for r in requests if not r.is_open],
        request_form=DecisionRequestForm() if context["may_manage"] else None,
    )
    return render(request, "approach/meeting_list.html", context)


@login_required
def request_withdraw(request, pk, part):
    """Withdraw an open request for a decision (asked by mistake, or no longer needed)."""
    approach = managed_approach_for(request, pk)
    if request.method != "POST":
        raise Http404
    question = part_for(approach, DecisionRequest, part)
    if question.is_open:
        delete_from_page(request, question, _("The request has been withdrawn."))
    return redirect("approach-meetings", pk=approach.pk)


@login_required
def request_new(request, pk):
    """Put a question to the triangle: POST from the meetings page, or this small form."""
    approach = managed_approach_for(request, pk)
    form = DecisionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.approach = approach
        if save_form(request, form) == SAVED:
            messages.success(
                request, _("The request has been added: it goes into the progress report.")
            )
            return redirect("approach-meetings", pk=approach.pk)
    context = base_context(request, approach, "meetings")
    context["form"] = form
    return render(request, "approach/request_form.html", context)


def _meeting_form(request, approach, meeting, data=None):
    members = approach.members.select_related("organisation").order_by("role", "name")
    # The open requests, and those this meeting answered (to correct an answer).
    requests = approach.decision_requests.filter(answered_in__isnull=True)
    if not meeting._state.adding:
        requests = approach.decision_requests.filter(
            Q(answered_in__isnull=True) | Q(answered_in=meeting)
        )
    requests = requests.order_by("raised", "pk")
    return MeetingForm(
        data,
        instance=meeting,
        approach=approach,
        user=request.user,
        members=members,
        requests=requests,
    )


@login_required
def meeting_edit(request, pk, part=None):
    """A meeting: its form for the coordinator; what was recorded, read-only, for the others."""
    approach = approach_for(request, pk)
    manage = may_manage(request, approach)
    if part is None and not manage:
        raise Http404
    if request.method == "POST" and not manage:
        raise Http404
    meeting = part_for(approach, Meeting, part) if part else Meeting(approach=approach)
    if request.method == "POST" and "delete" in request.POST:
        if meeting._state.adding:
            raise Http404
        # Its actions stay, no longer linked to it; its attendance goes with it. A meeting
        # that answered a request for a decision is kept (the database refuses).
        delete_from_page(request, meeting, _("The meeting has been deleted."))
        return redirect("approach-meetings", pk=approach.pk)
    if meeting._state.adding:
        meeting.date = timezone.localdate()
    version = meeting.version
    form = None
    if manage:
        form = _meeting_form(request, approach, meeting, request.POST or None)
    if request.method == "POST":
        version = posted_version(request)
        if form.is_valid():
            adding = meeting._state.adding
            outcome = save_form(
                request,
                form,
                save=lambda: services.record_meeting(
                    request.user,
                    form.instance,
                    attendance=form.attendance(),
                    decisions=form.cleaned_data["decisions"],
                    answers=form.answers(),
                    version=version,
                ),
            )
            if outcome == SAVED:
                done = _("The meeting has been saved.")
                messages.success(request, _("The meeting has been recorded.") if adding else done)
                return redirect("approach-meeting", pk=approach.pk, part=meeting.pk)
            if outcome == CONFLICT:
                meeting = part_for(approach, Meeting, meeting.pk)
                form, version = _meeting_form(request, approach, meeting), meeting.version
    context = base_context(request, approach, "meetings")
    saved = not meeting._state.adding
    context.update(form=form, meeting=meeting, version=version, saved=saved)
    if saved:
        context.update(
            attendance=meeting.attendance.select_related("member__organisation"),
            arising=meeting.actions.select_related("owner_organisation", "owner"),
            # Only the decision records this reader may see (mayor and partners differ).
            decisions=meeting.decisions.filter(
                pk__in=Decision.objects.visible_to(request.user).values("pk")
            ),
            answered=meeting.answered_requests.all(),
            new_action_url=reverse("approach-action-new", args=[approach.pk])
            + f"?meeting={meeting.pk}",
        )
    return render(request, "approach/meeting_form.html", context)


# --- the communication log ---------------------------------------------------------------------


@login_required
def communication(request, pk):
    approach = approach_for(request, pk)
    form = None
    if request.method == "POST":
        approach = managed_approach_for(request, pk)
        if "delete" in request.POST:
            return _delete_entry(request, approach)
        form = CommunicationForm(request.POST, approach=approach)
        if form.is_valid():
            form.instance.approach = approach
            if save_form(request, form) == SAVED:
                messages.success(request, _("The communication has been logged."))
                return redirect("approach-communication", pk=approach.pk)
    elif may_manage(request, approach):
        membership = active_membership(request.user)
        form = CommunicationForm(
            approach=approach,
            initial={
                "date": timezone.localdate(),
                "organisation": membership.organisation_id if membership else None,
            },
        )
    filters = AudienceFilterForm(request.GET or None)
    entries = approach.communications.select_related("organisation").order_by("-date", "-created")
    if not reader(request, approach).records:
        entries = entries.exclude(audience=Audience.INTERNAL)
    if filters.is_valid() and filters.cleaned_data["audience"]:
        entries = entries.filter(audience=filters.cleaned_data["audience"])
    elif filters.is_bound and not filters.is_valid():
        entries = entries.none()
    context = base_context(request, approach, "communication")
    context.update(form=form, filters=filters, entries=entries)
    return render(request, "approach/communication.html", context)


def _delete_entry(request, approach):
    entry = part_for(approach, CommunicationEntry, request.POST.get("entry"))
    delete_from_page(request, entry, _("The entry has been deleted."))
    return redirect("approach-communication", pk=approach.pk)
