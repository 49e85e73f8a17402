import pytest

from overvalregie.audit.models import AuditEntry
from overvalregie.incidents.importers import apply_import, plan_import
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import make_town, row, write_csv


@pytest.fixture
def town(db):
    return make_town()


def test_a_changed_row_updates_only_its_changed_fields_and_is_audited(town, tmp_path):
    apply_import(write_csv(tmp_path / "a.csv", [row(1), row(2)]), "a.csv")
    changed = write_csv(tmp_path / "b.csv", [row(1, solved="ja", address="Geheim adres 9"), row(2)])

    plan = plan_import(changed, "b.csv")
    result = apply_import(changed, "b.csv")

    assert (plan.to_add, plan.to_change, plan.unchanged) == (0, 1, 1)
    assert plan.sample_to_change[0]["changed"] == ["address", "solved"]
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    robbery = Robbery.objects.get(source_id="P-1")
    assert robbery.solved is True and robbery.address == "Geheim adres 9"
    update = AuditEntry.objects.get(action="update")
    assert update.object_id == str(robbery.pk)
    assert update.detail == {"changed": ["address", "solved"], "via": "import"}
    assert "Geheim" not in str(AuditEntry.objects.values_list("detail", flat=True))
    last_import = AuditEntry.objects.filter(action="import").latest("sequence")
    assert last_import.detail == {"format": "csv", "created": 0, "updated": 1, "unchanged": 1}


def test_moving_a_point_updates_its_coordinates(town, tmp_path):
    apply_import(write_csv(tmp_path / "a.csv", [row(1)]), "a.csv")

    apply_import(write_csv(tmp_path / "b.csv", [row(1, lon="5.3")]), "b.csv")

    entry = AuditEntry.objects.get(action="update")
    assert entry.detail["changed"] == ["lon", "rd_x", "rd_y"]
    assert Robbery.objects.get().lon == 5.3
