"""The progress report for the triangle: as a page, and as a PDF to send round."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from overvalregie.approach import progress_report as reports
from overvalregie.approach.views.common import approach_for, base_context
from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record


@login_required
@require_safe
def progress_report(request, pk):
    approach = approach_for(request, pk)
    context = base_context(request, approach, "report")
    context["report"] = reports.build(approach, request.user)
    return render(request, "approach/progress_report.html", context)


@login_required
@require_safe
def progress_report_pdf(request, pk):
    approach = approach_for(request, pk)
    report = reports.build(approach, request.user)
    pdf = reports.as_pdf(report, base_url=request.build_absolute_uri("/"))
    record(
        request.user, AuditAction.EXPORT, approach, detail={"format": "pdf", "report": "progress"}
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{reports.pdf_name(report)}"'
    return response
