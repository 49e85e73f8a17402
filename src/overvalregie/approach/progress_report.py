"""The progress report for the triangle (*voortgangsrapportage*): where the approach stands.

``build`` gathers it once, as a plain structure that the page, the PDF and the command line
all read: the approach and its step plans, the goals as the reader sees them
(``goals.goal_view``, with values computed from the register), actions done and overdue,
measures deployed, robberies since the last triangle meeting beside the same span a year
earlier, open requests for a decision, and the meetings held. ``as_json`` turns it into plain
JSON types.

For a reader who may only see aggregates (``access.Reader.suppress``) every count of robberies
from 1 to ``SUPPRESSION_THRESHOLD - 1`` is shown as below the threshold (the register's
``incidents.aggregates.shown``); a goal's values are suppressed likewise by ``goals.shown_value``.

"Since the last triangle meeting" includes the day of that meeting; without one, the span
starts on the day the approach started. It runs to ``today``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from overvalregie.approach import services
from overvalregie.approach import steps as engine
from overvalregie.approach.access import reader_of
from overvalregie.approach.goals import GoalView, ShownValue, goal_view
from overvalregie.approach.metrics import PeriodValue
from overvalregie.approach.models import ActionStatus, Approach, MeetingKind, MetricKind
from overvalregie.incidents.aggregates import ShownCount, shown
from overvalregie.incidents.choices import TargetType
from overvalregie.incidents.models import Robbery


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


# --- robberies since the last triangle meeting ------------------------------------------------


def _robberies(approach: Approach, start: dt.date, today: dt.date, suppress: bool) -> dict:
    rows = Robbery.objects.robberies()
    if approach.police_unit_id:
        rows = rows.filter(municipality__police_unit_id=approach.police_unit_id)
        area = approach.police_unit.name
    else:
        rows = rows.filter(municipality_id=approach.municipality_id)
        area = approach.municipality.name
    earlier_start, earlier_end = _year_earlier(start), _year_earlier(today)
    now = Counter(
        rows.filter(date__gte=start, date__lte=today).values_list("target_type", flat=True)
    )
    before = Counter(
        rows.filter(date__gte=earlier_start, date__lte=earlier_end).values_list(
            "target_type", flat=True
        )
    )
    # Per target only for readers who see every count: beside a total, hidden cells could be
    # worked back from the visible ones, however many more cells are hidden with them.
    kinds = [] if suppress else [k for k in TargetType.values if now[k] or before[k]]
    labels = dict(TargetType.choices)
    total, total_before = sum(now.values()), sum(before.values())
    shown_total, shown_total_before = shown(total, suppress), shown(total_before, suppress)
    return {
        "area": area,
        "start": start,
        "end": today,
        "earlier_start": earlier_start,
        "earlier_end": earlier_end,
        "total": shown_total,
        "earlier": shown_total_before,
        "change": (
            None
            if shown_total.suppressed or shown_total_before.suppressed
            else total - total_before
        ),
        "per_target": [
            {
                "target_type": kind,
                "label": str(labels.get(kind, kind)),
                "count": shown(now[kind], suppress=False),
                "earlier": shown(before[kind], suppress=False),
            }
            for kind in kinds
        ],
        "per_target_withheld": suppress,
    }


# --- the report ------------------------------------------------------------------------------


def _standing(approach: Approach) -> list[dict]:
    result = []
    for plan in engine.standing(approach):
        current = plan.current
        result.append(
            {
                "key": plan.key,
                "name": plan.name,
                "done": plan.done,
                "total": len(plan.steps),
                "current": current.step.title_text if current else None,
                "current_state": str(current.label) if current else None,
                "missing": list(current.missing) if current else [],
            }
        )
    return result


def _measures(approach: Approach, user) -> list[dict]:
    """The measures deployed in the approach, each with the verdict of its evaluation (for
    a deployment in an area) in plain words; a business named only to who may see it (no
    user: the command line, everything)."""
    from overvalregie.measures.access import label_places
    from overvalregie.measures.evaluation import NotEvaluable, evaluate
    from overvalregie.measures.presentation import headline

    rows = []
    deployments = list(approach.deployments.for_pages().order_by("start", "created"))
    if user is not None:
        label_places(user, deployments)
    for deployment in deployments:
        effect = None
        if deployment.evaluable:
            try:
                effect = headline(evaluate(deployment))
            except NotEvaluable:
                effect = _("Not yet measurable")
        rows.append(
            {
                "deployment": deployment,
                "title": deployment.measure.title,
                "place": getattr(deployment, "shown_place", deployment.place_name),
                "organisation": deployment.owner.name,
                "start": deployment.start,
                "end": deployment.end,
                "status": str(deployment.get_status_display()),
                "effect": effect,
            }
        )
    return rows


def _action_row(action, today: dt.date) -> dict:
    return {
        "action": action,
        "title": action.title,
        "owner": action.owner.name if action.owner_id else None,
        "organisation": action.owner_organisation.name,
        "deadline": action.deadline,
        "completed": action.completed,
        "days_overdue": (today - action.deadline).days if action.is_overdue(today) else 0,
    }


def build(approach: Approach, user=None, today: dt.date | None = None) -> dict:
    """The progress report of ``approach`` on ``today``, as ``user`` may see it (no user:
    nothing suppressed, for the command line)."""
    today = today or timezone.localdate()
    reader = reader_of(user, approach) if user is not None else None
    suppress = reader is not None and reader.suppress
    # The questions put to the triangle are for those who read its records.
    records = reader is None or reader.records
    meetings = list(approach.meetings.filter(date__lte=today).order_by("-date", "-created"))
    last_triangle = next((m for m in meetings if m.kind == MeetingKind.TRIANGLE), None)
    since = last_triangle.date if last_triangle else approach.started

    actions = approach.actions.select_related("owner", "owner_organisation")
    done = actions.filter(status=ActionStatus.DONE)
    done_since = [
        _action_row(action, today)
        for action in done.filter(completed__gte=since).order_by("-completed", "title")
    ]
    overdue = [
        _action_row(action, today)
        for action in services.overdue(today)
        .filter(approach=approach)
        .select_related("owner", "owner_organisation")
        .order_by("deadline", "title")
    ]
    goals = approach.goals.select_related(
        "district", "owner", "approach__municipality__police_unit"
    ).order_by("deadline", "created")
    return {
        "approach": approach,
        "today": today,
        "suppress": suppress,
        "threshold": settings.SUPPRESSION_THRESHOLD,
        "since": since,
        "last_triangle": last_triangle,
        "standing": _standing(approach),
        "goals": [goal_view(goal, suppress, today) for goal in goals],
        "actions": {
            "done_since": done_since,
            "done_total": done.count(),
            "total": actions.count(),
            "overdue": overdue,
        },
        "measures": _measures(approach, user),
        "robberies": _robberies(approach, since, today, suppress),
        "decisions_requested": (
            list(
                approach.decision_requests.filter(answered_in__isnull=True).order_by("raised", "pk")
            )
            if records
            else None
        ),
        "meetings": meetings,
        "meeting_counts": [
            {"kind": kind, "label": str(label), "count": sum(m.kind == kind for m in meetings)}
            for kind, label in MeetingKind.choices
        ],
    }


# --- as JSON ---------------------------------------------------------------------------------


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _figure(figure: ShownCount | None) -> dict | None:
    if figure is None:
        return None
    return {"value": figure.value, "suppressed": figure.suppressed}


def _shown_json(view: GoalView, period: PeriodValue, shown: ShownValue | None) -> dict | None:
    """A goal's value in one period: a count as a whole number where it is one."""
    if shown is None:
        return None
    value = shown.value
    if value is not None and view.goal.metric != MetricKind.SOLVED and float(value).is_integer():
        value = int(value)
    return {"period": period.label, "value": value, "suppressed": shown.suppressed}


