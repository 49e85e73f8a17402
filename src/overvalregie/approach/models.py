"""The approach (*aanpak*) and everything the coordinator runs it with.

An approach belongs to a municipality (the one that has the *regie*); a regional approach also
names the police unit it covers. It follows one or more step plans: each plan's steps are
copied from its template (``StepPlan``, data, not code) when the approach takes it on, so a
later change to a template never rewrites a running approach. Around the steps: the project
structure (members, commitments, budget), the plan of approach (SMART goals whose values come
from the register, and actions), meetings with attendance, requests for a decision, and the
communication log.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from overvalregie.approach.querysets import ApproachPartQuerySet, ApproachQuerySet
from overvalregie.geography.models import District, Municipality, PoliceUnit
from overvalregie.incidents.choices import TargetType
from overvalregie.organisations.models import Organisation
from overvalregie.texts import localised


class ApproachKind(models.TextChoices):
    SPECIFIC = "specific", _("Specific robbery approach")
    DARK_DAYS = "dark_days", _("Dark days offensive")
    HIGH_IMPACT = "high_impact", _("High-impact-crime approach")
    KVO = "kvo", _("Safe Business Quality Mark (KVO) trajectory")


class ApproachStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("approach status", "Under way")
    COMPLETED = "completed", pgettext_lazy("approach status", "Completed")
    STOPPED = "stopped", _("Stopped")


class StepPlan(models.Model):
    """A step-plan template. Shipped plans are read from ``approach/step_plans/*.toml``."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    #: ``{"name": {lang: text}, "description": {...}, "steps": [...]}``, as the TOML file
    #: gives it; ``step_plans.validate`` checks it.
    definition = models.JSONField(_("definition"))
    shipped = models.BooleanField(_("shipped with Overvalregie"), default=False)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("step plan")
        verbose_name_plural = _("step plans")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self.definition.get("name", self.key))

    @property
    def description(self) -> str:
        return localised(self.definition.get("description", ""))


class Approach(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        help_text=_("The municipality that coordinates the approach."),
        on_delete=models.PROTECT,
        related_name="approaches",
    )
    police_unit = models.ForeignKey(
        PoliceUnit,
        verbose_name=_("region"),
        help_text=_("For a regional approach: the police unit it covers."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approaches",
    )
    decision = models.OneToOneField(
        "safety_analysis.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approach",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ApproachKind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=ApproachStatus.choices, default=ApproachStatus.ACTIVE
    )
    started = models.DateField(_("start"))
    ends = models.DateField(_("planned end"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    budget = models.DecimalField(
        _("budget (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    #: Raised by every save through the services: a stale form gets a conflict, not an overwrite.
    version = models.PositiveIntegerField(default=1)

    objects = ApproachQuerySet.as_manager()

    class Meta:
        ordering = ["-started", "name"]
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == ApproachStatus.ACTIVE


class ApproachPart(models.Model):
    """Everything that belongs to one approach: visible exactly when the approach is."""

    objects = ApproachPartQuerySet.as_manager()

    class Meta:
        abstract = True


class ApproachStep(ApproachPart):
    """One step of a step plan as this approach follows it (copied from the template)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="steps")
    plan_key = models.SlugField(max_length=64)
    plan_name = models.JSONField()
    plan_order = models.PositiveSmallIntegerField(default=0)
    order = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=64)
    title = models.JSONField()
    description = models.JSONField(default=dict)
    #: Completion rule: the step can only be completed after the plan's previous step.
    requires_previous = models.BooleanField(default=True)
    #: ``[{"kind", "label", "minimum", "required"}]``: what the step must produce; see
    #: ``steps.ARTEFACTS`` for the kinds.
    artefacts = models.JSONField(default=list)
    #: Texts a ``note`` artefact asks for, by the artefact's key.
    notes = models.JSONField(default=dict, blank=True)
    completed = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["approach", "plan_order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["approach", "plan_key", "key"], name="unique_approach_step"
            )
        ]

    def __str__(self) -> str:
        return self.title_text

    @property
    def title_text(self) -> str:
        return localised(self.title)

    @property
    def description_text(self) -> str:
        return localised(self.description)

    @property
    def plan_name_text(self) -> str:
        return localised(self.plan_name)


class ChecklistItem(models.Model):
    step = models.ForeignKey(ApproachStep, on_delete=models.CASCADE, related_name="checklist")
    order = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=64)
    label = models.JSONField()
    required = models.BooleanField(default=True)
    done = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["step", "order"]

    def __str__(self) -> str:
        return self.label_text

    @property
    def label_text(self) -> str:
        return localised(self.label)


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Project leader")
    MEMBER = "member", _("Project group member")
    SECRETARY = "secretary", _("Secretary")
    TRIANGLE = "triangle", _("Triangle member")
    ADVISER = "adviser", _("Adviser")


class ProjectMember(ApproachPart):
    """Someone in the approach's project structure (not necessarily a user of Overvalregie)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        help_text=_("Their Overvalregie account, if they have one (for reminders)."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices)
    function = models.CharField(_("function"), max_length=200, blank=True)
    mandate = models.TextField(
        _("mandate"), blank=True, help_text=_("What this person may decide or commit to.")
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["approach", "role", "name"]
        verbose_name = _("project member")
        verbose_name_plural = _("project members")
        constraints = [
            models.UniqueConstraint(
                fields=["approach"],
                condition=models.Q(role="leader"),
                name="one_project_leader",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Commitment(ApproachPart):
    """What one partner puts into the approach: money, people, measures."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="commitments")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="+"
    )
    money = models.DecimalField(
        _("money (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    people = models.DecimalField(
        _("people (FTE)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    measures = models.TextField(_("measures"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["approach", "organisation__name"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["approach", "organisation"], name="one_commitment_per_partner"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class MetricKind(models.TextChoices):
    COUNT = "count", _("Number of robberies")
    SOLVED = "solved_percent", _("Share of robberies solved (%)")
    REPEAT = "repeat_targets", _("Businesses robbed more than once")


class MetricPeriod(models.TextChoices):
    QUARTER = "quarter", _("per quarter")
    HALF_YEAR = "half_year", _("per half year")
    YEAR = "year", _("per year")


class MetricArea(models.TextChoices):
    MUNICIPALITY = "municipality", _("The whole municipality")
    DISTRICT = "district", _("One district")
    POLICE_UNIT = "police_unit", _("The police unit (the region)")


class Goal(ApproachPart):
    """A SMART goal: a metric over the register, a baseline period, a target and a deadline.

    Baseline and current values are always computed from the register (``metrics.py``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    rationale = models.TextField(_("why this goal"), blank=True)
    metric = models.CharField(
        _("measured as"), max_length=16, choices=MetricKind.choices, default=MetricKind.COUNT
    )
    period = models.CharField(
        _("counted"), max_length=16, choices=MetricPeriod.choices, default=MetricPeriod.HALF_YEAR
    )
    area = models.CharField(
        _("area"), max_length=16, choices=MetricArea.choices, default=MetricArea.MUNICIPALITY
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_types = models.JSONField(
        _("targets"),
        default=list,
        blank=True,
        help_text=_("Which targets count; none chosen: all."),
    )
    include_attempts = models.BooleanField(_("attempts count too"), default=True)
    baseline_start = models.DateField(
        _("baseline period"), help_text=_("The period the baseline is counted over.")
    )
    target = models.FloatField(_("target value"))
    deadline = models.DateField(_("deadline"))
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["approach", "deadline", "created"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title

    def target_type_labels(self) -> list[str]:
        labels = dict(TargetType.choices)
        return [str(labels.get(value, value)) for value in self.target_types]


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class MeetingKind(models.TextChoices):
    TRIANGLE = "triangle", _("Triangle meeting")
    PROJECT_GROUP = "project_group", _("Project group meeting")
    CASE_CONFERENCE = "case_conference", _("Case conference")


class Meeting(ApproachPart):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    date = models.DateField(_("date"))
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions_taken = models.TextField(_("decisions taken"), blank=True)
    decisions = models.ManyToManyField(
        "safety_analysis.Decision",
        verbose_name=_("decision records"),
        blank=True,
        related_name="meetings",
    )
    created = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["approach", "-date", "-created"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(ProjectMember, on_delete=models.CASCADE, related_name="attendance")
    presence = models.CharField(_("presence"), max_length=8, choices=Presence.choices)

    class Meta:
        ordering = ["meeting", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member.name}: {self.get_presence_display()}"


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action status", "Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


CLOSED_ACTION_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)


class ActionItem(ApproachPart):
    """An action (*actiepunt*) with an owner and a deadline; overdue ones are flagged."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(pgettext_lazy("plan of approach", "action"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner = models.ForeignKey(
        ProjectMember,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("contributes to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("arising from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    completed = models.DateField(_("completed on"), null=True, blank=True)
    reminded = models.DateTimeField(_("last reminder"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["approach", "deadline", "created"]
        verbose_name = pgettext_lazy("plan of approach", "action")
        verbose_name_plural = pgettext_lazy("plan of approach", "actions")
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status not in CLOSED_ACTION_STATUSES and self.deadline < today


class DecisionRequest(ApproachPart):
    """A question the coordinator puts to the triangle; open ones go into the progress report."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    approach = models.ForeignKey(
        Approach, on_delete=models.CASCADE, related_name="decision_requests"
    )
    question = models.TextField(_("question"))
    raised = models.DateField(_("raised on"), default=timezone.localdate)
    answered_in = models.ForeignKey(
        Meeting,
        verbose_name=_("answered in"),
        # An answer is a record: the meeting that gave it is not deleted from under it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answered_requests",
    )
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["approach", "raised", "pk"]
        verbose_name = _("decision requested")
        verbose_name_plural = _("decisions requested")

    def __str__(self) -> str:
        return self.question[:80]

    @property
    def is_open(self) -> bool:
        return self.answered_in_id is None


class Audience(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    PARTNERS = "partners", _("Partners")
    PUBLIC = "public", _("Citizens and entrepreneurs")
    PRESS = "press", _("Press")


class Channel(models.TextChoices):
    MEETING = "meeting", pgettext_lazy("communication channel", "Meeting")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    NEWSLETTER = "newsletter", _("Newsletter")
    WEBSITE = "website", _("Website")
    SOCIAL = "social", _("Social media")
    PRESS_RELEASE = "press_release", _("Press release")
    OTHER = "other", _("Other")


class CommunicationEntry(ApproachPart):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    approach = models.ForeignKey(Approach, on_delete=models.CASCADE, related_name="communications")
    date = models.DateField(_("date"))
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["approach", "-date", "-created"]
        verbose_name = _("communication")
        verbose_name_plural = _("communication log")

    def __str__(self) -> str:
        return self.subject
