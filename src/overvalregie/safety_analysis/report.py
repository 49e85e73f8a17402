"""The printable report of an analysis: one HTML template, rendered to PDF by WeasyPrint."""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import asdict

from django.template.loader import render_to_string
from django.utils import timezone

from overvalregie.safety_analysis.models import SafetyAnalysis
from overvalregie.safety_analysis.presentation import view_of
from overvalregie.web.pdf import render_pdf


def report_html(context: dict) -> str:
    return render_to_string(
        "safety_analysis/report.html", {**context, "printed": timezone.localdate()}
    )


def analysis_pdf(analysis: SafetyAnalysis, user) -> bytes:
    """The report of a stored version, as ``user`` may see it."""
    context = view_of(analysis, user)
    context.update(findings=analysis.findings.all())
    return render_pdf(report_html(context))


def report_pdf(
    municipality, level, district, start: dt.date, end: dt.date, figures, criteria, advice
) -> bytes:
    """The report of figures computed on the command line (stored nowhere, no reader: full)."""
    from overvalregie.safety_analysis.services import thresholds_for

    thresholds = thresholds_for(municipality)
    unsaved = SafetyAnalysis(
        municipality=municipality,
        version=0,
        level=level,
        district=district,
        period_start=start,
        period_end=end,
        figures=figures,
        criteria=criteria,
        recommendation=advice,
        thresholds=asdict(thresholds),
    )
    reader = types.SimpleNamespace(is_authenticated=False)  # no reader: nothing suppressed
    context = view_of(unsaved, reader, suppress=False)
    return render_pdf(report_html({**context, "findings": [], "command_line": True}))
