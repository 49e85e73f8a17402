"""Importing the real CBS municipality boundaries of 2024."""

import pytest
from django.core.management import call_command

from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.geography.locate import locate
from overvalregie.geography.models import Municipality

pytestmark = pytest.mark.django_db

DAM = (4.8936, 52.3731)


def test_loads_all_342_municipalities_and_places_the_dam_in_amsterdam(geo_file, capsys):
    call_command("import_geography", str(geo_file("gemeente_2024.geojson")), "--level", "gemeente")

    assert Municipality.objects.count() == 342
    assert set(Municipality.objects.values_list("boundary_year", flat=True)) == {2024}
    amsterdam = Municipality.objects.get(code="GM0363")
    assert amsterdam.name == "Amsterdam"
    assert amsterdam.min_lon < DAM[0] < amsterdam.max_lon
    assert amsterdam.min_lat < DAM[1] < amsterdam.max_lat
    assert locate(*DAM).municipality.code == "GM0363"
    assert "342 created, 0 updated, 0 unchanged" in capsys.readouterr().out


def test_records_one_audit_entry_with_counts(geo_file):
    call_command("import_geography", str(geo_file("gemeente_2024.geojson")), "--level", "gemeente")

    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.IMPORT
    assert entry.object_type == "geography.municipality"
    assert entry.actor_id == ""  # the command line, not a person
    assert entry.detail["level"] == "gemeente"
    assert entry.detail["years"] == [2024]
    assert (entry.detail["created"], entry.detail["updated"], entry.detail["unchanged"]) == (
        342,
        0,
        0,
    )
