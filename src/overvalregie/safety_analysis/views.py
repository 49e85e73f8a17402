"""The local safety analysis pages: the list, a new run, a version, its PDF, the decision."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from overvalregie.approach.services import KIND_OF_CHOICE
from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record
from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities
from overvalregie.safety_analysis import services
from overvalregie.safety_analysis.forms import (
    DecisionForm,
    FindingForm,
    NewAnalysisForm,
    PrioritiesForm,
)
from overvalregie.safety_analysis.models import AnalysisState, Decision, SafetyAnalysis
from overvalregie.safety_analysis.presentation import view_of


def _reader(request):
    if not can(request.user, Action.VIEW_SAFETY_ANALYSIS):
        raise Http404
    return request.user


def _analysis(request, pk) -> SafetyAnalysis:
    user = _reader(request)
    return get_object_or_404(
        SafetyAnalysis.objects.visible_to(user).select_related(
            "municipality__police_unit", "district", "created_by"
        ),
        pk=pk,
    )


@login_required
def analysis_list(request):
    user = _reader(request)
    municipalities = scope_municipalities(user).order_by("name")
    may_run = can(user, Action.RUN_SAFETY_ANALYSIS)
    form = None
    if may_run:
        form = NewAnalysisForm(request.POST or None, municipalities=municipalities)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            analysis = services.start(
                user,
                data["municipality"],
                data["start"],
                data["end"],
                level=data["level"],
                district=data["district"],
            )
            return redirect("analysis-detail", pk=analysis.pk)
    elif request.method == "POST":
        raise Http404
    analyses = (
        SafetyAnalysis.objects.visible_to(user)
        .select_related("municipality__police_unit", "district", "created_by")
        .defer("figures", "criteria", "thresholds")
    )
    decisions = Decision.objects.visible_to(user).select_related(
        "analysis__municipality__police_unit", "analysis__district", "approach"
    )
    return render(
        request,
        "safety_analysis/analysis_list.html",
        {"form": form, "analyses": analyses, "decisions": decisions[:20]},
    )


@login_required
def analysis_detail(request, pk):
    analysis = _analysis(request, pk)
    user = request.user
    may_edit = can(user, Action.RUN_SAFETY_ANALYSIS) and analysis.editable
    finding_form = FindingForm(prefix="finding")
    priorities_form = PrioritiesForm(
        prefix="priorities", initial={"priorities": analysis.priorities}
    )
    if request.method == "POST":
        if not can(user, Action.RUN_SAFETY_ANALYSIS):
            raise Http404
        action = request.POST.get("action")
        try:
            if action == "finding":
                finding_form = FindingForm(request.POST, prefix="finding")
                if finding_form.is_valid():
                    services.add_finding(user, analysis, **finding_form.cleaned_data)
                    return redirect("analysis-detail", pk=analysis.pk)
            elif action == "priorities":
                priorities_form = PrioritiesForm(request.POST, prefix="priorities")
                if priorities_form.is_valid():
                    services.set_priorities(
                        user, analysis, priorities_form.cleaned_data["priorities"]
                    )
                    return redirect("analysis-detail", pk=analysis.pk)
            elif action == "finalise":
                services.finalise(user, analysis)
                messages.success(request, _("This version is final: a decision can rest on it."))
                return redirect("analysis-detail", pk=analysis.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("analysis-detail", pk=analysis.pk)
    if analysis.state in (AnalysisState.DRAFT, AnalysisState.FINAL):
        record(user, AuditAction.READ, analysis, detail={"version": analysis.version})
    context = view_of(analysis, user)
    context.update(findings=analysis.findings.all())
    context.update(
        may_edit=may_edit,
        may_decide=can(user, Action.RECORD_DECISION) and analysis.state == AnalysisState.FINAL,
        finding_form=finding_form,
        priorities_form=priorities_form,
        decisions=analysis.decisions.select_related("approach", "corrects").prefetch_related(
            "corrections"
        ),
        may_manage_approach=can(user, Action.MANAGE_APPROACH),
        approach_choices=list(KIND_OF_CHOICE),
        progress=services.progress(analysis),
        states=AnalysisState,
    )
    return render(request, "safety_analysis/analysis_detail.html", context)


@login_required
def analysis_progress(request, pk):
    return JsonResponse(services.progress(_analysis(request, pk)))


@login_required
def analysis_pdf(request, pk):
    from overvalregie.safety_analysis.report import analysis_pdf as render_pdf

    analysis = _analysis(request, pk)
    if analysis.state not in (AnalysisState.DRAFT, AnalysisState.FINAL):
        raise Http404
    pdf = render_pdf(analysis, request.user)
    record(request.user, AuditAction.EXPORT, analysis, detail={"format": "pdf"})
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"veiligheidsanalyse-{analysis.municipality.code}-v{analysis.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def decision_new(request, pk):
    analysis = _analysis(request, pk)
    if not can(request.user, Action.RECORD_DECISION) or analysis.state != AnalysisState.FINAL:
        raise Http404
    corrects = None
    wanted = request.POST.get("corrects") or request.GET.get("corrects")
    if wanted:
        try:
            wanted = uuid.UUID(wanted)
        except ValueError:
            raise Http404 from None
        corrects = get_object_or_404(
            Decision.objects.visible_to(request.user).filter(
                analysis__municipality=analysis.municipality
            ),
            pk=wanted,
        )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(request.user, analysis, corrects=corrects, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("analysis-detail", pk=analysis.pk)
    return render(
        request,
        "safety_analysis/decision_form.html",
        {"analysis": analysis, "form": form, "corrects": corrects},
    )