def _goal_json(view: GoalView) -> dict:
    goal, values = view.goal, view.values
    result = values.as_dict()
    result["metric"]["text"] = view.words
    result["baseline"] = _shown_json(view, values.baseline, view.baseline)
    result["current"] = _shown_json(view, values.current, view.current)
    result["running"] = _shown_json(view, values.running, view.running)
    result["achieved"] = view.achieved
    # The fraction, 0 to 1, as before; hidden where it would give a hidden value back.
    result["progress"] = None if view.progress is None else values.progress
    result["series"] = [
        {"period": period.label, "complete": period.complete, **_shown_json(view, period, shown)}
        for period, shown in zip(values.series, view.series, strict=True)
    ]
    result["id"] = str(goal.pk)
    result["owner"] = goal.owner.name if goal.owner_id else None
    return result


def _action_json(row: dict) -> dict:
    return {
        "title": row["title"],
        "owner": row["owner"],
        "organisation": row["organisation"],
        "deadline": _date(row["deadline"]),
        "completed": _date(row["completed"]),
        "days_overdue": row["days_overdue"],
    }


def as_json(report: dict) -> dict:
    """The report in plain JSON types (for ``overvalregie progress-report --json``)."""
    approach = report["approach"]
    robberies = report["robberies"]
    last = report["last_triangle"]
    return {
        "approach": {
            "id": str(approach.pk),
            "name": approach.name,
            "kind": approach.kind,
            "kind_label": str(approach.get_kind_display()),
            "municipality": {
                "code": approach.municipality.code,
                "name": approach.municipality.name,
            },
            "police_unit": approach.police_unit.name if approach.police_unit_id else None,
            "started": _date(approach.started),
            "ends": _date(approach.ends),
            "status": approach.status,
        },
        "date": _date(report["today"]),
        "suppressed_below": report["threshold"] if report["suppress"] else None,
        "since": _date(report["since"]),
        "last_triangle_meeting": _date(last.date) if last else None,
        "standing": report["standing"],
        "goals": [_goal_json(entry) for entry in report["goals"]],
        "actions": {
            "done_since_last_triangle_meeting": [
                _action_json(row) for row in report["actions"]["done_since"]
            ],
            "done_total": report["actions"]["done_total"],
            "total": report["actions"]["total"],
            "overdue": [_action_json(row) for row in report["actions"]["overdue"]],
        },
        "measures": [
            {
                "id": str(row["deployment"].pk),
                "measure": row["deployment"].measure.key,
                "title": row["title"],
                "place": row["place"],
                "organisation": row["organisation"],
                "start": _date(row["start"]),
                "end": _date(row["end"]),
                "status": row["deployment"].status,
                "effect": row["effect"],
            }
            for row in report["measures"]
        ],
        "robberies": {
            "area": robberies["area"],
            "from": _date(robberies["start"]),
            "to": _date(robberies["end"]),
            "total": _figure(robberies["total"]),
            "year_earlier": {
                "from": _date(robberies["earlier_start"]),
                "to": _date(robberies["earlier_end"]),
                "total": _figure(robberies["earlier"]),
            },
            "change": robberies["change"],
            "per_target": [
                {
                    "target_type": row["target_type"],
                    "label": row["label"],
                    "count": _figure(row["count"]),
                    "year_earlier": _figure(row["earlier"]),
                }
                for row in robberies["per_target"]
            ],
        },
        "decisions_requested": [
            {"question": request.question, "raised": _date(request.raised)}
            for request in report["decisions_requested"] or []
        ],
        "meetings": [
            {"kind": meeting.kind, "date": _date(meeting.date)} for meeting in report["meetings"]
        ],
    }


# --- as PDF ----------------------------------------------------------------------------------


def pdf_name(report: dict) -> str:
    """``voortgangsrapportage-GM0363-2025-06-30.pdf``: the municipality and the day."""
    return (
        f"voortgangsrapportage-{report['approach'].municipality.code}-"
        f"{report['today'].isoformat()}.pdf"
    )


def as_pdf(report: dict, base_url: str | None = None) -> bytes:
    """The report on A4, from the print template (WeasyPrint, static files only)."""
    from django.template.loader import render_to_string

    from overvalregie.web.pdf import render_pdf

    html = render_to_string(
        "approach/progress_report_print.html",
        {"approach": report["approach"], "report": report},
    )
    return render_pdf(html, base_url=base_url)
