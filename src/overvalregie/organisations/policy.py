"""The one policy: ``can(user, action, obj)``.

The role x action table below is data. Code asks :func:`can`; lists start from
``Model.objects.visible_to(user)``; the permission-matrix test reads :data:`POLICY` too.
Default deny: an action missing from the table, or a role missing from its row, is refused.

A user acts in one membership at a time (their *active membership*, chosen after login when
they have several); the role of that membership is what counts.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from overvalregie.organisations.roles import Role

if TYPE_CHECKING:
    from overvalregie.organisations.models import Membership


class Action(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_AGGREGATES = "view_aggregates"
    VIEW_REGIONAL_COMPARISON = "view_regional_comparison"
    VIEW_INCIDENTS = "view_incidents"
    IMPORT_INCIDENTS = "import_incidents"
    VIEW_GEOGRAPHY = "view_geography"
    MANAGE_GEOGRAPHY = "manage_geography"
    VIEW_ORGANISATION = "view_organisation"
    MANAGE_ORGANISATIONS = "manage_organisations"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT_LOG = "view_audit_log"
    VIEW_SAFETY_ANALYSIS = "view_safety_analysis"
    RUN_SAFETY_ANALYSIS = "run_safety_analysis"
    RECORD_DECISION = "record_decision"
    VIEW_APPROACH = "view_approach"
    VIEW_APPROACH_RECORDS = "view_approach_records"
    MANAGE_APPROACH = "manage_approach"
    VIEW_MEASURES = "view_measures"
    MANAGE_MEASURE_CATALOGUE = "manage_measure_catalogue"
    VIEW_DEPLOYMENTS = "view_deployments"
    MANAGE_DEPLOYMENTS = "manage_deployments"
    VIEW_FOLLOW_UPS = "view_follow_ups"
    MANAGE_FOLLOW_UPS = "manage_follow_ups"
    REFER_FOLLOW_UP = "refer_follow_up"


R = Role
ALL_ROLES = frozenset(Role)

#: Which roles may perform each action. Scope (which objects) is decided per model by
#: ``visible_to(user)``; this table decides whether the role may act at all.
POLICY: dict[Action, frozenset[Role]] = {
    Action.VIEW_DASHBOARD: ALL_ROLES,
    Action.VIEW_AGGREGATES: ALL_ROLES - {R.SYSADMIN, R.PRIVACY},
    Action.VIEW_REGIONAL_COMPARISON: frozenset(
        {R.COORDINATOR, R.ADMINISTRATOR, R.ANALYST, R.PARTNER, R.OVERSEER}
    ),
    Action.VIEW_INCIDENTS: frozenset({R.COORDINATOR, R.ADMINISTRATOR, R.ANALYST}),
    Action.IMPORT_INCIDENTS: frozenset({R.COORDINATOR, R.ANALYST}),
    Action.VIEW_GEOGRAPHY: ALL_ROLES,
    Action.MANAGE_GEOGRAPHY: frozenset({R.SYSADMIN}),
    Action.VIEW_ORGANISATION: ALL_ROLES,
    Action.MANAGE_ORGANISATIONS: frozenset({R.SYSADMIN}),
    Action.MANAGE_USERS: frozenset({R.SYSADMIN}),
    Action.VIEW_AUDIT_LOG: frozenset({R.PRIVACY}),
    # Partners and overseers see the analysis with small counts suppressed and no offenders.
    Action.VIEW_SAFETY_ANALYSIS: frozenset(
        {R.COORDINATOR, R.ADMINISTRATOR, R.ANALYST, R.PARTNER, R.OVERSEER}
    ),
    Action.RUN_SAFETY_ANALYSIS: frozenset({R.COORDINATOR, R.ANALYST}),
    Action.RECORD_DECISION: frozenset({R.COORDINATOR, R.ADMINISTRATOR}),
    # The partners in the approach follow it; its figures reach them with small counts
    # suppressed. Only the coordinator runs it.
    Action.VIEW_APPROACH: ALL_ROLES - {R.SYSADMIN, R.PRIVACY},
    # What was said and decided in meetings (agenda, minutes, answers, internal messages) is
    # for the municipality's coordinator and mayor; partners follow the approach without it.
    Action.VIEW_APPROACH_RECORDS: frozenset({R.COORDINATOR, R.ADMINISTRATOR}),
    # Only the coordinator of the approach's own municipality runs it (``managed_by``).
    Action.MANAGE_APPROACH: frozenset({R.COORDINATOR}),
    # The catalogue is public knowledge; the system administrator keeps it.
    Action.VIEW_MEASURES: ALL_ROLES,
    Action.MANAGE_MEASURE_CATALOGUE: frozenset({R.SYSADMIN}),
    # Deployments and their evaluation follow the approach: partners see them with small
    # counts suppressed; the coordinator of the deployment's municipality manages them.
    Action.VIEW_DEPLOYMENTS: ALL_ROLES - {R.SYSADMIN, R.PRIVACY},
    Action.MANAGE_DEPLOYMENTS: frozenset({R.COORDINATOR}),
    # Victim follow-ups hold personal data: the coordinator organises them for the
    # municipality, the victim worker works on those referred to their organisation.
    Action.VIEW_FOLLOW_UPS: frozenset({R.COORDINATOR, R.VICTIMWORKER}),
    Action.MANAGE_FOLLOW_UPS: frozenset({R.COORDINATOR, R.VICTIMWORKER}),
    # Handing a victim on to victim support is the municipality's, with the victim's consent.
    Action.REFER_FOLLOW_UP: frozenset({R.COORDINATOR}),
}

#: Roles whose users see aggregates of their own organisation's municipality without
#: small-number suppression; every other role gets suppressed counts.
UNSUPPRESSED_ROLES = frozenset({R.COORDINATOR, R.ADMINISTRATOR, R.ANALYST})


def active_membership(user) -> Membership | None:
    """The membership the user is acting in, or None for anonymous or role-less users."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    membership = getattr(user, "_active_membership", None)
    if membership is not None:
        return membership
    from overvalregie.organisations.models import Membership

    membership = (
        Membership.objects.filter(user=user, active=True)
        .select_related("organisation", "organisation__municipality")
        .order_by("created")
        .first()
    )
    user._active_membership = membership
    return membership


def role_of(user) -> Role | None:
    membership = active_membership(user)
    return Role(membership.role) if membership else None


def role_allows(role: Role | str | None, action: Action | str) -> bool:
    if role is None:
        return False
    try:
        return Role(role) in POLICY.get(Action(action), frozenset())
    except ValueError:
        return False


def can(user, action: Action | str, obj=None) -> bool:
    """May ``user`` (in their active membership) do ``action``, on ``obj`` if given?

    With an object, the object must also be in the user's scope: its model's
    ``visible_to(user)`` must contain it. Without one, only the role is checked.
    """
    if not role_allows(role_of(user), action):
        return False
    if obj is None:
        return True
    manager = type(obj)._default_manager
    if not hasattr(manager, "visible_to"):
        return False
    return manager.visible_to(user).filter(pk=obj.pk).exists()


def suppress_small_counts(user) -> bool:
    """Whether aggregates shown to this user must hide counts below the threshold."""
    return role_of(user) not in UNSUPPRESSED_ROLES
