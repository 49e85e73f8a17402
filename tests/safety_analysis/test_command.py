"""``overvalregie safety-analysis``: the figures, criteria and recommendation as JSON."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


def test_json_holds_figures_criteria_and_recommendation(town, tmp_path, capsys):
    out = tmp_path / "analysis.json"

    with translation.override("en"):
        call_command(
            "safety_analysis", municipality=town.code.lower(), start="2024-01-01",
            end="2024-12-31", json_file=str(out),
        )  # fmt: skip

    result = json.loads(out.read_text())
    assert result["counts"]["total"] == 20
    assert result["recommendation"] in {"specific", "broader", "monitoring"}
    assert [set(c) >= {"name", "met", "value", "threshold"} for c in result["criteria"]] == [
        True
    ] * 5
    repeats = next(c for c in result["criteria"] if c["name"] == "repeat_victims")
    assert repeats["value"] == result["repeats"]["repeat_targets"]
    assert "criteria met" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("municipality", "start", "end", "message"),
    [
        ("GM0000", "2024-01-01", "2024-12-31", "no municipality"),
        (None, "2024-13-01", "2024-12-31", "is not a date"),
        (None, "2024-12-31", "2024-01-01", "before"),
    ],
)
def test_bad_arguments_are_clear_errors(town, municipality, start, end, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "safety_analysis", municipality=municipality or town.code, start=start, end=end
        )
