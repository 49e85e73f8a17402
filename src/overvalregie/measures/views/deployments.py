"""Deployments of measures (*inzet*): the list, one deployment, the form, and its evaluation."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from overvalregie.analysis.effects import MINIMUM_EVENTS
from overvalregie.approach.models import Approach
from overvalregie.measures import services
from overvalregie.measures.access import label_places, suppress_for
from overvalregie.measures.choices import DeploymentStatus
from overvalregie.measures.evaluation import NotEvaluable, evaluate
from overvalregie.measures.forms import DeploymentForm
from overvalregie.measures.models import Deployment, Measure
from overvalregie.measures.presentation import evaluation_view
from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities
from overvalregie.pages import (
    CONFLICT,
    SAVED,
    changed_fields,
    delete_through,
    posted_version,
    save_form,
    uuid_or_404,
)


def _deployment_for(request, pk) -> Deployment:
    """The deployment, if the user may see it (else 404), with its place as they may see it."""
    if not can(request.user, Action.VIEW_DEPLOYMENTS):
        raise Http404
    deployment = get_object_or_404(Deployment.objects.visible_to(request.user).for_pages(), pk=pk)
    return label_places(request.user, [deployment])[0]


def _may_manage(request, deployment: Deployment) -> bool:
    return Deployment.objects.managed_by(request.user).filter(pk=deployment.pk).exists()


@login_required
def deployment_list(request):
    if not can(request.user, Action.VIEW_DEPLOYMENTS):
        raise Http404
    deployments = Deployment.objects.visible_to(request.user).for_pages()
    approach = None
    if request.GET.get("aanpak"):
        approach = get_object_or_404(
            Approach.objects.visible_to(request.user), pk=uuid_or_404(request.GET["aanpak"])
        )
        deployments = deployments.filter(approach=approach)
    status = request.GET.get("status", "")
    if status in DeploymentStatus.values:
        deployments = deployments.filter(status=status)
    return render(
        request,
        "measures/deployment_list.html",
        {
            "deployments": label_places(request.user, deployments),
            "approach": approach,
            "status": status,
            "statuses": DeploymentStatus.choices,
            "may_deploy": can(request.user, Action.MANAGE_DEPLOYMENTS),
        },
    )


@login_required
def deployment_detail(request, pk):
    deployment = _deployment_for(request, pk)
    return render(
        request,
        "measures/deployment_detail.html",
        {"deployment": deployment, "may_manage": _may_manage(request, deployment)},
    )


def _municipality_for(request, approach: Approach | None):
    if approach is not None:
        return approach.municipality
    municipality = scope_municipalities(request.user).order_by("name").first()
    if municipality is None:
        raise Http404
    return municipality


@login_required
def deployment_edit(request, pk=None):
    """Deploy a measure (``?maatregel=`` and ``?aanpak=`` fill it in), or change one."""
    if not can(request.user, Action.MANAGE_DEPLOYMENTS):
        raise Http404
    approaches = Approach.objects.managed_by(request.user).active().order_by("name")
    if pk is None:
        deployment = Deployment()
        source = request.POST if request.method == "POST" else request.GET
        approach = None
        if source.get("aanpak") or source.get("approach"):
            approach = get_object_or_404(
                approaches, pk=uuid_or_404(source.get("aanpak") or source.get("approach"))
            )
        initial = {"approach": approach.pk if approach else None, "start": None}
        if request.GET.get("maatregel"):
            measure = get_object_or_404(
                Measure.objects.visible_to(request.user), pk=uuid_or_404(request.GET["maatregel"])
            )
            initial["measure"] = measure.pk
        municipality = _municipality_for(request, approach)
    else:
        deployment = get_object_or_404(
            Deployment.objects.managed_by(request.user).for_pages(), pk=pk
        )
        initial = {}
        municipality = deployment.municipality
        approaches = approaches | Approach.objects.filter(pk=deployment.approach_id)
    if request.method == "POST" and request.POST.get("action") == "delete" and pk is not None:
        return _delete(request, deployment)
    form = DeploymentForm(
        request.POST or None,
        instance=deployment,
        initial=initial,
        municipality=municipality,
        approaches=approaches,
    )
    if request.method == "POST" and form.is_valid():
        version = posted_version(request) if pk is not None else None
        outcome = save_form(
            request,
            form,
            lambda: services.save_deployment(
                request.user, form.instance, version=version, changed=changed_fields(form)
            ),
        )
        if outcome == SAVED:
            messages.success(request, _("The deployment has been saved."))
            return redirect("deployment-detail", deployment.pk)
        if outcome == CONFLICT:
            return redirect("deployment-edit", deployment.pk)
    return render(
        request,
        "measures/deployment_form.html",
        {"form": form, "deployment": deployment, "adding": pk is None},
    )


def _delete(request, deployment: Deployment):
    if not delete_through(
        request,
        lambda: services.delete_deployment(request.user, deployment),
        _("The deployment has been deleted."),
    ):
        return redirect("deployment-detail", deployment.pk)
    if deployment.approach_id:
        return redirect(f"{reverse('deployment-list')}?aanpak={deployment.approach_id}")
    return redirect("deployment-list")


@login_required
def evaluation(request, pk):
    deployment = _deployment_for(request, pk)
    suppress = suppress_for(request.user, deployment)
    try:
        evaluation = evaluate(deployment)
        # Beyond the municipality the counts are other municipalities' figures.
        suppress = suppress or evaluation.crosses_border
        view, problem = evaluation_view(evaluation, suppress=suppress), None
    except NotEvaluable as reason:
        view, problem = None, str(reason)
    return render(
        request,
        "measures/evaluation.html",
        {
            "deployment": deployment,
            "view": view,
            "problem": problem,
            "suppress": suppress,
            "threshold": settings.SUPPRESSION_THRESHOLD,
            "minimum": MINIMUM_EVENTS,
        },
    )
