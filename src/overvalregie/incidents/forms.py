"""The filter form of the robbery register (list, map, exports and the partners' counts)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from overvalregie.geography.models import District, Neighbourhood
from overvalregie.incidents.choices import IncidentKind, TargetType
from overvalregie.organisations.querysets import scope_municipalities

TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}

YES_NO = [("", _("Any")), ("yes", _("Yes")), ("no", _("No"))]

#: ``sort`` value -> ORDER BY; anything else is a form error (never raw input into order_by).
SORTS = {
    "-date": ("-date", F("time").desc(nulls_last=True), "pk"),
    "date": ("date", F("time").asc(nulls_first=True), "pk"),
    "target": ("target_type", "shop_branch", "-date", "pk"),
    "-target": ("-target_type", "-shop_branch", "-date", "pk"),
    "area": ("neighbourhood__name", "-date", "pk"),
    "-area": ("-neighbourhood__name", "-date", "pk"),
}
SORT_CHOICES = [
    ("-date", _("Date, newest first")),
    ("date", _("Date, oldest first")),
    ("target", _("Target type (A–Z)")),
    ("-target", _("Target type (Z–A)")),
    ("area", _("Neighbourhood (A–Z)")),
    ("-area", _("Neighbourhood (Z–A)")),
]

#: Area choice prefixes: a value is ``"<prefix>:<primary key>"`` of an area in the user's scope.
AREA_LOOKUPS = {"m": "municipality_id", "d": "district_id", "n": "neighbourhood_id"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(attrs=TEXTBOX, format="%Y-%m-%d")


class RobberyFilterForm(forms.Form):
    """Bound to ``request.GET``; every field is optional and validated against a whitelist."""

    date_from = forms.DateField(label=_("From date"), required=False, widget=DateInput())
    date_to = forms.DateField(
        label=_("To date"), required=False, help_text=_("Including this day."), widget=DateInput()
    )
    target_type = forms.ChoiceField(
        label=_("Target type"),
        required=False,
        choices=[("", _("All target types")), *TargetType.choices],
        widget=forms.Select(attrs=SELECT),
    )
    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        help_text=_("A municipality, district or neighbourhood in your area."),
        widget=forms.Select(attrs=SELECT),
    )
    outcome = forms.ChoiceField(
        label=_("Attempt or completed"),
        required=False,
        choices=[("", _("Both")), ("attempt", _("Attempts")), ("completed", _("Completed"))],
        widget=forms.Select(attrs=SELECT),
    )
    suspect_arrested = forms.ChoiceField(
        label=_("Suspect arrested"),
        required=False,
        choices=YES_NO,
        widget=forms.Select(attrs=SELECT),
    )
    solved = forms.ChoiceField(
        label=_("Solved"), required=False, choices=YES_NO, widget=forms.Select(attrs=SELECT)
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=IncidentKind.choices,
        help_text=_("Street robberies are never counted as robberies (overvallen)."),
        widget=forms.Select(attrs=SELECT),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=SORT_CHOICES, widget=forms.Select(attrs=SELECT)
    )

    #: Fields that narrow the rows (``sort`` only orders them).
    FILTERS = (
        "date_from",
        "date_to",
        "target_type",
        "area",
        "outcome",
        "suspect_arrested",
        "solved",
        "kind",
    )

    def __init__(self, data, user, *, areas: bool = True, **kwargs):
        super().__init__(data, **kwargs)
        self.user = user
        if areas:
            self.fields["area"].choices = area_choices(user)
        else:
            del self.fields["area"]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date must not be before the start date."))
        cleaned["kind"] = cleaned.get("kind") or IncidentKind.ROBBERY
        cleaned["sort"] = cleaned.get("sort") or "-date"
        return cleaned

    def used_filters(self) -> list[str]:
        """The names (never the values) of the filters filled in, for the audit log."""
        data = self.cleaned_data
        return sorted(
            name
            for name in self.FILTERS
            if data.get(name) and not (name == "kind" and data[name] == IncidentKind.ROBBERY)
        )

    def filter(self, queryset):
        """``queryset`` narrowed by the filled-in fields; call after ``is_valid()``."""
        data = self.cleaned_data
        queryset = queryset.filter(kind=data["kind"])
        if data.get("date_from"):
            queryset = queryset.filter(date__gte=data["date_from"])
        if data.get("date_to"):
            queryset = queryset.filter(date__lte=data["date_to"])
        if data.get("target_type"):
            queryset = queryset.filter(target_type=data["target_type"])
        if data.get("area"):
            prefix, pk = data["area"].split(":", 1)
            queryset = queryset.filter(**{AREA_LOOKUPS[prefix]: int(pk)})
        if data.get("outcome"):
            queryset = queryset.filter(attempt=data["outcome"] == "attempt")
        for name in ("suspect_arrested", "solved"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name] == "yes"})
        return queryset

    def ordering(self) -> tuple:
        return SORTS[self.cleaned_data["sort"]]


def area_choices(user) -> list:
    """Every municipality, district and neighbourhood of the user's scope (three queries)."""
    municipalities = scope_municipalities(user).only("pk", "name").order_by("name")
    districts = (
        District.objects.filter(municipality__in=scope_municipalities(user))
        .only("pk", "name", "code")
        .order_by("name", "code")
    )
    neighbourhoods = (
        Neighbourhood.objects.filter(municipality__in=scope_municipalities(user))
        .only("pk", "name", "code")
        .order_by("name", "code")
    )
    return [
        ("", _("Your whole area")),
        (_("Municipalities"), [(f"m:{m.pk}", m.name) for m in municipalities]),
        (_("Districts"), [(f"d:{d.pk}", f"{d.name} ({d.code})") for d in districts]),
        (_("Neighbourhoods"), [(f"n:{n.pk}", f"{n.name} ({n.code})") for n in neighbourhoods]),
    ]


class ImportUploadForm(forms.Form):
    """The file to import; its rows are checked later, by the background worker."""

    EXTENSIONS = (".csv", ".txt", ".xlsx", ".geojson", ".json")

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma or semicolon separated), Excel (XLSX) or GeoJSON, one robbery per row, "
            "in the layout of the import format."
        ),
        error_messages={
            "required": _("Choose the file to import."),
            "empty": _("The file is empty. Choose the file with the robberies."),
        },
        widget=forms.FileInput(
            attrs={
                "class": "utrecht-textbox utrecht-textbox--html-input",
                "accept": ",".join(EXTENSIONS),
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith(self.EXTENSIONS):
            raise forms.ValidationError(
                _("Choose a CSV, XLSX or GeoJSON file (ending in .csv, .xlsx or .geojson).")
            )
        limit = settings.IMPORT_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB. Split it into smaller files.")
                % {"limit": limit}
            )
        return upload
