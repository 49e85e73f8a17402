import pytest

from overvalregie.audit.models import AuditEntry
from overvalregie.incidents.importers import apply_import, plan_import
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import make_town, row, write_csv


@pytest.fixture
def town(db):
    return make_town()


def test_importing_the_same_file_twice_changes_nothing(town, tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(n) for n in range(5)])
    apply_import(path, "a.csv")
    before = {r.pk: r.modified for r in Robbery.objects.all()}

    plan = plan_import(path, "a.csv")
    result = apply_import(path, "a.csv")

    assert (plan.to_add, plan.to_change, plan.unchanged) == (0, 0, 5)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)
    assert {r.pk: r.modified for r in Robbery.objects.all()} == before
    assert AuditEntry.objects.filter(action="update").count() == 0
    imports = AuditEntry.objects.filter(action="import").order_by("sequence")
    assert [e.detail["created"] for e in imports] == [5, 0]
