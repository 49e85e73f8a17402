"""What every approach page shares: finding the approach, and who may change it."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from overvalregie.approach import services
from overvalregie.approach.access import Reader, reader_of
from overvalregie.approach.models import Approach
from overvalregie.organisations.policy import Action, can
from overvalregie.versions import Conflict


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


def uuid_or_404(value) -> uuid.UUID:
    """An id from a URL or form as a UUID; anything else answers 404."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def part_for(approach: Approach, model, pk):
    """A part (goal, action, meeting, ...) of this approach, or 404 (also for a bad id)."""
    return get_object_or_404(model, approach=approach, pk=uuid_or_404(pk))


def posted_version(request) -> int | None:
    """The version a form was loaded with (None when missing: saving it is a conflict)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


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
        "may_read_records": reader(request, approach).records,
    }


def add_errors(form, error: ValidationError) -> None:
    """A ``ValidationError`` from the services on the form: on its field when the form has
    one, else above the form (never a 500 for a field the form does not show)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


SAVED, CONFLICT, INVALID = "saved", "conflict", "invalid"


def save_form(request, form, *, version: int | None = None, save=None) -> str:
    """Save a valid form's part through the services, as every approach page does.

    ``save`` replaces the plain ``services.save_part`` (a meeting saves its attendance too).
    Returns :data:`SAVED`; :data:`CONFLICT` when someone else saved in between (the message
    is shown; the caller reloads); or :data:`INVALID` with the reason on the form.
    """
    try:
        if save is None:
            changed = [name for name in form.changed_data if name != "version"]
            services.save_part(request.user, form.instance, version=version, changed=changed)
        else:
            save()
    except Conflict:
        conflict_message(request)
        return CONFLICT
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        add_errors(form, error)
        return INVALID
    except IntegrityError:
        form.add_error(None, _("Someone else saved the same in the meantime; try again."))
        return INVALID
    return SAVED


def delete_from_page(request, part, done: str) -> bool:
    """Delete a part through the services; the outcome is shown as a message."""
    try:
        services.delete_part(request.user, part)
    except PermissionDenied:
        raise Http404 from None
    except ProtectedError:
        messages.error(request, _("This is still referred to elsewhere and cannot be deleted."))
        return False
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, done)
    return True
