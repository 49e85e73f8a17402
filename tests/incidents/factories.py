import datetime as dt

import factory

from overvalregie.incidents.choices import TargetType
from overvalregie.incidents.models import ImportJob, ImportState, Robbery
from tests.organisations.factories import MunicipalityFactory


class RobberyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Robbery

    source = "test"
    source_id = factory.Sequence(lambda n: f"t-{n}")
    date = dt.date(2025, 1, 15)
    target_type = TargetType.SHOP
    lon = 5.05
    lat = 52.05
    rd_x = 150_000.0
    rd_y = 450_000.0
    municipality = factory.SubFactory(MunicipalityFactory)


class ImportJobFactory(factory.django.DjangoModelFactory):
    """A job as the upload page leaves it, without a stored file: ``ImportJobFactory(user)``."""

    class Meta:
        model = ImportJob

    created_by = None  # pass the user: the job acts in their (only) membership
    membership = factory.LazyAttribute(lambda job: job.created_by.memberships.get())
    filename = "a.csv"
    size = 1000
    language = "nl"
    state = ImportState.CHECKING
