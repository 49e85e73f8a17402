"""``overvalregie forecast-evaluate``: JSON per method, a readable table, clear errors."""

import json

import numpy as np
import pytest

from overvalregie.cli import main


def _events(path, n=400, seed=4):
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 420, n)
    hot = rng.random(n) < 0.4
    x = np.where(hot, 525 + rng.uniform(-20, 20, n), rng.uniform(0, 1000, n))
    y = np.where(hot, 525 + rng.uniform(-20, 20, n), rng.uniform(0, 1000, n))
    dates = np.datetime64("2023-01-01") + days.astype("timedelta64[D]")
    lines = ["x,y,datum"] + [f"{a:.1f},{b:.1f},{d}" for a, b, d in zip(x, y, dates, strict=True)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_every_method_gets_weekly_scores_and_intervals(tmp_path, capsys):
    data, out = _events(tmp_path / "events.csv"), tmp_path / "result.json"

    code = main(["forecast-evaluate", str(data), "--x-column", "x", "--y-column", "y",
                 "--date-column", "datum", "--cell-size", "50", "--start", "2024-01-01",
                 "--weeks", "6", "--json", str(out)])  # fmt: skip

    assert code == 0
    result = json.loads(out.read_text())
    assert set(result["methods"]) == {"naive", "kde", "prospective", "best"}
    naive = result["methods"]["naive"]
    assert len(naive["hit_rates"]) == 6 and len(naive["weeks"]) == 6
    assert naive["weeks"][1] == "2024-01-08"
    rates = [rate for rate in naive["hit_rates"] if rate is not None]
    assert naive["mean_hit_rate"]["mean"] == sum(rates) / len(rates)
    low, high = naive["mean_pai"]["low"], naive["mean_pai"]["high"]
    assert low <= naive["mean_pai"]["mean"] <= high
    assert result["flagged_cells"] == int(np.ceil(0.05 * result["area_cells"]))
    assert "hit rate" in capsys.readouterr().out


def test_a_bad_start_date_is_an_argument_error(tmp_path, capsys):
    data = _events(tmp_path / "events.csv")

    with pytest.raises(SystemExit) as exit_:
        main(["forecast-evaluate", str(data), "--x-column", "x", "--y-column", "y",
              "--date-column", "datum", "--cell-size", "50", "--start", "1-1-2024",
              "--weeks", "2"])  # fmt: skip

    assert exit_.value.code == 2
    assert "is not a date" in capsys.readouterr().err


def test_a_missing_column_exits_2(tmp_path, capsys):
    data = _events(tmp_path / "events.csv")

    code = main(["forecast-evaluate", str(data), "--x-column", "x", "--y-column", "y",
                 "--date-column", "wanneer", "--cell-size", "50", "--start", "2024-01-01",
                 "--weeks", "2"])  # fmt: skip

    assert code == 2
    assert "'wanneer' is not in the header" in capsys.readouterr().err


def test_a_boundary_limits_the_study_area(tmp_path):
    data, out = _events(tmp_path / "events.csv"), tmp_path / "result.json"
    boundary = tmp_path / "area.geojson"
    square = [[0, 0], [500, 0], [500, 500], [0, 500], [0, 0]]  # a quarter of the 1 km square
    polygon = {"type": "Polygon", "coordinates": [square]}
    feature = {"type": "Feature", "properties": {}, "geometry": polygon}
    boundary.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))

    code = main(["forecast-evaluate", str(data), "--x-column", "x", "--y-column", "y",
                 "--date-column", "datum", "--cell-size", "50", "--start", "2024-01-01",
                 "--weeks", "2", "--method", "naive", "--boundary", str(boundary),
                 "--json", str(out)])  # fmt: skip

    assert code == 0
    result = json.loads(out.read_text())
    assert result["area_cells"] == 100  # 10 x 10 cells of 50 m
    assert result["flagged_cells"] == 5


def test_a_boundary_without_polygons_exits_2(tmp_path, capsys):
    data = _events(tmp_path / "events.csv")
    boundary = tmp_path / "point.geojson"
    boundary.write_text('{"type": "Point", "coordinates": [1, 2]}')

    code = main(["forecast-evaluate", str(data), "--x-column", "x", "--y-column", "y",
                 "--date-column", "datum", "--cell-size", "50", "--start", "2024-01-01",
                 "--weeks", "2", "--boundary", str(boundary)])  # fmt: skip

    assert code == 2
    assert "no Polygon" in capsys.readouterr().err
