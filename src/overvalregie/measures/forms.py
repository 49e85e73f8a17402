"""The forms of the catalogue and of deployments.

The system administrator keeps the catalogue with :class:`MeasureForm`. A measure keeps its
texts as ``{"nl": ..., "en": ...}``; the form shows one box per language
(Dutch required, English optional) and maps them to and from those fields. The facets come
from :data:`overvalregie.measures.facets.FACETS`, so form, search and catalogue file agree on
them. The coordinator deploys a measure with :class:`DeploymentForm`.
"""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from overvalregie.geography.models import District, FocusArea, Neighbourhood
from overvalregie.incidents.forms import SELECT, TEXTBOX, DateInput
from overvalregie.incidents.models import Business
from overvalregie.measures.catalogue import KEY
from overvalregie.measures.facets import FACETS
from overvalregie.measures.models import Deployment, Measure
from overvalregie.organisations.models import Organisation
from overvalregie.texts import LANGUAGES

TEXTAREA = {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
CHECKBOX = {"class": "utrecht-checkbox utrecht-checkbox--html-input"}

#: The measure's texts; each has a box per language, ``<name>_nl`` and ``<name>_en``.
TEXTS = ("name", "summary", "description", "steps")


class StepsField(forms.CharField):
    """Practical steps in a text box, one step per line; cleaned to a list of steps."""

    widget = forms.Textarea

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]


