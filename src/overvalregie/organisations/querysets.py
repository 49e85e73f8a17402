"""Row-level visibility for organisations and memberships."""

from django.db import models

from overvalregie.organisations.policy import Action, active_membership, can
from overvalregie.organisations.roles import Role


class OrganisationQuerySet(models.QuerySet):
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
