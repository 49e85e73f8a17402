from django.db import models

from overvalregie.organisations.policy import Action, can


class AuditEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the privacy officer reads the audit log."""
        if not can(user, Action.VIEW_AUDIT_LOG):
            return self.none()
        return self.all()
