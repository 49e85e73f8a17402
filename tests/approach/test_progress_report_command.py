"""``overvalregie progress-report``: the report of a municipality's approach as PDF and JSON."""

import datetime as dt
import json
import uuid

import pytest
from django.core.management import CommandError, call_command

from overvalregie.approach import services
from overvalregie.approach.metrics import goal_values
from overvalregie.approach.models import Goal
from overvalregie.audit.models import AuditAction, AuditEntry
from overvalregie.cli import COMMANDS
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory


@pytest.fixture
def goals(coordinator, approach, town):
    RobberyFactory(municipality=town, date=dt.date(2025, 2, 1), solved=True)
    RobberyFactory(municipality=town, date=dt.date(2025, 3, 1))
    return [
        services.save_part(coordinator, Goal(
            approach=approach, title="Minder overvallen", baseline_start=dt.date(2024, 1, 1),
            target=10, deadline=dt.date(2026, 12, 31),
        )),
        services.save_part(coordinator, Goal(
            approach=approach, title="Meer opgehelderd", metric="solved_percent", period="year",
            baseline_start=dt.date(2024, 1, 1), target=50, deadline=dt.date(2026, 12, 31),
        )),
    ]  # fmt: skip


def test_writes_the_pdf_and_the_json(town, approach, goals, tmp_path, capsys):
    pdf, out = tmp_path / "report.pdf", tmp_path / "report.json"

    call_command("progress_report", municipality=town.code.lower(), pdf_file=str(pdf),
                 json_file=str(out))  # fmt: skip

    assert pdf.read_bytes().startswith(b"%PDF")
    data = json.loads(out.read_text())
    assert data["approach"]["id"] == str(approach.pk)
    assert data["approach"]["municipality"]["code"] == town.code
    assert [g["goal"] for g in data["goals"]] == ["Minder overvallen", "Meer opgehelderd"]
    for entry, goal in zip(data["goals"], goals, strict=True):
        values = goal_values(goal)
        assert entry["metric"]["measure"] == goal.metric and entry["metric"]["text"]
        assert entry["baseline"]["period"] == values.baseline.label
        assert entry["baseline"]["value"] == values.baseline.value
        assert entry["target"] == goal.target
        assert entry["current"]["value"] == values.current.value
        assert entry["current"]["period"] == values.current.label
    assert data["goals"][0]["baseline"]["value"] == 20  # the town's robberies of March 2024
    assert data["measures"] == []
    assert data["robberies"]["total"]["value"] >= 2
    assert "Aanpak overvallen Teststad 2025" in capsys.readouterr().out


def test_json_only(town, approach, tmp_path):
    out = tmp_path / "report.json"
    call_command("progress_report", municipality=town.code, json_file=str(out))
    assert json.loads(out.read_text())["goals"] == []
    assert not (tmp_path / "report.pdf").exists()


def test_the_current_approach_is_the_active_one_started_last(coordinator, town, approach,
                                                             tmp_path):  # fmt: skip
    later = services.start(coordinator, municipality=town, kind="kvo", name="KVO winkelcentrum",
                           started=dt.date(2025, 3, 1))  # fmt: skip
    out = tmp_path / "report.json"

    call_command("progress_report", municipality=town.code, json_file=str(out))
    assert json.loads(out.read_text())["approach"]["id"] == str(later.pk)

    services.set_status(coordinator, later, "completed")
    call_command("progress_report", municipality=town.code, json_file=str(out))
    assert json.loads(out.read_text())["approach"]["id"] == str(approach.pk)

    call_command("progress_report", municipality=town.code, approach=str(later.pk),
                 json_file=str(out))  # fmt: skip
    assert json.loads(out.read_text())["approach"]["id"] == str(later.pk)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"municipality": "GM0000"}, "no municipality"),
        ({"approach": "not-a-uuid"}, "is not an approach id"),
        ({"approach": str(uuid.uuid4())}, "has no approach with id"),
        ({"pdf_file": None, "json_file": None}, "--pdf"),
    ],
)
def test_bad_arguments_are_clear_errors(town, approach, tmp_path, arguments, message):
    options = {"municipality": town.code, "json_file": str(tmp_path / "r.json"), **arguments}
    with pytest.raises(CommandError, match=message):
        call_command("progress_report", **options)
    assert not (tmp_path / "r.json").exists()


def test_each_file_written_is_an_export_in_the_audit_trail(town, approach, tmp_path):
    call_command("progress_report", municipality=town.code, pdf_file=str(tmp_path / "r.pdf"),
                 json_file=str(tmp_path / "r.json"))  # fmt: skip

    entries = AuditEntry.objects.filter(action=AuditAction.EXPORT).order_by("sequence")
    assert [(e.object_type, e.object_id, e.actor_id) for e in entries] == [
        ("approach.approach", str(approach.pk), ""),
        ("approach.approach", str(approach.pk), ""),
    ]
    assert sorted(e.detail["format"] for e in entries) == ["json", "pdf"]


@pytest.mark.parametrize("option", ["pdf_file", "json_file"])
def test_a_path_that_cannot_be_written_is_a_clear_error(town, approach, tmp_path, option):
    path = tmp_path / "missing-folder" / "report.out"
    with pytest.raises(CommandError, match=r"cannot write .*missing-folder.*report\.out"):
        call_command("progress_report", municipality=town.code, **{option: str(path)})
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_an_approach_of_another_municipality_is_refused(town, approach, tmp_path):
    other = MunicipalityFactory()
    with pytest.raises(CommandError, match="has no approach with id"):
        call_command("progress_report", municipality=other.code, approach=str(approach.pk),
                     json_file=str(tmp_path / "r.json"))  # fmt: skip


def test_a_municipality_without_an_approach(town, tmp_path):
    with pytest.raises(CommandError, match="no approach under way"):
        call_command("progress_report", municipality=town.code, json_file=str(tmp_path / "r"))


def test_the_commands_are_registered():
    assert COMMANDS["progress-report"][0] == "progress_report"
    assert COMMANDS["reminders"][0] == "reminders"
