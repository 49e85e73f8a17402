"""An import that commits opens the follow-ups of its recent robberies; what the victim line
does with the news cannot fail the import."""

import datetime as dt

import pytest

from overvalregie.incidents.importers import apply_import
from overvalregie.incidents.models import Robbery
from overvalregie.lines import services
from overvalregie.lines.models import VictimFollowUp
from tests.incidents.test_import_support import make_town, row, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db):
    return make_town()


def test_a_committed_import_opens_the_follow_ups(
    town, tmp_path, django_capture_on_commit_callbacks
):
    recent = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    csv = write_csv(tmp_path / "a.csv", [row(1, date=recent), row(2, date="2019-01-10")])
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(csv, "a.csv")
    assert [f.robbery.source_id for f in VictimFollowUp.objects.all()] == ["P-1"]


def test_a_failing_receiver_does_not_fail_the_import(
    town, tmp_path, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("the victim line is down")

    monkeypatch.setattr(services, "open_follow_ups", broken)
    recent = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        result = apply_import(write_csv(tmp_path / "a.csv", [row(1, date=recent)]), "a.csv")
    assert result.created == 1 and Robbery.objects.count() == 1
