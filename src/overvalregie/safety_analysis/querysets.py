"""Row-level visibility of analyses and decisions: the municipalities of the user's scope."""

from django.db import models

from overvalregie.organisations.policy import Action, can
from overvalregie.organisations.querysets import scope_municipalities


class AnalysisQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not can(user, Action.VIEW_SAFETY_ANALYSIS):
            return self.none()
        return self.filter(municipality__in=scope_municipalities(user))


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not can(user, Action.VIEW_SAFETY_ANALYSIS):
            return self.none()
        return self.filter(analysis__municipality__in=scope_municipalities(user))
