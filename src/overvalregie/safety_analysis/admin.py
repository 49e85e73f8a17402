"""The municipality's thresholds for the recommendation, kept by the system administrator."""

from django.contrib import admin

from overvalregie.safety_analysis.models import CriteriaThresholds
from overvalregie.web.admin_site import PolicyModelAdmin, admin_site


@admin.register(CriteriaThresholds, site=admin_site)
class CriteriaThresholdsAdmin(PolicyModelAdmin):
    list_display = ["municipality", "rising_trend_percent", "rate_ratio_to_region"]
    autocomplete_fields = ["municipality"]
