"""An analysis covers the municipality, one of its districts, or its police unit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from overvalregie.organisations.roles import Role
from overvalregie.safety_analysis import services
from overvalregie.safety_analysis.forms import NewAnalysisForm
from overvalregie.safety_analysis.scope import DISTRICT, POLICE_UNIT
from tests.geography.factories import DistrictFactory, square
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member
from tests.safety_analysis.conftest import END, START


@pytest.fixture
def district(town):
    district = DistrictFactory(municipality=town, geometry=square(5.0, 52.0, 0.2), population=8000)
    for day in (3, 4, 5):
        RobberyFactory(municipality=town, district=district, date=dt.date(2024, 5, day))
    return district


@pytest.fixture
def neighbour(town):
    """A second municipality of the same police unit, with 7 robberies."""
    other = MunicipalityFactory(police_unit=town.police_unit, population=30_000,
                                geometry=square(6.0, 52.0, 0.3))  # fmt: skip
    RobberyFactory.create_batch(7, municipality=other, date=dt.date(2024, 6, 1))
    return other


def test_a_district_counts_its_own_robberies_against_the_municipality(analyst, town, district):
    analysis = services.start(analyst, town, START, END, level=DISTRICT, district=district)
    analysis.refresh_from_db()

    figures = analysis.figures
    assert figures["area"] == {"level": "district", "code": district.code, "name": district.name}
    assert figures["counts"]["total"] == 3
    assert figures["rates"]["population"] == 8000
    assert figures["rates"]["region"]["name"] == town.name
    assert figures["rates"]["region"]["count"] == 23  # the municipality's 20 + the district's 3
    assert analysis.area_name == f"{district.name} ({town.name})"


def test_a_police_unit_counts_every_municipality_of_it(analyst, town, neighbour):
    analysis = services.start(analyst, town, START, END, level=POLICE_UNIT)
    analysis.refresh_from_db()

    figures = analysis.figures
    assert figures["counts"]["total"] == 27
    assert figures["rates"]["population"] == 80_000
    assert figures["rates"]["region"] is None  # nothing above the unit but the country
    assert figures["areas"]["level"] == "municipality"
    assert {row["name"]: row["count"] for row in figures["areas"]["rows"]} == {
        town.name: 20,
        neighbour.name: 7,
    }
    assert analysis.area_name == town.police_unit.name


def test_a_district_of_another_municipality_is_refused(analyst, town):
    elsewhere = DistrictFactory()

    with pytest.raises(ValidationError):
        services.start(analyst, town, START, END, level=DISTRICT, district=elsewhere)


def test_the_form_asks_for_the_district_when_it_covers_one(analyst, town, district):
    from overvalregie.organisations.querysets import scope_municipalities

    base = {"municipality": town.pk, "start": "2024-01-01", "end": "2024-12-31"}
    municipalities = scope_municipalities(analyst)

    missing = NewAnalysisForm({**base, "level": DISTRICT}, municipalities=municipalities)
    chosen = NewAnalysisForm(
        {**base, "level": DISTRICT, "district": district.pk}, municipalities=municipalities
    )

    assert not missing.is_valid() and missing.errors["district"]
    assert chosen.is_valid(), chosen.errors


def test_the_command_covers_a_district_or_the_police_unit(town, district, neighbour, tmp_path):
    import json

    out = tmp_path / "unit.json"
    call_command("safety_analysis", municipality=town.code, start="2024-01-01", end="2024-12-31",
                 police_unit=True, json_file=str(out))  # fmt: skip
    assert json.loads(out.read_text())["counts"]["total"] == 30

    call_command("safety_analysis", municipality=town.code, start="2024-01-01", end="2024-12-31",
                 district=district.code.lower(), json_file=str(out))  # fmt: skip
    assert json.loads(out.read_text())["counts"]["total"] == 3

    with pytest.raises(CommandError, match="no district"):
        call_command("safety_analysis", municipality=town.code, start="2024-01-01",
                     end="2024-12-31", district="WK000000")  # fmt: skip


def test_a_partner_sees_a_police_unit_analysis_of_their_municipality(client, analyst, town):
    from django.urls import reverse

    analysis = services.start(analyst, town, START, END, level=POLICE_UNIT)
    client.force_login(member(Role.PARTNER, OrganisationFactory(municipality=town)))

    page = client.get(reverse("analysis-detail", kwargs={"pk": analysis.pk})).content.decode()

    assert town.police_unit.name in page


def test_a_quiet_district_is_an_analysis_not_a_failure(client, analyst, town):
    from django.urls import reverse

    from overvalregie.safety_analysis.models import AnalysisState

    quiet = DistrictFactory(municipality=town, geometry=square(5.3, 52.3, 0.1))

    analysis = services.start(analyst, town, START, END, level=DISTRICT, district=quiet)
    analysis.refresh_from_db()
    client.force_login(analyst)

    assert analysis.state == AnalysisState.DRAFT
    assert analysis.figures["counts"]["total"] == 0
    url = reverse("analysis-detail", kwargs={"pk": analysis.pk})
    assert client.get(url).status_code == 200  # no neighbourhoods, no robberies: no map
    assert client.get(reverse("analysis-pdf", kwargs={"pk": analysis.pk})).status_code == 200


def test_a_correction_of_something_that_is_not_an_id_is_404(client, analyst, mayor, town):
    from django.urls import reverse

    analysis = services.start(analyst, town, START, END)
    analysis.refresh_from_db()
    services.finalise(analyst, analysis)
    client.force_login(mayor)
    url = reverse("decision-new", kwargs={"pk": analysis.pk})

    assert client.get(url, {"corrects": "abc"}).status_code == 404
    assert client.post(url, {"corrects": "abc"}).status_code == 404


def test_the_trend_uses_whole_calendar_years_only(analyst, town):
    from overvalregie.safety_analysis.compute import compute
    from overvalregie.safety_analysis.scope import scope_of

    for year in (2021, 2022, 2023):
        RobberyFactory.create_batch(4, municipality=town, date=dt.date(year, 3, 1))

    figures = compute(scope_of(town), dt.date(2021, 1, 1), dt.date(2024, 6, 30))

    assert figures["counts"]["years"] == [2021, 2022, 2023, 2024]
    assert figures["trend"]["years"] == [2021, 2022, 2023]  # 2024 is half a year
    assert figures["trend"]["percent_per_year"] == pytest.approx(0.0, abs=1e-6)


def test_a_police_unit_with_an_unknown_population_has_no_rate(analyst, town):
    MunicipalityFactory(police_unit=town.police_unit, population=None)

    analysis = services.start(analyst, town, START, END, level=POLICE_UNIT)
    analysis.refresh_from_db()

    assert analysis.figures["rates"]["population"] is None
    assert analysis.figures["rates"]["rate_per_1000_per_year"] is None
