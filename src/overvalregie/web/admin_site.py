"""The management pages for system administrators (users, organisations, geography).

Anyone else gets a 404, not a login form: the management pages are not advertised.
"""

from django.contrib import admin
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from overvalregie.organisations.policy import Action, can


class ManagementSite(admin.AdminSite):
    site_header = _("Overvalregie management")
    site_title = _("Overvalregie management")
    index_title = _("Users, organisations and geography")

    def has_permission(self, request) -> bool:
        return can(request.user, Action.MANAGE_USERS)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return guarded


admin_site = ManagementSite(name="admin")


class PolicyModelAdmin(admin.ModelAdmin):
    """Model pages governed by the policy (not Django's per-model permissions), audited."""

    manage_action = Action.MANAGE_USERS

    def _allowed(self, request) -> bool:
        return can(request.user, self.manage_action)

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def save_model(self, request, obj, form, change):
        from overvalregie.audit.models import AuditAction
        from overvalregie.audit.services import record

        super().save_model(request, obj, form, change)
        fields = sorted(form.changed_data) if change else []
        record(
            request.user,
            AuditAction.UPDATE if change else AuditAction.CREATE,
            obj,
            purpose="management",
            detail={"fields": fields},
        )

    def delete_model(self, request, obj):
        from overvalregie.audit.models import AuditAction
        from overvalregie.audit.services import record

        record(request.user, AuditAction.DELETE, obj, purpose="management")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
