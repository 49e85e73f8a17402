"""The step-plan engine: plans as data, where an approach stands, and what is still missing.

A step plan is a TOML file in ``step_plans/`` (three ship with Overvalregie) or a
``StepPlan`` row a system administrator adds. Each step has a checklist, the *artefacts* it
must produce and a completion rule (``requires_previous``; every required checklist item and
artefact). An artefact is counted from what the approach holds (members, goals, meetings, ...)
or is a written ``note``; :data:`ARTEFACTS` lists the kinds.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from overvalregie.approach.models import (
    Approach,
    ApproachStep,
    MeetingKind,
    MemberRole,
    StepPlan,
    localised,
)
from overvalregie.organisations.roles import OrganisationKind
from overvalregie.texts import LANGUAGES

SHIPPED = Path(__file__).parent / "step_plans"

#: Artefact kinds: what each one counts. ``note`` is a text written in the step itself.
ARTEFACTS = {
    "note": _("a written text"),
    "partners": _("partner organisations in the project structure"),
    "prosecutor": _("a public prosecutor (OM) in the project structure"),
    "project_leader": _("a project leader"),
    "project_group": _("project group members"),
    "budget": _("a budget"),
    "commitments": _("partner commitments"),
    "safety_analysis": _("a final safety analysis behind the decision"),
    "decision": _("the decision the approach came from"),
    "goals": _("SMART goals"),
    "actions": pgettext_lazy("plan of approach", "actions"),
    "meetings": _("meetings of a kind"),
    "communication": _("communication log entries"),
    "measures": _("deployed measures"),
}


# --- plans as data -----------------------------------------------------------------------------


def _check_text(value, where: str, errors: list[str]) -> None:
    if not isinstance(value, dict) or not value.get("nl") or not isinstance(value["nl"], str):
        errors.append(f"{where}: needs a text in Dutch, as {{ nl = ..., en = ... }}")
        return
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        errors.append(f"{where}: unknown language(s) {sorted(unknown)}")


def validate(definition: dict) -> list[str]:
    """Every problem with a plan's definition, as ``where: what`` lines (empty: valid)."""
    errors: list[str] = []
    if not isinstance(definition, dict):
        return ["the definition is not a table"]
    if not isinstance(definition.get("key"), str) or not definition["key"]:
        errors.append("key: missing")
    _check_text(definition.get("name"), "name", errors)
    kinds = definition.get("kinds", [])
    from overvalregie.approach.models import ApproachKind

    # Membership tests only on strings: a list or table in the wrong place is an error line,
    # not an "unhashable type" exception.
    if not isinstance(kinds, list) or not all(
        isinstance(kind, str) and kind in ApproachKind.values for kind in kinds
    ):
        errors.append(f"kinds: each must be one of {ApproachKind.values}")
    steps = definition.get("steps")
    if not isinstance(steps, list) or not steps:
        return [*errors, "steps: a plan needs at least one step"]
    seen_steps: set[str] = set()
    for number, step in enumerate(steps, start=1):
        where = f"step {number}"
        if not isinstance(step, dict):
            errors.append(f"{where}: not a table")
            continue
        key = step.get("key")
        if not isinstance(key, str) or not key or key in seen_steps:
            errors.append(f"{where}: needs a key of its own (a text)")
        if isinstance(key, str):
            seen_steps.add(key)
        _check_text(step.get("title"), f"{where} title", errors)
        if not isinstance(step.get("requires_previous", True), bool):
            errors.append(f"{where} requires_previous: true or false")
        seen_items: set[str] = set()
        checklist = step.get("checklist", [])
        if not isinstance(checklist, list):
            errors.append(f"{where} checklist: a list of tables")
            checklist = []
        for index, item in enumerate(checklist, start=1):
            if not isinstance(item, dict):
                errors.append(f"{where} checklist {index}: not a table")
                continue
            item_key = item.get("key")
            if not isinstance(item_key, str) or not item_key or item_key in seen_items:
                errors.append(f"{where} checklist {index}: needs a key of its own (a text)")
            if isinstance(item_key, str):
                seen_items.add(item_key)
            _check_text(item.get("label"), f"{where} checklist {index}", errors)
        artefacts = step.get("artefacts", [])
        if not isinstance(artefacts, list):
            errors.append(f"{where} artefacts: a list of tables")
            artefacts = []
        for index, artefact in enumerate(artefacts, start=1):
            at = f"{where} artefact {index}"
            if (
                not isinstance(artefact, dict)
                or not isinstance(artefact.get("kind"), str)
                or artefact["kind"] not in ARTEFACTS
            ):
                errors.append(f"{at}: kind must be one of {sorted(ARTEFACTS)}")
                continue
            _check_text(artefact.get("label"), at, errors)
            note_key = artefact.get("key")
            if artefact["kind"] == "note" and (not isinstance(note_key, str) or not note_key):
                errors.append(f"{at}: a note needs a key (a text)")
            meeting_kind = artefact.get("meeting_kind")
            if artefact["kind"] == "meetings" and (
                not isinstance(meeting_kind, str) or meeting_kind not in MeetingKind.values
            ):
                errors.append(f"{at}: meeting_kind must be one of {MeetingKind.values}")
            minimum = artefact.get("minimum", 1)
            if not isinstance(minimum, int) or minimum < 1:
                errors.append(f"{at}: minimum must be a whole number of at least 1")
    return errors


