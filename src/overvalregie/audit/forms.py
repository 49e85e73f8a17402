"""The privacy officer's search form over the audit log."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overvalregie.audit.models import AuditAction
from overvalregie.organisations.roles import Role

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(attrs=TEXTBOX, format="%Y-%m-%d")


class AuditSearchForm(forms.Form):
    actor = forms.CharField(
        label=_("User name"),
        required=False,
        max_length=150,
        help_text=_("Part of the user name; “system” for actions of the system itself."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=200,
        help_text=_("Part of the organisation's name."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("Any role")), *Role.choices],
        widget=forms.Select(attrs=SELECT),
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *AuditAction.choices],
        widget=forms.Select(attrs=SELECT),
    )
    object_type = forms.CharField(
        label=_("Object type"),
        required=False,
        max_length=100,
        help_text=_("Exactly, for example “organisations.user” or “audit.log”."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    object_id = forms.CharField(
        label=_("Object id"),
        required=False,
        max_length=64,
        help_text=_("Exactly, as shown in an entry."),
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    purpose = forms.CharField(
        label=_("Purpose contains"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    date_from = forms.DateField(label=_("From date"), required=False, widget=DateInput())
    date_to = forms.DateField(
        label=_("To date"),
        required=False,
        help_text=_("Including this day."),
        widget=DateInput(),
    )

    #: field -> ORM lookup for the text and choice filters
    LOOKUPS = {
        "actor": "actor__icontains",
        "organisation": "organisation__icontains",
        "role": "role",
        "action": "action",
        "object_type": "object_type",
        "object_id": "object_id",
        "purpose": "purpose__icontains",
    }

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def used_filters(self) -> list[str]:
        """The names (never the values) of the filters filled in."""
        return sorted(name for name, value in self.cleaned_data.items() if value)

    def filter(self, queryset):
        """``queryset`` narrowed by the filled-in fields; call after ``is_valid()``."""
        data = self.cleaned_data
        for name, lookup in self.LOOKUPS.items():
            if data.get(name):
                queryset = queryset.filter(**{lookup: data[name]})
        # Whole days in the site's time zone, as half-open ranges (the index stays usable).
        if data.get("date_from"):
            queryset = queryset.filter(timestamp__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            next_day = data["date_to"] + datetime.timedelta(days=1)
            queryset = queryset.filter(timestamp__lt=_start_of(next_day))
        return queryset


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
