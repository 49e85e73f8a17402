"""What each role sees first: one dashboard per role, built from querysets and the policy.

Every figure is computed in a fixed number of queries, whatever the number of municipalities,
years or target types (the query-count tests in ``tests/web`` hold us to it). Counts shown to a
viewer outside the organisation that owns them are suppressed below the threshold (``"<5"``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from overvalregie.geography.models import Municipality
from overvalregie.incidents.aggregates import ShownCount, YearRow, counts_by_year, shown
from overvalregie.incidents.choices import TargetType
from overvalregie.incidents.models import Robbery
from overvalregie.organisations.policy import Action, can, suppress_small_counts
from overvalregie.organisations.querysets import scope_municipalities
from overvalregie.organisations.roles import Role

#: Roles that see the figures of their own municipality (or police unit) in full.
OWN_FIGURES_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR, Role.ANALYST})
#: Roles that see the regional table of their police unit.
REGIONAL_ROLES = frozenset(
    {Role.COORDINATOR, Role.ADMINISTRATOR, Role.ANALYST, Role.PARTNER, Role.OVERSEER}
)


def _years(today: datetime.date, n: int = 5) -> list[int]:
    return list(range(today.year - n + 1, today.year + 1))


def _region_municipalities(user):
    """The municipalities of the police unit(s) the user's scope lies in."""
    own = scope_municipalities(user)
    units = own.values("police_unit")
    return Municipality.objects.filter(police_unit__in=units).order_by("name").defer("geometry")


def _same_day_last_year(today: datetime.date) -> datetime.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


@dataclass(frozen=True)
class KeyFigures:
    """Robberies this year to date, against the same period and the whole of last year."""

    this_year: int
    last_year_to_date: int
    last_year: int
    year: int
    today: datetime.date

    @property
    def change(self) -> int:
        return self.this_year - self.last_year_to_date

    @property
    def difference(self) -> int:
        return abs(self.change)

    @property
    def change_percent(self) -> float | None:
        if not self.last_year_to_date:
            return None
        return 100 * self.change / self.last_year_to_date


def key_figures(user, municipalities, today: datetime.date) -> KeyFigures | None:
    """One query: this year to date, the same period last year, and last year in full."""
    if not can(user, Action.VIEW_INCIDENTS):
        return None
    same_day = _same_day_last_year(today)
    this_start = datetime.date(today.year, 1, 1)
    last_start = datetime.date(today.year - 1, 1, 1)
    totals = (
        Robbery.objects.visible_to(user)
        .robberies()
        .filter(municipality__in=municipalities, date__gte=last_start, date__lte=today)
        .aggregate(
            this_year=Count("id", filter=Q(date__gte=this_start)),
            last_year_to_date=Count("id", filter=Q(date__lt=this_start, date__lte=same_day)),
            last_year=Count("id", filter=Q(date__lt=this_start)),
        )
    )
    return KeyFigures(year=today.year, today=today, **totals)


@dataclass(frozen=True)
class TargetRow:
    label: str
    last_year: ShownCount
    this_year: ShownCount


def counts_by_target_type(user, municipalities, today: datetime.date) -> list[TargetRow]:
    """Robberies per target type, last year and this year to date, in one query.

    Every target type gets a row (zero where none), in the order of :class:`TargetType`.
    """
    if not can(user, Action.VIEW_AGGREGATES):
        return []
    suppress = suppress_small_counts(user)
    this_start = datetime.date(today.year, 1, 1)
    raw = (
        Robbery.objects.robberies()
        .filter(
            municipality__in=municipalities,
            date__gte=datetime.date(today.year - 1, 1, 1),
            date__lte=today,
        )
        .values("target_type")
        .annotate(
            this_year=Count("id", filter=Q(date__gte=this_start)),
            last_year=Count("id", filter=Q(date__lt=this_start)),
        )
        .order_by()
    )
    table = {r["target_type"]: r for r in raw}
    rows = []
    for value, label in TargetType.choices:
        counts = table.get(value, {})
        rows.append(
            TargetRow(
                label=label,
                last_year=shown(counts.get("last_year", 0), suppress),
                this_year=shown(counts.get("this_year", 0), suppress),
            )
        )
    return rows


