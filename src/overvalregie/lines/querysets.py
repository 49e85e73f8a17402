"""Who sees which follow-up: need-to-know.

The coordinator of the municipality organises the victim line and sees its follow-ups; a
victim worker sees those referred to their organisation. Nobody else, whatever their role.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from overvalregie.organisations.policy import Action, active_membership, can
from overvalregie.organisations.querysets import scope_municipalities
from overvalregie.organisations.roles import Role


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not can(user, Action.VIEW_FOLLOW_UPS):
            return self.none()
        membership = active_membership(user)
        if membership.role == Role.COORDINATOR:
            return self.filter(robbery__municipality__in=scope_municipalities(user))
        if membership.role == Role.VICTIMWORKER:
            return self.filter(referred_to=membership.organisation_id)
        return self.none()

    def open(self):
        from overvalregie.lines.models import FollowUpStatus

        return self.filter(status=FollowUpStatus.OPEN)


class FollowUpStepQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Steps not done whose deadline has passed, of follow-ups still open."""
        from overvalregie.lines.models import FollowUpStatus

        today = today or timezone.localdate()
        return self.filter(
            Q(done__isnull=True),
            due__lt=today,
            follow_up__status=FollowUpStatus.OPEN,
        )
