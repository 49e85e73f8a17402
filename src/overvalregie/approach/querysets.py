"""Row-level visibility of approaches: the municipalities (or region) of the user's scope."""

from django.db import models
from django.db.models import Q

from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities


class ApproachQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Approaches of a municipality in the user's scope, and regional approaches of a
        police unit one of those municipalities belongs to."""
        if not can(user, Action.VIEW_APPROACH):
            return self.none()
        municipalities = scope_municipalities(user)
        return self.filter(
            Q(municipality__in=municipalities)
            | Q(police_unit__in=municipalities.values("police_unit"))
        )

    def owned_by(self, user):
        """Approaches of the municipalities the user's organisation works for (not merely
        regional approaches reaching them): theirs to run, and to read in full."""
        return self.visible_to(user).filter(municipality__in=scope_municipalities(user))

    def managed_by(self, user):
        """Approaches the user runs: the coordinator of the approach's own municipality."""
        if not can(user, Action.MANAGE_APPROACH):
            return self.none()
        return self.owned_by(user)

    def active(self):
        from overvalregie.approach.models import ApproachStatus

        return self.filter(status=ApproachStatus.ACTIVE)


class ApproachPartQuerySet(models.QuerySet):
    def visible_to(self, user):
        from overvalregie.approach.models import Approach

        return self.filter(approach__in=Approach.objects.visible_to(user))
