from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyAnalysisConfig(AppConfig):
    name = "overvalregie.safety_analysis"
    verbose_name = _("Local safety analysis")
