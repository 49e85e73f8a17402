"""The measure catalogue: a faceted search, one measure, and the administrator's form.

Every role may look in the catalogue (``VIEW_MEASURES``); only the system administrator keeps
it (``MANAGE_MEASURE_CATALOGUE``). Everyone else gets 404 on the form, as for a record out of
reach. Changes go through :mod:`overvalregie.measures.services` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from overvalregie import pages
from overvalregie.measures import facets, services
from overvalregie.measures.access import label_places
from overvalregie.measures.forms import MeasureForm
from overvalregie.measures.models import Deployment, Measure
from overvalregie.organisations.policy import Action, can
from overvalregie.pages import CONFLICT, SAVED

#: The facets a search result shows as tags.
TAG_FACETS = ("lines", "targets", "evidence")
#: The longest search text taken from the query string.
MAX_SEARCH = 200


@dataclass(frozen=True)
class Tag:
    facet: facets.Facet
    label: str


@dataclass(frozen=True)
class Found:
    """A measure in the result list, with the facet values it is tagged with."""

    measure: Measure
    tags: list[Tag]


def labels_of(measure: Measure, facet: facets.Facet) -> list[str]:
    """The labels of the measure's values for ``facet``, in the order of its choices."""
    values = facets.values_of(measure, facet)
    return [label for value, label in facet.choices.choices if value in values]


def _measure_for(request, pk) -> Measure:
    """The measure, if the user may look in the catalogue; else 404."""
    if not can(request.user, Action.VIEW_MEASURES):
        raise Http404
    return get_object_or_404(Measure.objects.visible_to(request.user), pk=pk)


@login_required
def measure_list(request):
    user = request.user
    if not can(user, Action.VIEW_MEASURES):
        raise Http404
    text = request.GET.get("q", "")[:MAX_SEARCH]
    result = facets.search(Measure.objects.visible_to(user), text, facets.chosen_from(request.GET))
    tagged = [facets.FACET_BY_NAME[name] for name in TAG_FACETS]
    found = [
        Found(
            measure,
            [Tag(facet, label) for facet in tagged for label in labels_of(measure, facet)],
        )
        for measure in result.measures
    ]
    return render(
        request,
        "measures/measure_list.html",
        {
            "result": result,
            "found": found,
            "may_manage": can(user, Action.MANAGE_MEASURE_CATALOGUE),
            "may_view_deployments": can(user, Action.VIEW_DEPLOYMENTS),
        },
    )


@login_required
def measure_detail(request, pk):
    user = request.user
    measure = _measure_for(request, pk)
    return render(
        request,
        "measures/measure_detail.html",
        {
            "measure": measure,
            "facets": [(facet.label, labels_of(measure, facet)) for facet in facets.FACETS],
            "may_manage": can(user, Action.MANAGE_MEASURE_CATALOGUE),
            "may_view_deployments": can(user, Action.VIEW_DEPLOYMENTS),
            "may_deploy": can(user, Action.MANAGE_DEPLOYMENTS),
            "deployments": (
                label_places(
                    user, Deployment.objects.visible_to(user).filter(measure=measure).for_pages()
                )
                if can(user, Action.VIEW_DEPLOYMENTS)
                else []
            ),
        },
    )


def _delete(request, measure: Measure):
    deleted = pages.delete_through(
        request,
        lambda: services.delete_measure(request.user, measure),
        _("The measure has been deleted."),
    )
    return redirect("measure-list") if deleted else redirect("measure-edit", pk=measure.pk)


@login_required
def measure_edit(request, pk=None):
    user = request.user
    if not can(user, Action.MANAGE_MEASURE_CATALOGUE):
        raise Http404
    measure = _measure_for(request, pk) if pk else Measure()
    adding = measure._state.adding
    # The heading names the measure as stored, whatever the form now holds.
    title = "" if adding else measure.title
    if request.method == "POST" and request.POST.get("action") == "delete":
        if adding:
            raise Http404
        return _delete(request, measure)
    form = MeasureForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():

        def save():
            services.save_measure(
                user,
                form.apply_to(measure),
                version=form.cleaned_data.get("version"),
                changed=form.changed_model_fields(),
            )

        outcome = pages.save_form(request, form, save)
        if outcome == SAVED:
            messages.success(request, _("The measure has been saved."))
            return redirect("measure-detail", pk=measure.pk)
        if outcome == CONFLICT:
            measure = _measure_for(request, pk)
            form = MeasureForm(measure=measure)
            title = measure.title
    return render(
        request,
        "measures/measure_form.html",
        {"form": form, "measure": measure, "title": title, "adding": adding},
    )
