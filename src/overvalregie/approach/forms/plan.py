"""Forms of the plan of approach and its meetings: goals, actions, meetings (with attendance
and answers to open requests), requests for a decision, and the communication log."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overvalregie.approach import metrics
from overvalregie.approach.forms.project import area_organisations
from overvalregie.approach.models import (
    ActionItem,
    ActionStatus,
    Approach,
    Audience,
    CommunicationEntry,
    DecisionRequest,
    Goal,
    Meeting,
    MetricArea,
    MetricKind,
    Presence,
)
from overvalregie.incidents.choices import TargetType
from overvalregie.incidents.forms import SELECT, TEXTBOX, DateInput

TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}
RADIO = {"class": "utrecht-radio-button utrecht-radio-button--html-input"}
NUMBER = {**TEXTBOX, "inputmode": "decimal"}


#: The register's first day a goal's baseline can be counted from, and how far ahead a
#: deadline can lie.
EARLIEST = dt.date(2000, 1, 1)
LATEST_YEARS = 20


class GoalForm(forms.ModelForm):
    """A SMART goal. Its values are never typed: only what is counted, and the target."""

    target_types = forms.MultipleChoiceField(
        label=_("Targets"),
        help_text=_("Which targets count; none chosen: all."),
        choices=TargetType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )

    class Meta:
        model = Goal
        fields = [
            "title",
            "rationale",
            "metric",
            "period",
            "area",
            "district",
            "target_types",
            "include_attempts",
            "baseline_start",
            "target",
            "deadline",
            "owner",
        ]
        widgets = {
            "title": forms.TextInput(attrs=TEXTBOX),
            "rationale": forms.Textarea(attrs=TEXTAREA),
            "metric": forms.Select(attrs=SELECT),
            "period": forms.Select(attrs=SELECT),
            "area": forms.Select(attrs=SELECT),
            "district": forms.Select(attrs=SELECT),
            "include_attempts": forms.CheckboxInput(attrs=CHECKBOX),
            "baseline_start": DateInput(),
            "target": forms.NumberInput(attrs={**NUMBER, "min": 0, "step": "any"}),
            "deadline": DateInput(),
            "owner": forms.Select(attrs=SELECT),
        }
        help_texts = {
            "baseline_start": _(
                "Any day in the baseline period: the goal counts from the first day of its "
                "quarter, half year or year."
            ),
            "target": _("The value to reach by the deadline: a number, or a percentage."),
            "district": _("Only when the goal covers one district."),
        }

    def __init__(self, *args, approach: Approach, **kwargs):
        super().__init__(*args, **kwargs)
        self.approach = approach
        self.fields["district"].queryset = approach.municipality.districts.order_by("name")
        self.fields["owner"].queryset = area_organisations(approach)
        self.fields["target"].validators.append(MinValueValidator(0))

    def clean(self):
        cleaned = super().clean()
        area, district = cleaned.get("area"), cleaned.get("district")
        if area == MetricArea.DISTRICT and district is None and "district" not in self.errors:
            self.add_error("district", _("Choose the district the goal covers."))
        if area and area != MetricArea.DISTRICT and district is not None:
            self.add_error("district", _("Choose a district only when the goal covers one."))
        if (
            area == MetricArea.POLICE_UNIT
            and not self.approach.municipality.police_unit_id
            and "area" not in self.errors
        ):
            self.add_error("area", _("This municipality belongs to no police unit."))
        target, metric = cleaned.get("target"), cleaned.get("metric")
        if target is not None and metric == MetricKind.SOLVED and target > 100:
            self.add_error("target", _("A percentage cannot be more than 100."))
        period, baseline = cleaned.get("period"), cleaned.get("baseline_start")
        today = timezone.localdate()
        if baseline and not (EARLIEST <= baseline <= today):
            self.add_error(
                "baseline_start",
                _("The baseline period lies between %(earliest)s and today.")
                % {"earliest": EARLIEST.isoformat()},
            )
            baseline = None
        deadline = cleaned.get("deadline")
        if deadline and deadline > today.replace(year=today.year + LATEST_YEARS, day=1):
            self.add_error(
                "deadline",
                _("A deadline lies at most %(years)d years ahead.") % {"years": LATEST_YEARS},
            )
        if period and baseline:
            # A goal is counted over whole periods: snap the day to its period's first day.
            baseline = metrics.period_start(baseline, period)
            cleaned["baseline_start"] = baseline
            deadline = cleaned.get("deadline")
            if metrics.next_start(baseline, period) > today:
                self.add_error(
                    "baseline_start",
                    _("The baseline period %(period)s has not ended yet: choose one that has.")
                    % {"period": metrics.period_label(baseline, period)},
                )
            elif deadline and deadline < metrics.next_start(baseline, period):
                self.add_error(
                    "deadline",
                    _("The deadline must lie after the baseline period (%(period)s).")
                    % {"period": metrics.period_label(baseline, period)},
                )
        return cleaned


class ActionForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = [
            "title",
            "description",
            "owner_organisation",
            "owner",
            "deadline",
            "status",
            "goal",
            "meeting",
        ]
        widgets = {
            "title": forms.TextInput(attrs=TEXTBOX),
            "description": forms.Textarea(attrs=TEXTAREA),
            "owner_organisation": forms.Select(attrs=SELECT),
            "owner": forms.Select(attrs=SELECT),
            "deadline": DateInput(),
            "status": forms.Select(attrs=SELECT),
            "goal": forms.Select(attrs=SELECT),
            "meeting": forms.Select(attrs=SELECT),
        }
        help_texts = {
            "owner": _(
                "A person in the project structure; the reminder of an overdue action "
                "goes to them (or else to the project leader)."
            ),  # fmt: skip
        }

    def __init__(self, *args, approach: Approach, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = area_organisations(approach)
        self.fields["owner"].queryset = approach.members.select_related("organisation")
        self.fields["goal"].queryset = approach.goals.all()
        self.fields["meeting"].queryset = approach.meetings.all()

    def clean(self):
        cleaned = super().clean()
        owner, organisation = cleaned.get("owner"), cleaned.get("owner_organisation")
        both = owner is not None and organisation is not None
        if both and owner.organisation_id != organisation.pk:
            self.add_error(
                "owner",
                _("%(name)s works for %(organisation)s: choose that organisation or "
                  "another owner.") % {"name": owner.name, "organisation": owner.organisation},
            )  # fmt: skip
        return cleaned


class ActionStatusForm(forms.Form):
    """The coordinator's inline status change in the actions table."""

    status = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.Select(attrs=SELECT))
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class ActionFilterForm(forms.Form):
    """Bound to ``request.GET``; the organisations are those owning an action of the plan."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ActionStatus.choices],
        widget=forms.Select(attrs=SELECT),
    )
    organisation = forms.ChoiceField(
        label=_("Owner organisation"), required=False, widget=forms.Select(attrs=SELECT)
    )
    overdue = forms.BooleanField(
        label=_("Only overdue actions"), required=False, widget=forms.CheckboxInput(attrs=CHECKBOX)
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("Every organisation")),
            *((str(o.pk), o.name) for o in organisations),
        ]


class MeetingForm(forms.ModelForm):
    """A meeting, with who attended and answers to the open requests for a decision.

    Attendance is a radio group per project member (``attendance_<id>``; blank: not
    invited); an answer is a text per open request (``answer_<id>``).
    """

    class Meta:
        model = Meeting
        fields = ["kind", "date", "agenda", "minutes", "decisions_taken", "decisions"]
        widgets = {
            "kind": forms.Select(attrs=SELECT),
            "date": DateInput(),
            "agenda": forms.Textarea(attrs=TEXTAREA),
            "minutes": forms.Textarea(attrs={**TEXTAREA, "rows": 8}),
            "decisions_taken": forms.Textarea(attrs=TEXTAREA),
            "decisions": forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        }
        help_texts = {
            "decisions": _("The recorded decisions this meeting took or discussed."),
        }

    def __init__(self, *args, approach: Approach, user, members, requests, **kwargs):
        super().__init__(*args, **kwargs)
        from overvalregie.safety_analysis.models import Decision

        self.fields["decisions"].queryset = (
            Decision.objects.visible_to(user)
            .filter(analysis__municipality=approach.municipality)
            .order_by("-date", "-recorded")
        )
        self.members = list(members)
        self.requests = list(requests)
        present = {}
        if self.instance.pk:
            present = dict(self.instance.attendance.values_list("member_id", "presence"))
        for member in self.members:
            self.fields[f"attendance_{member.pk}"] = forms.ChoiceField(
                label=str(member),
                required=False,
                choices=[*Presence.choices, ("", _("Not invited"))],
                initial=present.get(member.pk, ""),
                widget=forms.RadioSelect(attrs=RADIO),
            )
        for request in self.requests:
            self.fields[f"answer_{request.pk}"] = forms.CharField(
                label=request.question,
                required=False,
                initial=request.answer,
                widget=forms.Textarea(attrs={**TEXTAREA, "rows": 2}),
            )

    def meeting_fields(self):
        return [self[name] for name in self.Meta.fields]

    def attendance_fields(self):
        return [(member, self[f"attendance_{member.pk}"]) for member in self.members]

    def answer_fields(self):
        return [(request, self[f"answer_{request.pk}"]) for request in self.requests]

    def attendance(self) -> dict:
        return {m: self.cleaned_data.get(f"attendance_{m.pk}", "") for m in self.members}

    def answers(self) -> dict:
        return {r: self.cleaned_data.get(f"answer_{r.pk}", "") for r in self.requests}


class DecisionRequestForm(forms.ModelForm):
    class Meta:
        model = DecisionRequest
        fields = ["question"]
        widgets = {"question": forms.Textarea(attrs={**TEXTAREA, "rows": 3})}
        help_texts = {
            "question": _("What the triangle is asked to decide; it goes into the progress report.")
        }


class CommunicationForm(forms.ModelForm):
    class Meta:
        model = CommunicationEntry
        fields = ["date", "audience", "channel", "subject", "summary", "organisation"]
        widgets = {
            "date": DateInput(),
            "audience": forms.Select(attrs=SELECT),
            "channel": forms.Select(attrs=SELECT),
            "subject": forms.TextInput(attrs=TEXTBOX),
            "summary": forms.Textarea(attrs=TEXTAREA),
            "organisation": forms.Select(attrs=SELECT),
        }

    def __init__(self, *args, approach: Approach, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = area_organisations(approach)


class AudienceFilterForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("Every audience")), *Audience.choices],
        widget=forms.Select(attrs=SELECT),
    )
