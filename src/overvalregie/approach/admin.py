"""Step plans in the management pages: a system administrator may add a plan of their own.

The shipped plans come from ``approach/step_plans/*.toml`` and are rewritten by every migrate;
a plan added here is checked by the same :func:`steps.validate` as the shipped files.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from overvalregie.approach.models import StepPlan
from overvalregie.approach.steps import validate
from overvalregie.web.admin_site import PolicyModelAdmin, admin_site


class StepPlanForm(forms.ModelForm):
    class Meta:
        model = StepPlan
        fields = ["key", "definition"]

    def clean(self):
        data = super().clean()
        definition = data.get("definition")
        if definition is not None:
            errors = validate(definition)
            if not errors and definition.get("key") != data.get("key"):
                errors = [str(_("The key in the definition must equal the plan's key."))]
            if errors:
                self.add_error("definition", errors)
        return data


@admin.register(StepPlan, site=admin_site)
class StepPlanAdmin(PolicyModelAdmin):
    form = StepPlanForm
    list_display = ["key", "name", "shipped", "modified"]
    readonly_fields = ["shipped"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # A shipped plan would come back with the next migrate; approaches keep their copy.
        return super().has_delete_permission(request, obj) and not (obj and obj.shipped)
