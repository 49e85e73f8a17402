"""``overvalregie hotspots``: JSON grids and a readable table; bad input exits 2 cleanly."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from overvalregie.analysis.commands.hotspots import main

CHICAGO = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "chicago-nearrepeat"
    / "steenbeek_extdata"
    / "chicago_be_month1.csv"
)

#: Two clusters and some scatter, RD coordinates (metres).
ROWS = [
    (155_010.0, 463_020.0),
    (155_030.0, 463_060.0),
    (155_060.0, 463_090.0),
    (155_040.0, 463_110.0),
    (155_100.0, 463_040.0),
    (155_990.0, 463_880.0),
    (156_010.0, 463_900.0),
    (155_600.0, 463_500.0),
    (155_250.0, 463_999.0),
    (156_250.0, 463_000.0),  # exactly on a cell edge: starts a new column
]


@pytest.fixture
def small_csv(tmp_path):
    path = tmp_path / "events.csv"
    lines = ["x;y;datum"] + [
        f"{x:.1f};{y:.1f};2024-01-0{n % 9 + 1}" for n, (x, y) in enumerate(ROWS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_gi_writes_the_grids_as_json(small_csv, tmp_path, capsys):
    target = tmp_path / "gi.json"
    status, out, err = run(
        capsys, small_csv, "--x-column", "x", "--y-column", "y", "--method", "gi",
        "--seed", "1", "--json", target,
    )  # fmt: skip
    assert status == 0, err
    data = json.loads(target.read_text())
    assert set(data) >= {"origin", "cell_size", "shape", "counts", "z", "p"}
    assert data["cell_size"] == 125
    assert data["origin"] == [155_000.0, 463_000.0]
    # x: 155000..156375 -> 11 columns (156250 starts the 11th); y: 463000..464000 -> 8 rows.
    assert data["shape"] == [8, 11]
    counts = np.array(data["counts"])
    assert counts.shape == (8, 11)
    assert counts.sum() == len(ROWS)
    assert counts[0, 0] == 5 and counts[0, 10] == 1  # row 0 is the lowest y
    z, p = np.array(data["z"]), np.array(data["p"])
    assert z.shape == p.shape == (8, 11)
    assert ((p >= 1 / 1000) & (p <= 1)).all()
    assert np.unravel_index(z.argmax(), z.shape) in {(0, 0), (1, 0), (0, 1), (1, 1)}
    assert "10 events" in out and "top 10 cells by z" in out
    assert "hot spot, 99% confidence" in out


def test_kde_writes_density_on_the_event_grid(small_csv, tmp_path, capsys):
    target = tmp_path / "kde.json"
    status, out, err = run(
        capsys, small_csv, "--x-column", "x", "--y-column", "y", "--method", "kde",
        "--kernel", "quartic", "--bandwidth", "300", "--json", target,
    )  # fmt: skip
    assert status == 0, err
    data = json.loads(target.read_text())
    assert data["kernel"] == "quartic" and data["bandwidth"] == 300
    assert data["shape"] == [8, 11] and data["origin"] == [155_000.0, 463_000.0]
    density = np.array(data["density"])
    assert density.shape == (8, 11)
    # Density at the first cell's centre (155062.5, 463062.5), evaluated directly.
    x, y = np.array(ROWS).T
    d2 = (x - 155_062.5) ** 2 + (y - 463_062.5) ** 2
    exact = (3 / (math.pi * 300**2) * np.clip(1 - d2 / 300**2, 0, None) ** 2).sum()
    assert density[0, 0] == pytest.approx(exact, rel=0.02)
    # The grid ends at the events, so part of their kernels lies beyond it.
    assert 0.3 * len(ROWS) < density.sum() * 125**2 < len(ROWS)
    assert "top 10 cells by density" in out


def test_kde_default_bandwidth_is_two_cells(small_csv, tmp_path, capsys):
    target = tmp_path / "kde.json"
    status, out, _ = run(
        capsys, small_csv, "--x-column", "x", "--y-column", "y", "--method", "kde",
        "--cell-size", "100", "--json", target,
    )  # fmt: skip
    assert status == 0
    data = json.loads(target.read_text())
    assert data["bandwidth"] == 200 and data["kernel"] == "gaussian"
    assert data["origin"] == [155_000.0, 463_000.0] and data["cell_size"] == 100
    assert "bandwidth 200 m (default" in out


@pytest.mark.skipif(not CHICAGO.exists(), reason=f"{CHICAGO} is not there")
@pytest.mark.parametrize("method", ["gi", "kde"])
def test_chicago_burglaries(method, tmp_path, capsys):
    target = tmp_path / "out.json"
    status, out, err = run(
        capsys, CHICAGO, "--x-column", "1", "--y-column", "2", "--no-header",
        "--method", method, "--permutations", "99", "--seed", "4", "--json", target,
    )  # fmt: skip
    assert status == 0, err
    x, y = np.loadtxt(CHICAGO, delimiter=",", usecols=(0, 1), unpack=True)
    data = json.loads(target.read_text())
    assert data["origin"] == [math.floor(x.min() / 125) * 125, math.floor(y.min() / 125) * 125]
    rows = math.floor((y.max() - data["origin"][1]) / 125) + 1
    cols = math.floor((x.max() - data["origin"][0]) / 125) + 1
    assert data["shape"] == [rows, cols]
    counts = np.array(data["counts"])
    assert counts.shape == (rows, cols) and counts.sum() == len(x) == 970
    key = "z" if method == "gi" else "density"
    assert np.array(data[key]).shape == (rows, cols)
    assert f"{len(x)} events" in out


def test_column_missing_from_the_header_exits_2(small_csv, capsys):
    status, _, err = run(
        capsys, small_csv, "--x-column", "lon", "--y-column", "y", "--method", "gi"
    )
    assert status == 2
    assert "'lon' is not in the header" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_short_row_exits_2_with_its_line_number(tmp_path, capsys):
    path = tmp_path / "short.csv"
    path.write_text("x,y\n1000,2000\n1100\n", encoding="utf-8")
    status, _, err = run(capsys, path, "--x-column", "x", "--y-column", "y", "--method", "gi")
    assert status == 2
    assert "line 3" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_cell_that_is_not_a_number_exits_2_with_its_line_number(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("1000,2000\n1100,2100\n1200,twee\n", encoding="utf-8")
    status, _, err = run(
        capsys, path, "--x-column", "1", "--y-column", "2", "--no-header", "--method", "kde"
    )
    assert status == 2
    assert "line 3" in err and "'twee' is not a number" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_too_small_a_bandwidth_exits_2(small_csv, capsys):
    status, out, err = run(
        capsys, small_csv, "--x-column", "x", "--y-column", "y", "--method", "kde",
        "--kernel", "quartic", "--bandwidth", "50",
    )  # fmt: skip
    assert status == 2
    assert "at least 125 m" in err and out == ""


def test_usage_errors_exit_2(small_csv, capsys):
    status, _, err = run(capsys, small_csv, "--x-column", "x", "--y-column", "y", "--method", "x")
    assert status == 2 and "overvalregie hotspots" in err
    status, _, err = run(
        capsys, small_csv, "--x-column", "x", "--y-column", "y", "--method", "gi",
        "--cell-size", "-5",
    )  # fmt: skip
    assert status == 2 and "positive" in err
