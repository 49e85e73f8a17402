"""Row-level visibility for organisations and memberships."""

from django.db import models
from django.db.models import Q

from overvalregie.organisations.policy import Action, active_membership, can
from overvalregie.organisations.roles import Role


class OrganisationQuerySet(models.QuerySet):
    def working_in(self, municipality, police_unit=None):
        """The organisations working in a municipality's area: its own, those of its police
        unit, and with ``police_unit`` (a regional approach's) those of the whole region."""
        area = Q(municipality=municipality)
        if municipality.police_unit_id:
            area |= Q(police_unit_id=municipality.police_unit_id)
        if police_unit is not None:
            area |= Q(police_unit=police_unit) | Q(municipality__police_unit=police_unit)
        return self.filter(area).order_by("name")

    def visible_to(self, user):
        """System administrators see every organisation; others see their own."""
        if not can(user, Action.VIEW_ORGANISATION):
            return self.none()
        if can(user, Action.MANAGE_ORGANISATIONS):
            return self.all()
        return self.filter(memberships__user=user, memberships__active=True).distinct()


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Memberships of the organisations the user may see."""
        from overvalregie.organisations.models import Organisation

        return self.filter(organisation__in=Organisation.objects.visible_to(user))

    def for_role(self, role: Role):
        return self.filter(role=role, active=True)


def scope_municipalities(user):
    """The municipalities the user's active membership works for."""
    from overvalregie.geography.models import Municipality

    membership = active_membership(user)
    if membership is None:
        return Municipality.objects.none()
    return membership.organisation.area_municipalities()