class MeasureForm(forms.Form):
    """A measure of the catalogue: its texts in Dutch and English, and its facets."""

    key = forms.CharField(
        label=_("Key"),
        max_length=80,
        help_text=_(
            "Small letters, digits and hyphens, such as “robbery-training”. "
            "It names the measure for good: it cannot be changed later."
        ),
        validators=[KEY],
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    name_nl = forms.CharField(
        label=_("Name (Dutch)"), max_length=200, widget=forms.TextInput(attrs=TEXTBOX)
    )
    summary_nl = forms.CharField(
        label=_("Summary (Dutch)"),
        max_length=1000,
        help_text=_("One or two sentences: what the measure is and what it does."),
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
    )
    description_nl = forms.CharField(
        label=_("Description (Dutch)"), widget=forms.Textarea(attrs={**TEXTAREA, "rows": 8})
    )
    steps_nl = StepsField(
        label=_("Practical steps (Dutch)"),
        help_text=_("One step per line."),
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 6}),
    )
    name_en = forms.CharField(
        label=_("Name (English)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=TEXTBOX),
    )
    summary_en = forms.CharField(
        label=_("Summary (English)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3}),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        required=False,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 8}),
    )
    steps_en = StepsField(
        label=_("Practical steps (English)"),
        help_text=_("One step per line."),
        required=False,
        widget=forms.Textarea(attrs={**TEXTAREA, "rows": 6}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.adding = measure._state.adding
        for facet in FACETS:
            if facet.multiple:
                self.fields[facet.name] = forms.MultipleChoiceField(
                    label=facet.label,
                    choices=facet.choices.choices,
                    help_text=_("Tick every one that applies."),
                    widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
                )
            else:
                self.fields[facet.name] = forms.ChoiceField(
                    label=facet.label,
                    choices=[("", "---------"), *facet.choices.choices],
                    widget=forms.Select(attrs=SELECT),
                )
        if self.adding:
            del self.fields["version"]
        else:
            # The key names the measure in the catalogue file and in audit entries.
            del self.fields["key"]
            # Also when bound: what the form changed is measured against it.
            self.initial = {**self._initial_from(measure), **self.initial}

    @staticmethod
    def _initial_from(measure: Measure) -> dict:
        initial = {"version": measure.version}
        for name in TEXTS:
            texts = getattr(measure, name) or {}
            for language in LANGUAGES:
                initial[f"{name}_{language}"] = texts.get(language, [] if name == "steps" else "")
        for facet in FACETS:
            initial[facet.name] = getattr(measure, facet.name)
        return initial

    def groups(self) -> list[tuple[str, str, list]]:
        """The visible fields in the parts of the page that show them: a heading, a note
        (may be empty) and the fields."""
        dutch = [name for name in ("key", *(f"{t}_nl" for t in TEXTS)) if name in self.fields]
        return [
            (_("In Dutch"), "", [self[name] for name in dutch]),
            (
                _("In English"),
                _("Optional. Without an English text, English readers see the Dutch one."),
                [self[f"{t}_en"] for t in TEXTS],
            ),
            (_("Characteristics"), "", [self[facet.name] for facet in FACETS]),
        ]

    def changed_model_fields(self) -> list[str]:
        """The measure's fields the form changed (``name`` for ``name_nl``), for the audit."""
        changed = set()
        for name in self.changed_data:
            if name == "version":
                continue
            base, _sep, language = name.rpartition("_")
            changed.add(base if language in LANGUAGES else name)
        return sorted(changed)

    def apply_to(self, measure: Measure) -> Measure:
        """Put the cleaned data on ``measure`` (not saved); English only when given."""
        data = self.cleaned_data
        if self.adding:
            measure.key = data["key"]
        for name in TEXTS:
            texts = {language: data[f"{name}_{language}"] for language in LANGUAGES}
            setattr(measure, name, {lang: text for lang, text in texts.items() if text})
        for facet in FACETS:
            setattr(measure, facet.name, data[facet.name])
        return measure


#: The kinds of place, as they prefix the value of the place field.
PLACES = {
    "district": District,
    "neighbourhood": Neighbourhood,
    "focus_area": FocusArea,
    "business": Business,
}


def place_value(deployment: Deployment) -> str:
    for field in PLACES:
        pk = getattr(deployment, f"{field}_id")
        if pk is not None:
            return f"{field}:{pk}"
    return ""


def _place_label(place) -> str:
    """A place as the list shows it; a business with its address (names repeat)."""
    if isinstance(place, Business):
        return f"{place.name}, {place.address}"
    return str(place)


class DeploymentForm(forms.ModelForm):
    """A deployment in the coordinator's municipality. Where it runs is one choice among the
    municipality's districts, neighbourhoods, focus areas and the businesses robbed there."""

    place = forms.ChoiceField(
        label=_("Where"),
        required=False,
        help_text=_(
            "A district, neighbourhood or focus area can be evaluated against the register. "
            "Leave empty for a measure for the whole municipality or approach."
        ),
        widget=forms.Select(attrs=SELECT),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Deployment
        fields = [
            "measure",
            "approach",
            "place",
            "owner",
            "start",
            "end",
            "status",
            "cost",
            "notes",
            "comparison",
            "comparison_district",
            "buffer_m",
        ]
        widgets = {
            "measure": forms.Select(attrs=SELECT),
            "approach": forms.Select(attrs=SELECT),
            "owner": forms.Select(attrs=SELECT),
            "start": DateInput(),
            "end": DateInput(),
            "status": forms.Select(attrs=SELECT),
            "cost": forms.NumberInput(attrs={**TEXTBOX, "inputmode": "decimal", "min": 0}),
            "notes": forms.Textarea(attrs=TEXTAREA),
            "comparison": forms.Select(attrs=SELECT),
            "comparison_district": forms.Select(attrs=SELECT),
            "buffer_m": forms.NumberInput(attrs={**TEXTBOX, "min": 50, "max": 3000}),
        }
        help_texts = {
            "approach": _("Only approaches under way can take a new deployment."),
            "comparison": _(
                "The evaluation compares the area with this one, leaving out the area and its "
                "buffer."
            ),
            "comparison_district": _("Only when comparing with another district."),
        }

    def __init__(self, *args, municipality, approaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.instance.municipality = municipality
        if not self.instance._state.adding:
            self.initial["version"] = self.instance.version
            self.initial["place"] = place_value(self.instance)
        measures = sorted(Measure.objects.all(), key=lambda m: m.title.casefold())
        self.fields["measure"].queryset = Measure.objects.all()
        self.fields["measure"].choices = [("", "---------")] + [(m.pk, m.title) for m in measures]
        self.fields["approach"].queryset = approaches
        self.fields["owner"].queryset = Organisation.objects.working_in(municipality)
        districts = District.objects.filter(municipality=municipality).order_by("name")
        self.fields["comparison_district"].queryset = districts
        self.fields["place"].choices = self._places(districts)
        self.fields["start"].widget.attrs["max"] = "9999-12-31"

    def _places(self, districts) -> list:
        municipality = self.municipality
        groups = [("", _("The whole municipality or approach"))]
        for label, field, rows in (
            (_("Districts"), "district", districts),
            (
                _("Neighbourhoods"),
                "neighbourhood",
                Neighbourhood.objects.filter(municipality=municipality).order_by("name"),
            ),
            (
                _("Focus areas"),
                "focus_area",
                FocusArea.objects.filter(municipality=municipality).order_by("name"),
            ),
            (
                _("Businesses robbed before"),
                "business",
                Business.objects.filter(municipality=municipality, robberies__isnull=False)
                .distinct()
                .order_by("name"),
            ),
        ):
            choices = [(f"{field}:{row.pk}", _place_label(row)) for row in rows]
            if choices:
                groups.append((label, choices))
        return groups

    def clean_place(self) -> str:
        value = self.cleaned_data.get("place") or ""
        for field in PLACES:
            setattr(self.instance, field, None)
        if not value:
            return value
        field, _sep, pk = value.partition(":")
        wrong = forms.ValidationError(_("Choose a place from the list."))
        model = PLACES.get(field)
        if model is None:
            raise wrong
        try:
            key = uuid.UUID(pk) if field in ("focus_area", "business") else int(pk)
        except ValueError:
            raise wrong from None
        place = model.objects.filter(pk=key, municipality=self.municipality).first()
        if place is None:
            raise wrong
        setattr(self.instance, field, place)
        return value
