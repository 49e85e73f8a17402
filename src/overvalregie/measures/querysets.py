"""Row-level visibility of the catalogue and of deployments."""

from django.db import models
from django.db.models import Q

from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities


class MeasureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The catalogue is public knowledge: every role that may look at measures sees it."""
        if not can(user, Action.VIEW_MEASURES):
            return self.none()
        return self.all()


class DeploymentQuerySet(models.QuerySet):
    def for_pages(self):
        """With everything a page or report shows of a deployment, in the same query."""
        return self.select_related(
            "measure",
            "municipality__police_unit",
            "approach",
            "district",
            "neighbourhood",
            "focus_area",
            "business",
            "owner",
            "comparison_district",
        )

    def visible_to(self, user):
        """Deployments in the user's municipalities, and those of an approach the user follows
        (a regional approach reaches its police unit's municipalities)."""
        from overvalregie.approach.models import Approach

        if not can(user, Action.VIEW_DEPLOYMENTS):
            return self.none()
        return self.filter(
            Q(municipality__in=scope_municipalities(user))
            | Q(approach__in=Approach.objects.visible_to(user))
        )

    def owned_by(self, user):
        """Deployments of the municipalities the user's organisation works for."""
        return self.visible_to(user).filter(municipality__in=scope_municipalities(user))

    def managed_by(self, user):
        """Deployments the user may change: their municipality's, as its coordinator."""
        if not can(user, Action.MANAGE_DEPLOYMENTS):
            return self.none()
        return self.owned_by(user)