def _totals(rows: list[YearRow]) -> list[int] | None:
    """Column totals, only when no count in the table is suppressed (else they would reveal it)."""
    if not rows or any(c.suppressed for row in rows for c in row.counts):
        return None
    return [sum(c.value for c in column) for column in zip(*(r.counts for r in rows), strict=True)]


def dashboard_context(user, membership) -> tuple[str, dict]:
    role = Role(membership.role)
    today = timezone.localdate()
    years = _years(today)
    context: dict = {
        "membership": membership,
        "role": role,
        "years": years,
        "this_year": today.year,
        "last_year": today.year - 1,
        "today": today,
        "threshold": settings.SUPPRESSION_THRESHOLD,
    }
    own = scope_municipalities(user)
    if role in OWN_FIGURES_ROLES:
        own_list = list(own.order_by("name").defer("geometry"))
        context["own_municipalities"] = own_list
        context["key_figures"] = key_figures(user, own_list, today)
        own_rows = counts_by_year(user, own_list, years, rate_year=today.year - 1)
        context["own_rows"] = own_rows
        context["own_totals"] = _totals(own_rows) if len(own_rows) > 1 else None
        context["target_rows"] = counts_by_target_type(user, own_list, today)
    if role in REGIONAL_ROLES and can(user, Action.VIEW_REGIONAL_COMPARISON):
        region = list(
            _region_municipalities(user)
            .select_related("police_unit")
            .defer("police_unit__geometry")
        )
        region_rows = counts_by_year(user, region, years, rate_year=today.year - 1)
        context["region_rows"] = region_rows
        context["region_totals"] = _totals(region_rows)
        context["region_name"] = ", ".join(
            sorted({m.police_unit.name for m in region if m.police_unit})
        )
        context["region_suppressed"] = any(c.suppressed for row in region_rows for c in row.counts)
        if role not in OWN_FIGURES_ROLES:
            context["region_target_rows"] = counts_by_target_type(user, region, today)
    if role in (Role.COORDINATOR, Role.ADMINISTRATOR):
        context["approaches"] = approaches_under_way(user, today)
    if can(user, Action.VIEW_FOLLOW_UPS):
        context["follow_ups"] = open_follow_ups(user, today)
    if role is Role.PRIVACY:
        context.update(_privacy_context(user, today))
    if role is Role.SYSADMIN:
        context.update(_sysadmin_context(user))
    return f"web/dashboard_{role.value}.html", context


def approaches_under_way(user, today: datetime.date) -> list:
    """The municipality's approaches under way, where each stands and its overdue actions."""
    from overvalregie.approach.models import Approach
    from overvalregie.approach.services import overdue
    from overvalregie.approach.steps import summarised

    late = Q(actions__in=overdue(today).values("pk"))
    return summarised(
        Approach.objects.owned_by(user)
        .active()
        .annotate(overdue=Count("actions", filter=late))
        .order_by("-started", "name")
    )


def open_follow_ups(user, today: datetime.date) -> list:
    """The open victim follow-ups the user works on, those with overdue steps first (one
    query). Each has ``overdue``: its steps past their deadline."""
    from overvalregie.lines.models import FollowUpStep, VictimFollowUp

    late = Q(steps__in=FollowUpStep.objects.overdue(today).values("pk"))
    return list(
        VictimFollowUp.objects.visible_to(user)
        .open()
        .select_related("robbery")
        .annotate(overdue=Count("steps", filter=late))
        .order_by("-overdue", "-robbery__date")
    )


def _privacy_context(user, today: datetime.date) -> dict:
    """Audit entries of today, per kind of action (one query)."""
    from overvalregie.audit.models import AuditAction, AuditEntry

    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    per_action = dict(
        AuditEntry.objects.visible_to(user)
        .filter(timestamp__gte=start)
        .values_list("action")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [(label, per_action.get(value, 0)) for value, label in AuditAction.choices]
    return {
        "audit_today_rows": rows,
        "audit_today_total": sum(per_action.values()),
        "audit_today_refused": per_action.get(AuditAction.REFUSED, 0)
        + per_action.get(AuditAction.LOGIN_FAILED, 0),
    }


def _sysadmin_context(user) -> dict:
    """How many users and organisations there are (two small queries)."""
    from overvalregie.organisations.models import Organisation, User

    if not can(user, Action.MANAGE_USERS):
        return {}
    return {
        "user_count": User.objects.filter(is_active=True).count(),
        "organisation_count": Organisation.objects.visible_to(user).count(),
    }