def read_plan(path: Path) -> dict:
    """A plan file, checked; ``ValueError`` names every problem."""
    try:
        definition = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path.name}: {error}") from None
    errors = validate(definition)
    if errors:
        raise ValueError(f"{path.name}: " + "; ".join(errors))
    return definition


def sync_shipped_plans() -> int:
    """Write the shipped plan files into ``StepPlan`` rows (run after every migrate)."""
    written = 0
    for path in sorted(SHIPPED.glob("*.toml")):
        definition = read_plan(path)
        plan, created = StepPlan.objects.get_or_create(
            key=definition["key"], defaults={"definition": definition, "shipped": True}
        )
        if not created and plan.definition != definition:
            plan.definition, plan.shipped = definition, True
            plan.save(update_fields=["definition", "shipped", "modified"])
        written += 1
    return written


def plan_for_kind(kind: str) -> StepPlan | None:
    """The plan an approach of ``kind`` follows by default."""
    for plan in StepPlan.objects.all():
        if kind in plan.definition.get("kinds", []):
            return plan
    return None


def steps_from(approach: Approach, plan: StepPlan, plan_order: int):
    """Unsaved copies of the plan's steps for ``approach``, with their checklists."""
    from overvalregie.approach.models import ChecklistItem

    definition = plan.definition
    for order, step in enumerate(definition["steps"], start=1):
        copy = ApproachStep(
            approach=approach,
            plan_key=plan.key,
            plan_name=definition["name"],
            plan_order=plan_order,
            order=order,
            key=step["key"],
            title=step["title"],
            description=step.get("description", {}),
            requires_previous=step.get("requires_previous", True),
            artefacts=[
                {"minimum": 1, "required": True, **artefact}
                for artefact in step.get("artefacts", [])
            ],
        )
        items = [
            ChecklistItem(
                order=index,
                key=item["key"],
                label=item["label"],
                required=item.get("required", True),
            )
            for index, item in enumerate(step.get("checklist", []), start=1)
        ]
        yield copy, items


# --- where an approach stands -------------------------------------------------------------------


@dataclass
class Facts:
    """What an approach holds, counted once for all its artefacts."""

    members: Counter = field(default_factory=Counter)
    organisations: int = 0
    prosecutor: bool = False
    budget: bool = False
    commitments: int = 0
    analysis_final: bool = False
    decision: bool = False
    goals: int = 0
    actions: int = 0
    meetings: Counter = field(default_factory=Counter)
    communication: int = 0
    measures: int = 0

    @classmethod
    def of(cls, approach: Approach) -> Facts:
        from overvalregie.safety_analysis.models import AnalysisState

        members = list(
            approach.members.values_list("role", "organisation_id", "organisation__kind")
        )
        decision = approach.decision
        return cls(
            members=Counter(role for role, _, _ in members),
            organisations=len({organisation for _, organisation, _ in members}),
            prosecutor=any(kind == OrganisationKind.PROSECUTION for _, _, kind in members),
            budget=bool(approach.budget),
            commitments=approach.commitments.count(),
            analysis_final=decision is not None and decision.analysis.state == AnalysisState.FINAL,
            decision=decision is not None,
            goals=approach.goals.count(),
            actions=approach.actions.count(),
            # Meetings held: one planned for next week does not count yet.
            meetings=Counter(
                dict(
                    approach.meetings.filter(date__lte=timezone.localdate())
                    .values_list("kind")
                    .annotate(n=Count("pk"))
                    .values_list("kind", "n")
                )
            ),
            communication=approach.communications.count(),
            measures=approach.deployments.count(),
        )

    def count(self, artefact: dict, step: ApproachStep) -> int:
        """How much of ``artefact`` the approach has (compared with its ``minimum``)."""
        kind = artefact["kind"]
        if kind == "note":
            return int(bool((step.notes.get(artefact["key"]) or "").strip()))
        if kind == "meetings":
            return self.meetings[artefact["meeting_kind"]]
        if kind == "project_leader":
            return self.members[MemberRole.LEADER]
        if kind == "project_group":
            return self.members[MemberRole.LEADER] + self.members[MemberRole.MEMBER]
        if kind == "partners":
            return self.organisations
        if kind == "safety_analysis":
            return int(self.analysis_final)
        return int(getattr(self, kind))


