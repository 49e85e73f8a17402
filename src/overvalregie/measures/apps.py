from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_catalogue(sender, **kwargs) -> None:
    from overvalregie.measures.catalogue import sync_shipped_catalogue

    sync_shipped_catalogue()


class MeasuresConfig(AppConfig):
    name = "overvalregie.measures"
    verbose_name = _("Measures")

    def ready(self) -> None:
        # The shipped catalogue is a data file; every migrate adds the measures it lacks.
        post_migrate.connect(_sync_catalogue, sender=self)
