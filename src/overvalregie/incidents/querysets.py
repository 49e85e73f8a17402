"""Row-level visibility for the robbery register."""

from django.db import models

from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities


class _MunicipalScoped(models.QuerySet):
    action = Action.VIEW_INCIDENTS

    def visible_to(self, user):
        """Records in the municipalities the user's organisation works for."""
        if not can(user, self.action):
            return self.none()
        return self.filter(municipality__in=scope_municipalities(user))


class RobberyQuerySet(_MunicipalScoped):
    def robberies(self):
        """Only *overvallen*: street robberies are stored but never counted as such."""
        from overvalregie.incidents.choices import IncidentKind

        return self.filter(kind=IncidentKind.ROBBERY)


class BusinessQuerySet(_MunicipalScoped):
    pass


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user sees the imports they uploaded, as long as they may import."""
        if not can(user, Action.IMPORT_INCIDENTS):
            return self.none()
        from overvalregie.organisations.policy import active_membership

        return self.filter(created_by=user, membership=active_membership(user))
