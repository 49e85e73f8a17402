"""What every approach page shares: finding the approach, and who may change it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from overvalregie.approach.models import Approach
from overvalregie.organisations.policy import Action, can


def approach_for(request, pk) -> Approach:
    """The approach, if the user may see it; else 404 (no existence oracle)."""
    if not can(request.user, Action.VIEW_APPROACH):
        raise Http404
    return get_object_or_404(
        Approach.objects.visible_to(request.user).select_related(
            "municipality__police_unit", "police_unit", "decision__analysis"
        ),
        pk=pk,
    )


def may_manage(request, approach: Approach) -> bool:
    """Whether the user runs this approach (the coordinator) and it is still under way."""
    return can(request.user, Action.MANAGE_APPROACH) and approach.is_active


def managed_approach_for(request, pk) -> Approach:
    """The approach for a page that changes it: 404 for everyone who may not."""
    approach = approach_for(request, pk)
    if not may_manage(request, approach):
        raise Http404
    return approach


def part_for(approach: Approach, model, pk):
    """A part (goal, action, meeting, ...) of this approach, or 404."""
    return get_object_or_404(model, approach=approach, pk=pk)


def conflict_message(request) -> None:
    messages.error(
        request,
        _(
            "Someone else saved this in the meantime. Their version is shown below; "
            "make your change again."
        ),
    )


def base_context(request, approach: Approach, section: str) -> dict:
    """What the approach's page header and section navigation need."""
    return {
        "approach": approach,
        "section": section,
        "may_manage": may_manage(request, approach),
    }
