"""Every change to the catalogue and to deployments goes through here, with its audit entry.

The system administrator keeps the catalogue (``MANAGE_MEASURE_CATALOGUE``); the coordinator
of a municipality deploys measures there (``MANAGE_DEPLOYMENTS``), in an approach of theirs
that is under way, in an area or focus area of the municipality, or at one of its
businesses. Both carry a version: a save from a stale form raises
:class:`overvalregie.versions.Conflict`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record, record_refused
from overvalregie.measures.models import Deployment, Measure
from overvalregie.organisations.policy import Action, can
from overvalregie.versions import claim_version


def _refuse(user, action: Action, object_type: str):
    record_refused(user, action, object_type=object_type)
    raise PermissionDenied


def save_measure(user, measure: Measure, *, version: int | None = None, changed=()) -> Measure:
    """Add a measure to the catalogue or change one."""
    if not can(user, Action.MANAGE_MEASURE_CATALOGUE):
        _refuse(user, Action.MANAGE_MEASURE_CATALOGUE, "measures.measure")
    adding = measure._state.adding
    with transaction.atomic():
        if not adding:
            claim_version(measure, version)
        measure.full_clean()
        measure.save()
        record(
            user,
            AuditAction.CREATE if adding else AuditAction.UPDATE,
            measure,
            detail={"key": measure.key, "changed": sorted(changed)},
        )
    return measure


def delete_measure(user, measure: Measure) -> None:
    """Remove a measure an administrator added and nobody deployed. A deployed one stays, for
    its history; a shipped one too, since the next update would bring it back."""
    if not can(user, Action.MANAGE_MEASURE_CATALOGUE):
        _refuse(user, Action.MANAGE_MEASURE_CATALOGUE, "measures.measure")
    if measure.shipped:
        raise ValidationError(
            _(
                "This measure ships with Overvalregie: it can be changed, not deleted (an "
                "update would bring it back)."
            )
        )
    with transaction.atomic():
        if measure.deployments.exists():
            raise ValidationError(
                _("This measure has been deployed: it stays in the catalogue for its history.")
            )
        record(user, AuditAction.DELETE, measure, detail={"key": measure.key})
        measure.delete()


def _check_place(deployment: Deployment) -> None:
    """The approach, the place and the comparison district all belong to the deployment's
    municipality."""
    municipality = deployment.municipality
    errors = {}
    approach = deployment.approach
    if approach is not None:
        # An approach that has ended takes no new deployments; its own can still be updated
        # (their end and status, say).
        stored = Deployment.objects.filter(pk=deployment.pk).values_list("approach", flat=True)
        joins = deployment._state.adding or approach.pk not in stored
        if approach.municipality_id != municipality.pk:
            errors["approach"] = _("The approach belongs to another municipality.")
        elif joins and not approach.is_active:
            errors["approach"] = _("This approach has ended: it takes no new deployments.")
    for field in ("district", "neighbourhood", "focus_area", "business", "comparison_district"):
        place = getattr(deployment, field)
        if place is not None and place.municipality_id != municipality.pk:
            errors[field] = _("This lies outside %(municipality)s.") % {
                "municipality": municipality
            }
    if errors:
        raise ValidationError(errors)


def save_deployment(
    user, deployment: Deployment, *, version: int | None = None, changed=()
) -> Deployment:
    """Deploy a measure, or change a deployment."""
    from overvalregie.organisations.querysets import scope_municipalities

    allowed = can(user, Action.MANAGE_DEPLOYMENTS) and (
        scope_municipalities(user).filter(pk=deployment.municipality_id).exists()
    )
    if allowed and not deployment._state.adding:
        allowed = Deployment.objects.managed_by(user).filter(pk=deployment.pk).exists()
    if not allowed:
        _refuse(user, Action.MANAGE_DEPLOYMENTS, "measures.deployment")
    adding = deployment._state.adding
    if adding and deployment.created_by_id is None:
        deployment.created_by = user
    with transaction.atomic():
        _check_place(deployment)
        if not adding:
            claim_version(deployment, version)
        deployment.full_clean()
        deployment.save()
        record(
            user,
            AuditAction.CREATE if adding else AuditAction.UPDATE,
            deployment,
            detail={
                "measure": deployment.measure.key,
                "approach": str(deployment.approach_id or ""),
                "changed": sorted(changed),
            },
        )
    return deployment


def delete_deployment(user, deployment: Deployment) -> None:
    if not Deployment.objects.managed_by(user).filter(pk=deployment.pk).exists():
        _refuse(user, Action.MANAGE_DEPLOYMENTS, "measures.deployment")
    with transaction.atomic():
        record(user, AuditAction.DELETE, deployment, detail={"measure": deployment.measure.key})
        deployment.delete()
