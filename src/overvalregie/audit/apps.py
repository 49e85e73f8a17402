from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "overvalregie.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from overvalregie.audit import receivers

        receivers.connect()