DONE, READY, STARTED, OPEN, WAITING = "done", "ready", "started", "open", "waiting"
STATE_LABELS = {
    DONE: pgettext_lazy("step state", "Completed"),
    READY: _("Ready to complete"),
    STARTED: _("Under way"),
    OPEN: _("Not started"),
    WAITING: _("Waits for the previous step"),
}


@dataclass
class ArtefactState:
    label: str
    kind: str
    key: str
    have: int
    minimum: int
    required: bool

    @property
    def met(self) -> bool:
        return self.have >= self.minimum


@dataclass
class StepState:
    step: ApproachStep
    state: str
    items: list
    artefacts: list[ArtefactState]
    #: What the step still needs before it can be completed, as readable lines.
    missing: list[str]

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def notes(self) -> list[ArtefactState]:
        return [a for a in self.artefacts if a.kind == "note"]


@dataclass
class PlanState:
    key: str
    name: str
    steps: list[StepState]

    @property
    def current(self) -> StepState | None:
        """The first step not completed yet."""
        return next((s for s in self.steps if s.state != DONE), None)

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps if s.state == DONE)


def standing(approach: Approach) -> list[PlanState]:
    """Every plan the approach follows, with each step's state and what it still misses."""
    facts = Facts.of(approach)
    steps = list(approach.steps.prefetch_related("checklist"))
    plans: dict[str, PlanState] = {}
    previous_done: dict[str, bool] = {}
    for step in steps:
        plan = plans.setdefault(
            step.plan_key, PlanState(step.plan_key, step.plan_name_text, steps=[])
        )
        items = list(step.checklist.all())
        artefacts = [
            ArtefactState(
                label=localised(artefact["label"]),
                kind=artefact["kind"],
                key=artefact.get("key", ""),
                have=facts.count(artefact, step),
                minimum=artefact.get("minimum", 1),
                required=artefact.get("required", True),
            )
            for artefact in step.artefacts
        ]
        missing = [str(item.label_text) for item in items if item.required and not item.done]
        missing += [
            f"{a.label} ({a.have}/{a.minimum})" if a.minimum > 1 else a.label
            for a in artefacts
            if a.required and not a.met
        ]
        waiting = step.requires_previous and not previous_done.get(step.plan_key, True)
        if step.completed:
            state = DONE
        elif waiting:
            state = WAITING
        elif not missing:
            state = READY
        elif any(item.done for item in items) or any(a.met for a in artefacts):
            state = STARTED
        else:
            state = OPEN
        previous_done[step.plan_key] = state == DONE
        plan.steps.append(StepState(step, state, items, artefacts, missing))
    return list(plans.values())


# --- where many approaches stand, for lists ------------------------------------------------------


@dataclass
class PlanSummary:
    """Where an approach stands in one plan, counted from its step rows alone."""

    name: str
    total: int
    done: int
    #: The number and title of the first step not completed (None: all completed).
    number: int | None
    title: str


def summarised(approaches) -> list[Approach]:
    """The approaches, each with ``summaries``: one ``PlanSummary`` per plan it follows
    (two queries in all, however many approaches)."""
    step_rows = ApproachStep.objects.only(
        "id", "approach_id", "plan_key", "plan_name", "plan_order", "order", "title", "completed"
    ).order_by("plan_order", "order")
    result = list(
        approaches.select_related("municipality", "police_unit").prefetch_related(
            Prefetch("steps", queryset=step_rows)
        )
    )
    for approach in result:
        plans: dict[str, list[ApproachStep]] = {}
        for step in approach.steps.all():
            plans.setdefault(step.plan_key, []).append(step)
        approach.summaries = []
        for plan_steps in plans.values():
            current = next(
                ((n, s) for n, s in enumerate(plan_steps, start=1) if s.completed is None), None
            )
            approach.summaries.append(
                PlanSummary(
                    name=plan_steps[0].plan_name_text,
                    total=len(plan_steps),
                    done=sum(1 for s in plan_steps if s.completed),
                    number=current[0] if current else None,
                    title=current[1].title_text if current else "",
                )
            )
    return result
