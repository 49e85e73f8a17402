"""What every approach page shares: finding the approach, and who may change it."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from overvalregie import pages
from overvalregie.approach import services
from overvalregie.approach.access import Reader, reader_of
from overvalregie.approach.models import Approach
from overvalregie.organisations.policy import Action, can
from overvalregie.pages import changed_fields, uuid_or_404


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


def reader(request, approach: Approach) -> Reader:
    """What this user may do with this approach, worked out once per request."""
    known = request.__dict__.setdefault("_approach_readers", {})
    key = (approach.pk, approach.status)
    if key not in known:
        known[key] = reader_of(request.user, approach)
    return known[key]


def may_manage(request, approach: Approach) -> bool:
    """Whether the user runs this approach (its coordinator) and it is still under way."""
    return reader(request, approach).manages


def managed_approach_for(request, pk) -> Approach:
    """The approach for a page that changes it: 404 for everyone who may not."""
    approach = approach_for(request, pk)
    if not may_manage(request, approach):
        raise Http404
    return approach


def part_for(approach: Approach, model, pk):
    """A part (goal, action, meeting, ...) of this approach, or 404 (also for a bad id)."""
    return get_object_or_404(model, approach=approach, pk=uuid_or_404(pk))


def base_context(request, approach: Approach, section: str) -> dict:
    """What the approach's page header and section navigation need."""
    return {
        "approach": approach,
        "section": section,
        "may_manage": may_manage(request, approach),
        "may_read_records": reader(request, approach).records,
    }


def save_form(request, form, *, version: int | None = None, save=None) -> str:
    """Save a valid form's part through the services, as every approach page does.

    ``save`` replaces the plain ``services.save_part`` (a meeting saves its attendance too);
    the outcome is that of :func:`overvalregie.pages.save_form`.
    """
    if save is None:

        def save():
            changed = changed_fields(form)
            services.save_part(request.user, form.instance, version=version, changed=changed)

    return pages.save_form(request, form, save)


def delete_from_page(request, part, done: str) -> bool:
    """Delete a part through the services; the outcome is shown as a message."""
    return pages.delete_through(request, lambda: services.delete_part(request.user, part), done)
