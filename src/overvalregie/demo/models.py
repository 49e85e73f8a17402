"""The record of a loaded demo region, with the generator's true parameters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoDataset(models.Model):
    """One synthetic demo region in this database (see :mod:`overvalregie.demo.generator`).

    ``parameters`` holds every true parameter of the generator, so analyses run on the demo
    data can be checked against what they should find.
    """

    seed = models.BigIntegerField(_("seed"))
    version = models.PositiveIntegerField(_("generator version"))
    parameters = models.JSONField(_("parameters"))
    counts = models.JSONField(_("generated counts"), default=dict)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("demo dataset")
        verbose_name_plural = _("demo datasets")
        constraints = [
            models.UniqueConstraint(fields=["seed", "version"], name="unique_demo_dataset")
        ]

    def __str__(self) -> str:
        return f"demo seed {self.seed} v{self.version}"

    def generator_parameters(self):
        """The stored parameters as a :class:`~overvalregie.demo.generator.DemoParameters`."""
        from overvalregie.demo.generator import DemoParameters

        return DemoParameters.from_json(self.parameters)
