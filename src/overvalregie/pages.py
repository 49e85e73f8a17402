"""What every page that shows or edits a record shares, whatever app it belongs to."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.translation import gettext as _

from overvalregie.versions import Conflict

SAVED, CONFLICT, INVALID = "saved", "conflict", "invalid"


def uuid_or_404(value) -> uuid.UUID:
    """An id from a URL or form as a UUID; anything else answers 404."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


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


def add_errors(form, error: ValidationError) -> None:
    """A ``ValidationError`` from the services on the form: on its field when the form has
    one, else above the form (never a 500 for a field the form does not show)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def delete_through(request, delete: Callable[[], object], done: str) -> bool:
    """Delete something through ``delete`` (a call into the app's services); the outcome is
    shown as a message. A refusal answers 404, like a record out of reach."""
    try:
        delete()
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


def changed_fields(form) -> list[str]:
    """The fields the form changed, for the audit entry (never their values)."""
    return [name for name in form.changed_data if name != "version"]


def save_form(request, form, save: Callable[[], object]) -> str:
    """Save a valid form through ``save`` (a call into the app's services).

    Returns :data:`SAVED`; :data:`CONFLICT` when someone else saved in between (the message
    is shown; the caller reloads); or :data:`INVALID` with the reason on the form. A refusal
    answers 404, like a record out of reach.
    """
    try:
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
