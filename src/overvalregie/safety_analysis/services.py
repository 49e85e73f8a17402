"""Every change to analyses and decisions goes through here, and each writes its audit entry."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from overvalregie import progress as shared_progress
from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record, record_refused
from overvalregie.geography.models import Municipality
from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities
from overvalregie.safety_analysis import criteria as rules
from overvalregie.safety_analysis.compute import compute
from overvalregie.safety_analysis.models import (
    AnalysisState,
    CriteriaThresholds,
    Decision,
    FieldFinding,
    SafetyAnalysis,
)
from overvalregie.safety_analysis.scope import DISTRICT, MUNICIPALITY, scope_of

logger = logging.getLogger(__name__)


def _require(user, action: Action, municipality: Municipality | None = None) -> None:
    allowed = can(user, action) and (
        municipality is None or scope_municipalities(user).filter(pk=municipality.pk).exists()
    )
    if not allowed:
        record_refused(user, action, object_type="safety_analysis.safetyanalysis")
        raise PermissionDenied


def thresholds_for(municipality: Municipality) -> rules.Thresholds:
    own = CriteriaThresholds.objects.filter(municipality=municipality).first()
    return own.as_thresholds() if own else rules.Thresholds()


def progress(analysis: SafetyAnalysis) -> dict:
    running = analysis.state == AnalysisState.RUNNING
    return shared_progress.read(
        "analysis", analysis.pk, state=analysis.state, running=running, since=analysis.created
    )


def start(
    user,
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    level: str = MUNICIPALITY,
    district=None,
) -> SafetyAnalysis:
    """A new version for ``municipality`` (covering ``level``), computed by the worker."""
    _require(user, Action.RUN_SAFETY_ANALYSIS, municipality)
    if end < start:
        raise ValidationError(_("The period ends before it starts."))
    try:
        scope_of(municipality, level, district)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    with transaction.atomic():
        # The municipality's row serialises the numbering of its versions.
        list(Municipality.objects.select_for_update().filter(pk=municipality.pk).values("pk"))
        latest = SafetyAnalysis.objects.filter(municipality=municipality).aggregate(Max("version"))[
            "version__max"
        ]
        analysis = SafetyAnalysis.objects.create(
            municipality=municipality,
            version=(latest or 0) + 1,
            period_start=start,
            period_end=end,
            level=level,
            district=district if level == DISTRICT else None,
            created_by=user,
            language=translation.get_language() or "nl",
        )
        record(user, AuditAction.CREATE, analysis, detail={"version": analysis.version})
    from overvalregie.safety_analysis.tasks import compute_analysis

    compute_analysis.enqueue(str(analysis.pk))
    return analysis


def run(analysis_id: str) -> None:
    """Compute a version's figures, criteria and advice; runs in the background worker."""
    analysis = (
        SafetyAnalysis.objects.select_related("municipality__police_unit", "district")
        .filter(pk=analysis_id, state=AnalysisState.RUNNING)
        .first()
    )
    if analysis is None:
        return

    def report(fraction: float) -> None:
        shared_progress.report("analysis", analysis.pk, analysis.state, fraction)

    try:
        figures = compute(analysis.scope, analysis.period_start, analysis.period_end, report)
    except Exception as error:  # noqa: BLE001 - the version must end, whatever went wrong
        logger.error("analysis %s failed: %s", analysis.pk, type(error).__name__)
        analysis.state = AnalysisState.FAILED
        analysis.save(update_fields=["state"])
        return
    thresholds = thresholds_for(analysis.municipality)
    found, advice = rules.evaluate(figures, thresholds)
    analysis.figures = figures
    analysis.criteria = [criterion.as_dict() for criterion in found]
    analysis.recommendation = advice
    analysis.thresholds = asdict(thresholds)
    analysis.state = AnalysisState.DRAFT
    analysis.save()


def _lock_draft(analysis: SafetyAnalysis, message: str) -> None:
    """Hold the version's row for this transaction, and refuse unless it is still a draft
    (it may have been finalised since the page was loaded)."""
    still_draft = (
        SafetyAnalysis.objects.select_for_update()
        .filter(pk=analysis.pk, state=AnalysisState.DRAFT)
        .values_list("pk", flat=True)
    )
    if not list(still_draft):
        raise ValidationError(message)


def add_finding(user, analysis: SafetyAnalysis, method: str, finding: str) -> FieldFinding:
    _require(user, Action.RUN_SAFETY_ANALYSIS, analysis.municipality)
    with transaction.atomic():
        _lock_draft(analysis, _("Only a draft analysis takes new findings."))
        added = FieldFinding.objects.create(analysis=analysis, method=method, finding=finding)
        record(user, AuditAction.UPDATE, analysis, detail={"added": "finding"})
    return added


def set_priorities(user, analysis: SafetyAnalysis, priorities: str) -> None:
    _require(user, Action.RUN_SAFETY_ANALYSIS, analysis.municipality)
    with transaction.atomic():
        _lock_draft(analysis, _("Only a draft analysis can be changed."))
        analysis.priorities = priorities.strip()
        analysis.save(update_fields=["priorities"])
        record(user, AuditAction.UPDATE, analysis, detail={"changed": ["priorities"]})


def finalise(user, analysis: SafetyAnalysis) -> None:
    """Freeze a draft: from now on it is the version a decision can rest on."""
    _require(user, Action.RUN_SAFETY_ANALYSIS, analysis.municipality)
    with transaction.atomic():
        updated = SafetyAnalysis.objects.filter(pk=analysis.pk, state=AnalysisState.DRAFT).update(
            state=AnalysisState.FINAL, finalised=timezone.now()
        )
        if not updated:
            raise ValidationError(_("Only a draft analysis can be finalised."))
        analysis.refresh_from_db()
        record(user, AuditAction.UPDATE, analysis, detail={"state": "final"})


def record_decision(user, analysis: SafetyAnalysis, *, corrects: Decision | None = None, **fields):
    """Record the decision as it was taken. The coordinator then turns a decision for an
    approach into one (``approach.services.start``)."""
    _require(user, Action.RECORD_DECISION, analysis.municipality)
    if analysis.state != AnalysisState.FINAL:
        raise ValidationError(_("A decision rests on a final analysis: finalise it first."))
    if corrects is not None and corrects.analysis.municipality_id != analysis.municipality_id:
        raise ValidationError(_("A correction belongs to the same municipality."))
    with transaction.atomic():
        decision = Decision(analysis=analysis, corrects=corrects, recorded_by=user, **fields)
        decision.full_clean()
        decision.save()
        record(
            user,
            AuditAction.CREATE,
            decision,
            detail={"choice": decision.choice, "corrects": str(corrects.pk) if corrects else ""},
        )
    return decision


def sweep(now=None) -> int:
    """Versions whose worker died while computing them end as failed (``overvalregie cleanup``)."""
    now = now or timezone.now()
    failed = 0
    for analysis in SafetyAnalysis.objects.filter(
        state=AnalysisState.RUNNING, created__lt=now - shared_progress.STALE_AFTER
    ):
        if progress(analysis)["waiting"]:
            analysis.state = AnalysisState.FAILED
            analysis.save(update_fields=["state"])
            failed += 1
    return failed
