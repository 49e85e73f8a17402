"""What a review of the measures found: leaks of small counts and business names, 500s on
odd geometry, an ended approach whose deployments could not be closed, and the rules of
the form."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from overvalregie.approach import progress_report
from overvalregie.approach import services as approach_services
from overvalregie.incidents.models import Business
from overvalregie.measures import services
from overvalregie.measures.choices import Comparison
from overvalregie.measures.evaluation import NotEvaluable, evaluate
from overvalregie.measures.models import Deployment
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.geography.factories import DistrictFactory, FocusAreaFactory, PoliceUnitFactory, square
from tests.measures.conftest import START, _robbery
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def partner(town):
    khn = OrganisationFactory(name="KHN Teststad", kind=OrganisationKind.KHN, municipality=town)
    return member(Role.PARTNER, khn)


def _evaluation_page(client, user, deployment):
    client.force_login(user)
    return client.get(reverse("deployment-evaluation", args=[deployment.pk]))


def test_a_partner_gets_no_p_value_beside_a_hidden_count(client, partner, deployment, robberies):
    robberies("area", 30, 3)
    robberies("buffer", 12, 11)
    robberies("control", 120, 109)
    page = _evaluation_page(client, partner, deployment).content.decode()
    assert "&lt;5" in page or "<5" in page
    assert "p = " not in page
    coordinator_page = _evaluation_page(
        client, member(Role.COORDINATOR, deployment.owner), deployment
    ).content.decode()
    assert "p = " in coordinator_page


def test_a_street_robbery_does_not_count(deployment, robberies):
    robberies("area", 30, 6)
    robberies("control", 120, 109)
    street = _robbery(deployment.municipality, "straat", dt.date(2025, 3, 1), "area")
    street.kind = "straatroof"
    street.save()
    assert evaluate(deployment).treated.after == 6


def test_a_business_is_named_only_to_who_may_see_the_register(
    client, partner, coordinator, deployment, town
):
    business = Business.objects.create(
        name="Juwelier Goud", target_type="shop", address="Markt 1", municipality=town,
        lon=5.11, lat=52.11, rd_x=0, rd_y=0,
    )  # fmt: skip
    Deployment.objects.filter(pk=deployment.pk).update(district=None, business=business)
    for user, named in ((coordinator, True), (partner, False)):
        client.force_login(user)
        for url in (
            reverse("deployment-list"),
            reverse("deployment-detail", args=[deployment.pk]),
            reverse("measure-detail", args=[deployment.measure_id]),
        ):
            response = client.get(url)
            page = response.content.decode()
            assert ("Juwelier Goud" in page) is named, (user, url, response.status_code)
            if not named:
                assert "a business in Teststad" in page


def test_counts_beyond_the_municipality_are_suppressed_for_its_coordinator_too(
    client, coordinator, deployment, town, robberies
):
    unit = PoliceUnitFactory(geometry=square(4.5, 51.5, 2.0))
    town.police_unit = unit
    town.save()
    Deployment.objects.filter(pk=deployment.pk).update(comparison=Comparison.POLICE_UNIT)
    robberies("area", 30, 3)
    robberies("control", 120, 109)
    response = _evaluation_page(client, coordinator, deployment)
    view = response.context["view"]
    assert view.evaluation.crosses_border
    assert str(view.rows[0].after) == "<5"
    assert view.chart is None


@pytest.mark.parametrize(
    "geometry",
    [{}, {"type": "FeatureCollection", "features": []}, {"type": "Point", "coordinates": [5, 52]},
     {"type": "Polygon", "coordinates": [[["a", "b"], [1, 2], [3, 4], ["a", "b"]]]},
     {"type": "Polygon", "coordinates": []}],
)  # fmt: skip
def test_an_odd_geometry_is_not_evaluable_and_no_500(
    client, coordinator, deployment, town, geometry
):
    focus = FocusAreaFactory(municipality=town)
    FocusAreaFactory._meta.model.objects.filter(pk=focus.pk).update(geometry=geometry)
    Deployment.objects.filter(pk=deployment.pk).update(district=None, focus_area=focus)
    deployment.refresh_from_db()
    with pytest.raises(NotEvaluable, match="not a surface"):
        evaluate(deployment)
    response = _evaluation_page(client, coordinator, deployment)
    assert response.status_code == 200 and response.context["problem"]


def test_an_ended_approach_keeps_its_deployments_up_to_date(approach_fixtures):
    coordinator, approach, deployment, district, owner = approach_fixtures
    approach_services.set_status(coordinator, approach, "completed")
    deployment.status, deployment.end = "ended", dt.date(2025, 6, 30)
    services.save_deployment(coordinator, deployment, version=deployment.version)
    deployment.refresh_from_db()
    assert deployment.status == "ended"
    # ... but takes no new ones.
    new = Deployment(
        measure=deployment.measure, municipality=approach.municipality, approach=approach,
        owner=owner, start=dt.date(2025, 7, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="has ended"):
        services.save_deployment(coordinator, new)


def test_a_place_or_approach_of_another_municipality_is_refused(coordinator, deployment):
    other = MunicipalityFactory(code="GM0003")
    deployment.district = DistrictFactory(municipality=other)
    with pytest.raises(ValidationError) as refused:
        services.save_deployment(coordinator, deployment, version=deployment.version)
    assert "district" in refused.value.error_dict


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"cost": -5}, "cost"), ({"start": dt.date(1, 1, 1)}, "start"),
     ({"comparison": Comparison.POLICE_UNIT}, "comparison")],
)  # fmt: skip
def test_implausible_values_are_field_errors(coordinator, deployment, changes, field):
    deployment.municipality.police_unit = None
    for name, value in changes.items():
        setattr(deployment, name, value)
    with pytest.raises(ValidationError) as refused:
        services.save_deployment(coordinator, deployment, version=deployment.version)
    assert field in refused.value.error_dict


def test_a_junk_version_is_said_above_the_form(client, coordinator, deployment, district):
    client.force_login(coordinator)
    response = client.post(
        reverse("deployment-edit", args=[deployment.pk]),
        {
            "measure": str(deployment.measure_id), "place": f"district:{district.pk}",
            "owner": str(deployment.owner_id), "start": "2025-01-01", "status": "running",
            "comparison": "municipality", "buffer_m": "400", "version": "x",
        },
    )  # fmt: skip
    assert 'data-testid="form-error"' in response.content.decode()


def test_the_report_names_a_business_only_to_who_may_see_it(approach_fixtures, town):
    coordinator, approach, deployment, district, owner = approach_fixtures
    business = Business.objects.create(
        name="Juwelier Goud", target_type="shop", address="Markt 1", municipality=town,
        lon=5.11, lat=52.11, rd_x=0, rd_y=0,
    )  # fmt: skip
    Deployment.objects.filter(pk=deployment.pk).update(district=None, business=business)
    partner = member(
        Role.PARTNER, OrganisationFactory(kind=OrganisationKind.KHN, municipality=town)
    )
    places = {
        user: [row["place"] for row in progress_report.build(approach, user)["measures"]]
        for user in (coordinator, partner)
    }
    assert places[coordinator] == ["Juwelier Goud"]
    assert places[partner] == ["a business in Teststad"]


@pytest.fixture
def approach_fixtures(coordinator, town, district, town_org, measure):
    approach = approach_services.start(
        coordinator, municipality=town, kind="kvo", name="KVO Winkelhart",
        started=dt.date(2025, 1, 1),
    )  # fmt: skip
    deployment = services.save_deployment(
        coordinator,
        Deployment(
            measure=measure, municipality=town, approach=approach, district=district,
            owner=town_org, start=START,
        ),
    )  # fmt: skip
    return coordinator, approach, deployment, district, town_org
