"""Authentication events into the audit log: logins, logouts and failed logins."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from overvalregie.audit.models import AuditAction
from overvalregie.audit.services import record

PURPOSE = "authentication"


def logged_in(sender, request, user, **kwargs) -> None:
    record(user, AuditAction.LOGIN, user, purpose=PURPOSE)


def logged_out(sender, request, user, **kwargs) -> None:
    if user is None:  # logging out without being logged in: nothing happened
        return
    record(user, AuditAction.LOGOUT, user, purpose=PURPOSE)


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Only that it happened: the username tried may be a person's name or a mistyped password.
    record(AnonymousUser(), AuditAction.LOGIN_FAILED, purpose=PURPOSE)


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="audit.logged_in")
    user_logged_out.connect(logged_out, dispatch_uid="audit.logged_out")
    user_login_failed.connect(login_failed, dispatch_uid="audit.login_failed")
