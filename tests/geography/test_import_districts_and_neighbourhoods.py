"""Districts and neighbourhoods are linked to the parents their codes name."""

import pytest

from overvalregie.geography.importers import import_geography_file
from overvalregie.geography.locate import locate
from overvalregie.geography.models import District, Neighbourhood
from tests.geography.factories import MunicipalityFactory, feature, square, write_collection

pytestmark = pytest.mark.django_db


def test_parents_come_from_the_codes_and_population_is_read(tmp_path):
    amsterdam = MunicipalityFactory(code="GM0363", geometry=square(4.7, 52.2, 0.4))
    districts = write_collection(
        tmp_path / "wijk.geojson",
        [feature("WK036300", "Burgwallen-Oude Zijde", square(4.85, 52.35, 0.05), AANT_INW=4400)],
    )
    neighbourhoods = write_collection(
        tmp_path / "buurt.geojson",
        [
            feature("BU03630000", "Kop Zeedijk", square(4.89, 52.37, 0.01), population="1035"),
            feature("BU03630001", "Oude Kerk", square(4.87, 52.36, 0.01), aantal_inwoners=-99997),
        ],
    )

    import_geography_file(districts, "wijk", year=2024)
    result = import_geography_file(neighbourhoods, "buurt", year=2024)

    assert result.created == 2
    district = District.objects.get()
    assert (district.municipality, district.population) == (amsterdam, 4400)
    kop = Neighbourhood.objects.get(code="BU03630000")
    assert (kop.district, kop.municipality, kop.population) == (district, amsterdam, 1035)
    # CBS writes negative numbers for secret figures: stored as unknown.
    assert Neighbourhood.objects.get(code="BU03630001").population is None
    location = locate(4.895, 52.375)
    assert location.neighbourhood.code == "BU03630000"
    assert location.district.code == "WK036300"
    assert location.municipality.code == "GM0363"
