"""A municipality with one district where a measure runs, its coordinator, and a way to put
robberies in the district, just around it (the buffer) or far from it (the comparison area)."""

import datetime as dt

import pytest

from overvalregie.geography.spatial import to_rd
from overvalregie.incidents.models import Robbery
from overvalregie.measures.models import Deployment
from overvalregie.organisations.roles import Role
from tests.geography.factories import DistrictFactory, square
from tests.measures.factories import MeasureFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

START = dt.date(2025, 1, 1)
#: Where robberies are put: in the district, 150 m east of it, and 20 km away.
SPOTS = {"area": (5.11, 52.11), "buffer": (5.1222, 52.11), "control": (5.35, 52.35)}


@pytest.fixture
def town():
    return MunicipalityFactory(code="GM0001", name="Teststad", geometry=square(5.0, 52.0, 0.5))


@pytest.fixture
def district(town):
    return DistrictFactory(municipality=town, name="Winkelhart", geometry=square(5.1, 52.1, 0.02))


@pytest.fixture
def town_org(town):
    return OrganisationFactory(name="Gemeente Teststad", municipality=town)


@pytest.fixture
def coordinator(town_org):
    return member(Role.COORDINATOR, town_org)


@pytest.fixture
def measure():
    return MeasureFactory(name={"nl": "Cameratoezicht", "en": "Camera surveillance"})


@pytest.fixture
def deployment(measure, town, district, town_org):
    return Deployment.objects.create(
        measure=measure, municipality=town, district=district, owner=town_org, start=START
    )


def _robbery(town, source_id: str, day: dt.date, where: str) -> Robbery:
    lon, lat = SPOTS[where]
    x, y = to_rd(lon, lat)
    return Robbery(
        source="test", source_id=source_id, date=day, target_type="shop", municipality=town,
        lon=lon, lat=lat, rd_x=x, rd_y=y,
    )  # fmt: skip


@pytest.fixture
def robberies(town):
    """``robberies(where, before, after)``: that many robberies in the year before START and
    the year from it; the register runs from 2023 to the end of 2025."""
    made = iter(range(10**6))

    def put(where: str, before: int, after: int) -> None:
        rows = [
            _robbery(
                town, f"t{next(made)}", dt.date(year, 1, 2) + dt.timedelta(days=i * 7 % 363), where
            )
            for count, year in ((before, 2024), (after, 2025))
            for i in range(count)
        ]
        Robbery.objects.bulk_create(rows)

    # The register's first and last day: outside both periods, far away.
    for day in (dt.date(2023, 1, 5), dt.date(2025, 12, 31)):
        _robbery(town, f"edge{day}", day, "control").save()
    return put
