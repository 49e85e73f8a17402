"""Row-level visibility for geography.

Administrative boundaries are public information: everyone whose role may view geography sees
all of them. Focus areas are drawn for one municipality's approach, so they follow the user's
municipalities, except for those who manage geography.
"""

from __future__ import annotations

from django.db import models

from overvalregie.organisations.policy import Action, can


class AreaQuerySet(models.QuerySet):
    def visible_to(self, user) -> AreaQuerySet:
        """All areas for users whose role allows viewing geography; none for anyone else."""
        if not can(user, Action.VIEW_GEOGRAPHY):
            return self.none()
        return self.all()


class FocusAreaQuerySet(models.QuerySet):
    def visible_to(self, user) -> FocusAreaQuerySet:
        """Focus areas in the user's municipalities; all of them for geography managers."""
        from overvalregie.organisations.querysets import scope_municipalities

        if not can(user, Action.VIEW_GEOGRAPHY):
            return self.none()
        if can(user, Action.MANAGE_GEOGRAPHY):
            return self.all()
        return self.filter(municipality__in=scope_municipalities(user))
