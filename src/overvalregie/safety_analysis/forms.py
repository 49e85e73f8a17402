"""Forms of the local safety analysis: a new run, a finding, priorities and the decision."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overvalregie.geography.models import District
from overvalregie.incidents.forms import SELECT, DateInput
from overvalregie.safety_analysis import scope as scopes
from overvalregie.safety_analysis.models import Decision, FieldFinding

TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last three whole calendar years."""
    return dt.date(today.year - 3, 1, 1), dt.date(today.year - 1, 12, 31)


class NewAnalysisForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, widget=forms.Select(attrs=SELECT), empty_label=None
    )
    level = forms.ChoiceField(
        label=_("The analysis covers"),
        choices=scopes.LEVELS,
        initial=scopes.MUNICIPALITY,
        widget=forms.Select(attrs=SELECT),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        help_text=_("Only when the analysis covers one district."),
        queryset=None,
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To (including)"), widget=DateInput())

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].label_from_instance = lambda municipality: municipality.name
        self.fields["district"].queryset = (
            District.objects.filter(municipality__in=municipalities)
            .select_related("municipality")
            .only("pk", "name", "municipality__name")
            .order_by("municipality__name", "name")
        )
        self.fields["district"].label_from_instance = lambda district: (
            f"{district.name} ({district.municipality.name})"
        )
        start, end = default_period(timezone.localdate())
        self.fields["start"].initial, self.fields["end"].initial = start, end

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date must not be before the start date."))
        if end and end > timezone.localdate():
            self.add_error("end", _("The period cannot end in the future."))
        municipality, level = cleaned.get("municipality"), cleaned.get("level")
        district = cleaned.get("district")
        if level == scopes.DISTRICT:
            if district is None:
                self.add_error("district", _("Choose the district the analysis covers."))
            elif municipality and district.municipality_id != municipality.pk:
                self.add_error("district", _("Choose a district of the chosen municipality."))
        if level == scopes.POLICE_UNIT and municipality and not municipality.police_unit_id:
            self.add_error("level", _("This municipality belongs to no police unit."))
        return cleaned


class FindingForm(forms.ModelForm):
    class Meta:
        model = FieldFinding
        fields = ["method", "finding"]
        widgets = {"method": forms.Select(attrs=SELECT), "finding": forms.Textarea(attrs=TEXTAREA)}


class PrioritiesForm(forms.Form):
    priorities = forms.CharField(
        label=_("Problems and target groups, in order of priority"),
        help_text=_("One per line, the most important first."),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "body",
            "date",
            "choice",
            "advice_police",
            "advice_prosecution",
            "advice_officials",
        ]
        widgets = {
            "body": forms.Select(attrs=SELECT),
            "date": DateInput(),
            "choice": forms.Select(attrs=SELECT),
            "advice_police": forms.Textarea(attrs=TEXTAREA),
            "advice_prosecution": forms.Textarea(attrs=TEXTAREA),
            "advice_officials": forms.Textarea(attrs=TEXTAREA),
        }

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Record a decision once it has been taken."))
        return date
