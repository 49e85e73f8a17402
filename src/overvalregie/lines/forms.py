"""The forms of the victim line: filtering the follow-ups, the screening of one, marking a
step done, and closing or reopening a follow-up."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overvalregie.incidents.forms import SELECT
from overvalregie.lines.models import FollowUpStatus, VictimFollowUp
from overvalregie.lines.services import referral_organisations
from overvalregie.organisations.models import Organisation

TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}

#: The longest outcome a step takes (the page asks for what was agreed, not a report).
OUTCOME_MAX_LENGTH = 2000
#: What the list shows without a filter.
DEFAULT_STATUS = FollowUpStatus.OPEN
ALL = "all"


class FollowUpFilterForm(forms.Form):
    """Bound to ``request.GET``: open, closed or all follow-ups, and only those overdue."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*FollowUpStatus.choices, (ALL, _("Open and closed"))],
        widget=forms.Select(attrs=SELECT),
    )
    overdue = forms.BooleanField(
        label=_("Only follow-ups with a step overdue"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )

    def clean_status(self) -> str:
        return self.cleaned_data.get("status") or DEFAULT_STATUS

    def is_default(self) -> bool:
        """Whether the list shows what it shows unfiltered (the open follow-ups)."""
        if not self.is_bound:
            return True
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("status") == DEFAULT_STATUS and not data.get("overdue")


class FollowUpForm(forms.ModelForm):
    """The screening of a follow-up and its notes; the coordinator also refers it.

    Only the coordinator gets ``referred_to``: a victim worker works on what was referred to
    their organisation but cannot hand the victim on.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = VictimFollowUp
        fields = ["existing_contact", "consent", "mayor_visit", "referred_to", "notes"]
        widgets = {
            "existing_contact": forms.Select(attrs=SELECT),
            "consent": forms.Select(attrs=SELECT),
            "mayor_visit": forms.Select(attrs=SELECT),
            "referred_to": forms.Select(attrs=SELECT),
            "notes": forms.Textarea(attrs=TEXTAREA),
        }
        help_texts = {
            "referred_to": _(
                "Victim support or the sector's first-line service working in the "
                "municipality. Its victim workers see this follow-up once it is referred."
            ),
        }

    def __init__(self, *args, may_refer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = self.instance.version
        if not may_refer:
            del self.fields["referred_to"]
            return
        organisations = referral_organisations(self.instance)
        if self.instance.referred_to_id:
            # Keep the organisation it went to, also if it no longer works there.
            organisations = organisations | Organisation.objects.filter(
                pk=self.instance.referred_to_id
            )
        self.fields["referred_to"].queryset = organisations
        self.fields["referred_to"].empty_label = _("Not referred (yet)")


class StepForm(forms.Form):
    """Mark a step done (with what came of it) or open it again. Posted by the small form
    beside each step, so its fields are named plainly; the page shows the errors as a
    message."""

    DONE, REOPEN = "done", "reopen"

    action = forms.ChoiceField(
        choices=[(DONE, _("Done")), (REOPEN, _("Reopen"))],
        error_messages={
            "required": _("The page sent no action: reload it and try again."),
            "invalid_choice": _("The page sent no action: reload it and try again."),
        },
    )
    outcome = forms.CharField(
        required=False,
        max_length=OUTCOME_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "The outcome is too long: keep it to %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )
    done = forms.DateField(
        required=False,
        error_messages={"invalid": _("Enter the day the step was done as a date.")},
    )

    def clean_done(self):
        day = self.cleaned_data.get("done")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("A step cannot be done on a day still to come."))
        return day


class StatusForm(forms.Form):
    """Close a follow-up, or reopen a closed one."""

    status = forms.ChoiceField(
        choices=FollowUpStatus.choices,
        error_messages={
            "required": _("Choose whether the follow-up is open or closed."),
            "invalid_choice": _("Choose whether the follow-up is open or closed."),
        },
    )
