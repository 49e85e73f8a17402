"""Deploying a measure and reading its evaluation, through the pages: who may do what, the
form's errors, stale saves, and what a partner outside the municipality sees."""

import datetime as dt

import pytest
from django.urls import reverse

from overvalregie.audit.models import AuditEntry
from overvalregie.measures.models import Deployment
from overvalregie.organisations.roles import OrganisationKind, Role
from tests.geography.factories import DistrictFactory
from tests.measures.factories import MeasureFactory
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member

pytestmark = pytest.mark.django_db

NEW = reverse("deployment-new")
LIST = reverse("deployment-list")


def _form(measure, district, owner, **changes):
    data = {
        "measure": str(measure.pk),
        "place": f"district:{district.pk}",
        "owner": str(owner.pk),
        "start": "2025-01-01",
        "status": "running",
        "comparison": "municipality",
        "buffer_m": "400",
    }
    return {**data, **changes}


@pytest.fixture
def elsewhere():
    """Another municipality with a coordinator, a district and a deployment of its own."""
    other = MunicipalityFactory(code="GM0002", name="Anderdorp")
    organisation = OrganisationFactory(name="Gemeente Anderdorp", municipality=other)
    district = DistrictFactory(municipality=other, name="Dorpskern")
    deployment = Deployment.objects.create(
        measure=MeasureFactory(), municipality=other, district=district, owner=organisation,
        start=dt.date(2025, 1, 1),
    )  # fmt: skip
    return {
        "coordinator": member(Role.COORDINATOR, organisation),
        "district": district,
        "deployment": deployment,
    }


@pytest.fixture
def partner(town):
    khn = OrganisationFactory(name="KHN Teststad", kind=OrganisationKind.KHN, municipality=town)
    return member(Role.PARTNER, khn)


def test_the_coordinator_deploys_a_measure_in_a_district(
    client, coordinator, measure, district, town_org
):
    client.force_login(coordinator)
    assert client.get(f"{NEW}?maatregel={measure.pk}").context["form"].initial["measure"] == (
        measure.pk
    )

    response = client.post(NEW, _form(measure, district, town_org, cost="1500.00"))

    deployment = Deployment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("deployment-detail", args=[deployment.pk])
    assert (deployment.district, deployment.municipality) == (district, district.municipality)
    assert deployment.created_by == coordinator and deployment.version == 1
    entry = AuditEntry.objects.get(object_id=str(deployment.pk), action="create")
    assert entry.detail["measure"] == measure.key


def test_a_place_in_another_municipality_is_a_form_error(
    client, coordinator, measure, district, town_org, elsewhere
):
    client.force_login(coordinator)
    for place in (f"district:{elsewhere['district'].pk}", "district:x", "planet:1", "business:1"):
        response = client.post(NEW, _form(measure, district, town_org, place=place))
        assert response.status_code == 200
        assert "place" in response.context["form"].errors
    assert not Deployment.objects.filter(measure=measure).exists()


def test_an_end_before_the_start_is_a_field_error(client, coordinator, measure, district, town_org):
    client.force_login(coordinator)
    response = client.post(NEW, _form(measure, district, town_org, end="2024-12-31"))
    assert "end" in response.context["form"].errors
    assert not Deployment.objects.exists()


def test_a_stale_edit_is_refused_and_a_fresh_one_saved(
    client, coordinator, deployment, district, town_org
):
    client.force_login(coordinator)
    url = reverse("deployment-edit", args=[deployment.pk])
    data = _form(deployment.measure, district, town_org, notes="Twaalf camera's", version="1")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    deployment.refresh_from_db()
    assert (deployment.notes, deployment.version) == ("Twaalf camera's", 2)

    response = client.post(url, {**data, "notes": "Oud formulier"}, follow=True)

    assert "Someone else saved this" in response.content.decode() or (
        "Iemand anders" in response.content.decode()
    )
    deployment.refresh_from_db()
    assert deployment.notes == "Twaalf camera's"


def test_the_coordinator_deletes_a_deployment(client, coordinator, deployment):
    client.force_login(coordinator)
    response = client.post(reverse("deployment-edit", args=[deployment.pk]), {"action": "delete"})
    assert response.status_code == 302
    assert not Deployment.objects.filter(pk=deployment.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(deployment.pk), action="delete").exists()


