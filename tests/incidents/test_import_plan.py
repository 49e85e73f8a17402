import pytest
from django.core.exceptions import PermissionDenied

from overvalregie.audit.models import AuditEntry
from overvalregie.incidents.importers import apply_import, plan_import
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import make_town, row, write_csv
from tests.organisations.factories import UserFactory


@pytest.fixture
def town(db):
    return make_town()


def test_plan_counts_and_samples_without_writing(town, tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(n) | {"extra": "x"} for n in range(15)])

    plan = plan_import(path, "a.csv")

    assert plan.ok and plan.format == "csv"
    assert (plan.to_add, plan.to_change, plan.unchanged) == (15, 0, 0)
    assert len(plan.sample_to_add) == 10
    assert plan.sample_to_add[0]["line"] == 2
    assert plan.ignored_columns == ["extra"]
    assert Robbery.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_progress_is_reported_per_chunk(town, tmp_path, monkeypatch):
    monkeypatch.setattr("overvalregie.incidents.importers.services.CHUNK_SIZE", 4)
    path = write_csv(tmp_path / "a.csv", [row(n) for n in range(10)])
    calls = []

    apply_import(path, "a.csv", progress=calls.append)

    assert calls == [4, 8, 10]


def test_an_uploaded_file_object_is_read(town, tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1)])

    with open(path, "rb") as handle:
        assert apply_import(handle, "upload.csv").created == 1


def test_a_user_without_the_permission_is_refused(town, tmp_path):
    path = write_csv(tmp_path / "a.csv", [row(1)])

    with pytest.raises(PermissionDenied):
        apply_import(path, "a.csv", user=UserFactory())

    assert Robbery.objects.count() == 0
    assert AuditEntry.objects.get().action == "refused"
