"""``overvalregie near-repeat``: the table on stdout, the JSON result, clear errors."""

import json

from overvalregie.cli import main
from tests.analysis.test_near_repeat import MONTH1, MONTH1_NRC, _nrc_observed

ARGS = [
    "--no-header", "--x-column", "1", "--y-column", "2", "--date-column", "3",
    "--spatial-bandwidth", "100", "--spatial-bands", "3",
    "--temporal-bandwidth", "7", "--temporal-bands", "3",
    "--metric", "manhattan", "--permutations", "19", "--seed", "1",
]  # fmt: skip


def test_json_and_table_of_an_nrc_compatible_run(tmp_path, capsys):
    out = tmp_path / "result.json"

    assert main(["near-repeat", str(MONTH1), *ARGS, "--nrc-compatible", "--json", str(out)]) == 0

    result = json.loads(out.read_text())
    assert {"n_events", "permutations", "distance_bands", "time_bands", "observed",
            "expected", "knox_ratio", "p_value"} <= set(result)  # fmt: skip
    assert result["n_events"] == 970 and result["permutations"] == 19
    assert result["observed"] == _nrc_observed(MONTH1_NRC)
    assert result["distance_bands"][:2] == [[0.0, 1.0], [1.0, 100.0]]
    assert result["time_bands"][-1] == [21, None]
    assert len(result["p_value"]) == 4 and len(result["p_value"][0]) == 4
    printed = capsys.readouterr().out
    assert "970 events" in printed and "28 (" in printed


def test_a_bad_cell_names_its_line_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y,date\n1,2,2024-01-01\n3,oops,2024-01-02\n")

    code = main(["near-repeat", str(bad), "--x-column", "x", "--y-column", "y",
                 "--date-column", "date", "--spatial-bandwidth", "10", "--spatial-bands", "1",
                 "--temporal-bandwidth", "1", "--temporal-bands", "1"])  # fmt: skip

    assert code == 2
    error = capsys.readouterr().err
    assert "line 3" in error and "oops" in error and "Traceback" not in error


def test_a_missing_column_is_named(tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("x,y,date\n1,2,2024-01-01\n")

    code = main(["near-repeat", str(good), "--x-column", "x", "--y-column", "north",
                 "--date-column", "date", "--spatial-bandwidth", "10", "--spatial-bands", "1",
                 "--temporal-bandwidth", "1", "--temporal-bands", "1"])  # fmt: skip

    assert code == 2
    assert "'north' is not in the header" in capsys.readouterr().err


def test_a_group_column_pools_strata(tmp_path):
    data = tmp_path / "two-towns.csv"
    rows = ["x;y;datum;gemeente"]
    rows += [f"{10 * k};0;2024-01-{1 + k:02d};Noord" for k in range(5)]
    rows += [f"{10 * k};0;2024-03-{1 + k:02d};Zuid" for k in range(4)]
    data.write_text("\n".join(rows) + "\n")
    out = tmp_path / "result.json"

    code = main(["near-repeat", str(data), "--x-column", "x", "--y-column", "y",
                 "--date-column", "datum", "--group-column", "gemeente",
                 "--spatial-bandwidth", "20", "--spatial-bands", "1",
                 "--temporal-bandwidth", "1", "--temporal-bands", "1",
                 "--permutations", "9", "--json", str(out)])  # fmt: skip

    result = json.loads(out.read_text())
    assert code == 0
    assert (result["n_groups"], result["min_group_size"], result["n_events"]) == (2, 4, 9)
    # Only pairs within a town: 4 + 3 neighbours 10 m apart, 3 + 2 at 20 m.
    assert sum(map(sum, result["observed"])) == 4 + 3 + 3 + 2