def test_another_municipality_sees_and_changes_nothing(client, deployment, elsewhere):
    client.force_login(elsewhere["coordinator"])
    for name in ("deployment-detail", "deployment-edit", "deployment-evaluation"):
        assert client.get(reverse(name, args=[deployment.pk])).status_code == 404
    response = client.post(reverse("deployment-edit", args=[deployment.pk]), {"action": "delete"})
    assert response.status_code == 404
    assert Deployment.objects.filter(pk=deployment.pk).exists()
    listed = client.get(LIST).context["deployments"]
    assert listed == [elsewhere["deployment"]]


def test_a_partner_reads_but_does_not_deploy(client, partner, deployment, measure, district):
    client.force_login(partner)
    assert client.get(reverse("deployment-detail", args=[deployment.pk])).status_code == 200
    assert client.get(NEW).status_code == 404
    assert client.get(reverse("deployment-edit", args=[deployment.pk])).status_code == 404
    assert client.post(NEW, _form(measure, district, deployment.owner)).status_code == 404


@pytest.mark.parametrize("role", [Role.SYSADMIN, Role.PRIVACY])
def test_roles_without_deployments_get_404(client, deployment, role):
    client.force_login(member(role))
    assert client.get(LIST).status_code == 404
    assert client.get(reverse("deployment-evaluation", args=[deployment.pk])).status_code == 404


def test_the_evaluation_in_full_for_the_municipality(client, coordinator, deployment, robberies):
    robberies("area", 30, 3)
    robberies("buffer", 12, 11)
    robberies("control", 120, 109)
    client.force_login(coordinator)

    response = client.get(reverse("deployment-evaluation", args=[deployment.pk]))

    view = response.context["view"]
    assert view.evaluation.verdict.effect == "decline"
    page = response.content.decode()
    assert 'data-effect="decline"' in page and "<svg" in page
    assert [str(row.after) for row in view.rows] == ["3", "11", "110"]


def test_the_evaluation_for_a_partner_hides_small_counts_and_the_course(
    client, partner, deployment, robberies
):
    robberies("area", 30, 3)
    robberies("buffer", 12, 11)
    robberies("control", 120, 109)
    client.force_login(partner)

    response = client.get(reverse("deployment-evaluation", args=[deployment.pk]))

    view = response.context["view"]
    assert [str(row.after) for row in view.rows] == ["<5", "11", "110"]
    page = response.content.decode()
    assert "<svg" not in page and 'data-testid="statistics"' not in page
    assert 'data-effect="decline"' in page  # the verdict gives no count away


def test_a_deployment_without_area_says_it_cannot_be_evaluated(client, coordinator, deployment):
    Deployment.objects.filter(pk=deployment.pk).update(district=None)
    client.force_login(coordinator)
    response = client.get(reverse("deployment-evaluation", args=[deployment.pk]))
    assert response.status_code == 200
    assert response.context["problem"]
    assert 'data-testid="not-evaluable"' in response.content.decode()


def test_the_list_takes_the_same_queries_for_more_deployments(
    client, coordinator, deployment, django_assert_num_queries
):
    client.force_login(coordinator)
    client.get(LIST)
    # session, user, membership, navigation; the deployments with all they show.
    with django_assert_num_queries(5) as first:
        client.get(LIST)
    for _ in range(5):
        Deployment.objects.create(
            measure=MeasureFactory(), municipality=deployment.municipality,
            district=deployment.district, owner=deployment.owner, start=dt.date(2025, 2, 1),
        )  # fmt: skip
    with django_assert_num_queries(len(first)):
        response = client.get(LIST)
    assert len(response.context["deployments"]) == 6


def test_the_catalogue_page_lists_where_the_measure_runs(client, coordinator, deployment):
    client.force_login(coordinator)
    response = client.get(reverse("measure-detail", args=[deployment.measure.pk]))
    assert response.context["deployments"] == [deployment]
    assert 'data-testid="measure-deployments"' in response.content.decode()


def test_the_measure_page_takes_the_same_queries_for_more_deployments(
    client, coordinator, deployment, django_assert_num_queries
):
    client.force_login(coordinator)
    url = reverse("measure-detail", args=[deployment.measure.pk])
    client.get(url)
    with django_assert_num_queries(6) as first:
        client.get(url)
    for _ in range(4):
        Deployment.objects.create(
            measure=deployment.measure, municipality=deployment.municipality,
            district=deployment.district, owner=deployment.owner, start=dt.date(2025, 3, 1),
        )  # fmt: skip
    with django_assert_num_queries(len(first)):
        response = client.get(url)
    assert len(response.context["deployments"]) == 5
