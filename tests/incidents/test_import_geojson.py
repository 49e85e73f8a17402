import json

import pytest

from overvalregie.incidents.importers import ImportRejected, apply_import
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import make_town, row


@pytest.fixture
def town(db):
    return make_town()


def feature(number, geometry=None, **overrides):
    properties = row(number, **overrides)
    lon, lat = float(properties.pop("lon")), float(properties.pop("lat"))
    geometry = geometry or {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_point_features(town, tmp_path):
    path = write(tmp_path / "a.geojson", [feature(1), feature(2, lon="5.4")])

    result = apply_import(path, "a.geojson")

    assert result.created == 2
    assert Robbery.objects.get(source_id="P-2").lon == 5.4


def test_feature_without_point_is_reported_by_its_position(town, tmp_path):
    line = {"type": "LineString", "coordinates": [[5.1, 52.1], [5.2, 52.2]]}
    path = write(tmp_path / "a.geojson", [feature(1), feature(2, geometry=line)])

    with pytest.raises(ImportRejected) as rejected:
        apply_import(path, "a.geojson")

    assert [(e.line, e.column) for e in rejected.value.errors] == [(2, "lon"), (2, "lat")]
    assert Robbery.objects.count() == 0


@pytest.mark.parametrize("content", ['{"type": "Feature"}', "[1, 2", "null"])
def test_not_a_feature_collection(town, tmp_path, content):
    path = tmp_path / "a.geojson"
    path.write_text(content)

    with pytest.raises(ImportRejected) as rejected:
        apply_import(path, "a.geojson")

    assert rejected.value.errors[0].line == 1
