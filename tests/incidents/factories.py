import datetime as dt

import factory

from overvalregie.incidents.choices import TargetType
from overvalregie.incidents.models import Robbery
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
