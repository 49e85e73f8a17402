"""Importing police units links every municipality to the unit it lies in."""

import pytest
from django.core.management import call_command

from overvalregie.geography.locate import locate
from overvalregie.geography.models import Municipality, PoliceUnit

pytestmark = pytest.mark.django_db

DAM = (4.8936, 52.3731)


def _import(path, level):
    call_command("import_geography", str(path), "--level", level)


def test_police_units_after_municipalities_link_amsterdam_to_re05(geo_file):
    _import(geo_file("gemeente_2024.geojson"), "gemeente")
    _import(geo_file("regionale_eenheid_2025.geojson"), "regionale_eenheid")

    assert PoliceUnit.objects.count() == 10
    assert Municipality.objects.get(code="GM0363").police_unit.code == "RE05"
    assert Municipality.objects.get(code="GM0599").police_unit.code == "RE07"  # Rotterdam
    assert not Municipality.objects.filter(police_unit=None).exists()
    location = locate(*DAM)
    assert (location.municipality.code, location.police_unit.code) == ("GM0363", "RE05")


def test_municipalities_after_police_units_are_linked_too(geo_file):
    _import(geo_file("regionale_eenheid_2025.geojson"), "regionale_eenheid")
    _import(geo_file("gemeente_2024.geojson"), "gemeente")

    assert Municipality.objects.get(code="GM0363").police_unit.code == "RE05"
    assert not Municipality.objects.filter(police_unit=None).exists()
