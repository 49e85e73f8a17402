from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from overvalregie.organisations.models import Membership, Organisation, User
from overvalregie.organisations.policy import Action
from overvalregie.web.admin_site import PolicyModelAdmin, admin_site


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(PolicyModelAdmin):
    manage_action = Action.MANAGE_ORGANISATIONS
    list_display = ["name", "kind", "municipality", "police_unit"]
    list_filter = ["kind"]
    search_fields = ["name"]
    list_select_related = ["municipality", "police_unit"]


@admin.register(User, site=admin_site)
class PersonAdmin(PolicyModelAdmin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_demo"]
    list_filter = ["is_active", "is_demo"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("", {"fields": ("first_name", "last_name", "email", "is_active", "is_demo")}),
    )
    inlines = [MembershipInline]


@admin.register(Membership, site=admin_site)
class MembershipAdmin(PolicyModelAdmin):
    list_display = ["user", "organisation", "role", "active"]
    list_filter = ["role", "active"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]
