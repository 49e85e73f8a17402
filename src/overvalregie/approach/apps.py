from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_step_plans(sender, **kwargs) -> None:
    from overvalregie.approach.steps import sync_shipped_plans

    sync_shipped_plans()


class ApproachConfig(AppConfig):
    name = "overvalregie.approach"
    verbose_name = _("Approach")

    def ready(self) -> None:
        # The shipped step plans are data files; every migrate brings their rows up to date.
        post_migrate.connect(_sync_step_plans, sender=self)
