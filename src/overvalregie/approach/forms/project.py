"""Forms of the approach itself and its project structure: starting and editing an approach,
taking on another step plan, project members and partner commitments."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overvalregie.approach.models import (
    Approach,
    ApproachKind,
    Commitment,
    MemberRole,
    ProjectMember,
    StepPlan,
)
from overvalregie.incidents.forms import SELECT, TEXTBOX, DateInput
from overvalregie.organisations.models import Organisation

TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}


class NewApproachForm(forms.Form):
    """Start an approach. From a decision, the decision fixes municipality and kind; without
    one (a KVO trajectory, say) the coordinator chooses both."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, widget=forms.Select(attrs=SELECT), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("Kind of approach"), choices=ApproachKind.choices, widget=forms.Select(attrs=SELECT)
    )
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX))
    started = forms.DateField(label=_("Start"), widget=DateInput())
    ends = forms.DateField(label=_("Planned end"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    regional = forms.BooleanField(
        label=_("Regional approach"),
        help_text=_("The approach covers the whole police unit (region) of the municipality."),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )

    def __init__(self, *args, municipalities, decision=None, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        today = timezone.localdate()
        self.fields["started"].initial = today
        if decision is not None:
            # The decision says where and what: the form does not ask again.
            del self.fields["municipality"], self.fields["kind"]
            municipality = decision.analysis.municipality
            label = ApproachKind(kind).label
            self.fields["name"].initial = f"{label} {municipality.name} {today.year}"
        else:
            # Without a decision it is mostly a KVO trajectory.
            self.fields["kind"].initial = ApproachKind.KVO
            self.fields["municipality"].queryset = municipalities
            self.fields["municipality"].label_from_instance = lambda m: m.name

    def clean(self):
        cleaned = super().clean()
        started, ends = cleaned.get("started"), cleaned.get("ends")
        if started and ends and ends < started:
            self.add_error("ends", _("The planned end must not be before the start."))
        municipality = (
            self.decision.analysis.municipality
            if self.decision is not None
            else cleaned.get("municipality")
        )
        if cleaned.get("regional") and municipality is not None and not municipality.police_unit_id:
            self.add_error("regional", _("This municipality belongs to no police unit."))
        return cleaned


class ApproachForm(forms.ModelForm):
    """The approach's own data, with the version it was loaded with."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Approach
        fields = ["name", "started", "ends", "description", "budget"]
        widgets = {
            "name": forms.TextInput(attrs=TEXTBOX),
            "started": DateInput(),
            "ends": DateInput(),
            "description": forms.Textarea(attrs=TEXTAREA),
            "budget": forms.NumberInput(attrs={**TEXTBOX, "step": "0.01", "min": "0"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_budget(self):
        budget = self.cleaned_data.get("budget")
        if budget is not None and budget < 0:
            raise forms.ValidationError(_("A budget cannot be negative."))
        return budget

    def clean(self):
        cleaned = super().clean()
        started, ends = cleaned.get("started"), cleaned.get("ends")
        if started and ends and ends < started:
            self.add_error("ends", _("The planned end must not be before the start."))
        return cleaned


class AddPlanForm(forms.Form):
    """Another step plan for the approach: one of those it does not follow yet."""

    plan = forms.ChoiceField(label=_("Step plan"), widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, approach: Approach, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {
            plan.key: plan
            for plan in StepPlan.objects.exclude(key__in=approach.steps.values("plan_key"))
        }
        self.fields["plan"].choices = [(key, plan.name) for key, plan in self.plans.items()]

    def clean_plan(self) -> StepPlan:
        return self.plans[self.cleaned_data["plan"]]


def area_organisations(approach: Approach):
    """The organisations working in the approach's area (a regional one: the region's)."""
    return Organisation.objects.working_in(approach.municipality, approach.police_unit)


class _PartForm(forms.ModelForm):
    """A part of one approach, with the version it was loaded with; the organisations
    offered are those of its area."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, approach: Approach, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.initial["version"] = self.instance.version
        self.approach = approach
        organisations = area_organisations(approach)
        if self.instance.organisation_id:
            organisations = organisations | Organisation.objects.filter(
                pk=self.instance.organisation_id
            )
        self.organisations = organisations.distinct().order_by("name")
        self.fields["organisation"].queryset = self.organisations


class MemberForm(_PartForm):
    class Meta:
        model = ProjectMember
        fields = ["name", "organisation", "user", "role", "function", "mandate"]
        widgets = {
            "name": forms.TextInput(attrs=TEXTBOX),
            "organisation": forms.Select(attrs=SELECT),
            "user": forms.Select(attrs=SELECT),
            "role": forms.Select(attrs=SELECT),
            "function": forms.TextInput(attrs=TEXTBOX),
            "mandate": forms.Textarea(attrs=TEXTAREA),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__active=True,
                memberships__organisation__in=self.organisations,
            )
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == MemberRole.LEADER:
            leader = (
                ProjectMember.objects.filter(approach=self.approach, role=MemberRole.LEADER)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if leader is not None:
                self.add_error(
                    "role",
                    _(
                        "The approach already has a project leader: %(name)s. An approach has "
                        "one; give %(name)s another role first, or choose another role here."
                    )
                    % {"name": leader.name},
                )
        return cleaned


class CommitmentForm(_PartForm):
    class Meta:
        model = Commitment
        fields = ["organisation", "money", "people", "measures"]
        widgets = {
            "organisation": forms.Select(attrs=SELECT),
            "money": forms.NumberInput(attrs={**TEXTBOX, "step": "0.01", "min": "0"}),
            "people": forms.NumberInput(attrs={**TEXTBOX, "step": "0.1", "min": "0"}),
            "measures": forms.Textarea(attrs=TEXTAREA),
        }

    def clean(self):
        cleaned = super().clean()
        for name in ("money", "people"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, _("This cannot be negative."))
        organisation = cleaned.get("organisation")
        if (
            organisation is not None
            and Commitment.objects.filter(approach=self.approach, organisation=organisation)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "organisation",
                _("%(partner)s has already committed to this approach: change that commitment.")
                % {"partner": organisation.name},
            )
        if (
            not self.errors
            and cleaned.get("money") is None
            and cleaned.get("people") is None
            and not (cleaned.get("measures") or "").strip()
        ):
            raise forms.ValidationError(_("Fill in money, people or measures: what is committed."))
        return cleaned
