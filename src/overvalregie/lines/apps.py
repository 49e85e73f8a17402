from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinesConfig(AppConfig):
    name = "overvalregie.lines"
    verbose_name = _("The three lines")

    def ready(self) -> None:
        from overvalregie.incidents.signals import robberies_imported
        from overvalregie.lines import receivers

        # Every robbery an import adds opens its victim follow-up.
        robberies_imported.connect(receivers.open_follow_ups_after_import)
