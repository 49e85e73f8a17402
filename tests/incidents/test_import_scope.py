"""A user imports only into the municipalities of their organisation; the command into all."""

import pytest
from django.utils import translation

from overvalregie.incidents.importers import plan_import
from overvalregie.organisations.roles import Role
from tests.geography.factories import square
from tests.incidents.test_import_support import make_town, row, write_csv
from tests.organisations.factories import MunicipalityFactory, OrganisationFactory, member


@pytest.fixture
def towns(db):
    home = make_town()
    elsewhere = MunicipalityFactory(geometry=square(6.0, 52.0, 0.5), name="Buurstad")
    return home, elsewhere


def test_points_outside_the_users_municipalities_are_rejected(towns, tmp_path):
    home, _elsewhere = towns
    analyst = member(Role.ANALYST, OrganisationFactory(municipality=home))
    path = write_csv(tmp_path / "a.csv", [row(1), row(2, lon="6.2")])

    with translation.override("en"):
        plan = plan_import(path, "a.csv", user=analyst)

    assert plan.to_add == 1
    [error] = plan.errors
    assert (error.line, error.column) == (3, "lon")
    assert "Buurstad" in error.reason
    assert "outside the area of your organisation" in error.reason


def test_the_command_line_imports_into_every_municipality(towns, tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1), row(2, lon="6.2")])

    plan = plan_import(path, "a.csv")

    assert plan.ok and plan.to_add == 2


def test_a_key_of_a_robbery_elsewhere_is_refused_and_left_alone(towns, tmp_path):
    from overvalregie.incidents.importers import apply_import
    from overvalregie.incidents.importers.services import ImportRejected
    from overvalregie.incidents.models import Robbery
    from tests.incidents.factories import RobberyFactory

    home, elsewhere = towns
    theirs = RobberyFactory(municipality=elsewhere, source="politie", source_id="P-1")
    analyst = member(Role.ANALYST, OrganisationFactory(municipality=home))
    path = write_csv(tmp_path / "a.csv", [row(1), row(2)])  # P-1 with a point at home

    with translation.override("en"):
        plan = plan_import(path, "a.csv", user=analyst)
    with pytest.raises(ImportRejected):
        apply_import(path, "a.csv", user=analyst)

    [error] = plan.errors
    assert (error.line, error.column) == (2, "source_id")
    assert "outside your area" in error.reason
    assert plan.sample_to_change == []  # nothing about the other robbery shows
    theirs.refresh_from_db()
    assert theirs.municipality == elsewhere
    assert Robbery.objects.count() == 1
