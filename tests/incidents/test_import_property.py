"""Random and malformed files never crash the importer and never write half an import."""

import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overvalregie.incidents.importers import ImportPlan, ImportRejected, apply_import, plan_import
from overvalregie.incidents.models import Robbery
from tests.incidents.test_import_support import HEADER, make_town, row

FILENAMES = st.sampled_from(["a.csv", "a.xlsx", "a.geojson", "a.json", "a.txt", "a", ""])
TOKENS = st.sampled_from(
    [
        "",
        " ",
        "ja",
        "nee",
        "-1",
        "0",
        "1",
        "5,2",
        "52.2",
        "5.2",
        "nan",
        "inf",
        "1e309",
        "2024-02-30",
        "01-03-2024",
        "2999-01-01",
        "25:61",
        "14:30",
        "shop",
        "winkel",
        "home",
        "supermarket",
        "knife",
        "lt500",
        "overval",
        "straatroof",
        "\x00",
        '"',
        ";",
        ",",
        "\n",
        "é",
        "x" * 300,
    ]
)
CELLS = st.one_of(TOKENS, st.text(max_size=12))


@st.composite
def csv_files(draw):
    columns = draw(st.lists(st.sampled_from([*HEADER, "x", "y", "other"]), max_size=22))
    if draw(st.booleans()):
        columns = HEADER
    rows = draw(
        st.lists(
            st.one_of(
                st.fixed_dictionaries({c: CELLS for c in columns}),
                st.builds(lambda n: row(n), st.integers(0, 5)),
            ),
            max_size=8,
        )
    )
    text = io.StringIO()
    writer = csv.DictWriter(
        text, columns, delimiter=draw(st.sampled_from([",", ";"])), extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    content = text.getvalue()
    content = content[: draw(st.integers(0, len(content)))] if draw(st.booleans()) else content
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return content.encode(encoding, errors="replace"), draw(st.sampled_from(["a.csv", ""]))


@st.composite
def geojson_files(draw):
    features = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "type": st.just("Feature"),
                    "properties": st.one_of(
                        st.none(), st.dictionaries(st.sampled_from(HEADER), CELLS)
                    ),
                    "geometry": st.one_of(
                        st.none(),
                        st.fixed_dictionaries(
                            {
                                "type": st.sampled_from(["Point", "Polygon"]),
                                "coordinates": st.lists(
                                    st.one_of(st.floats(allow_nan=False), st.text(max_size=3)),
                                    max_size=3,
                                ),
                            }
                        ),
                    ),
                }
            ),
            max_size=5,
        )
    )
    document = {
        "type": draw(st.sampled_from(["FeatureCollection", "Feature"])),
        "features": features,
    }
    return json.dumps(document).encode(), "a.geojson"


FILES = st.one_of(
    st.tuples(st.binary(max_size=300), FILENAMES),
    st.tuples(st.binary(max_size=60).map(lambda b: b"PK\x03\x04" + b), st.just("a.xlsx")),
    csv_files(),
    geojson_files(),
)


@pytest.fixture
def town(db):
    return make_town()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(FILES)
def test_random_files_are_planned_or_rejected_never_crash(town, file):
    content, filename = file
    before = Robbery.objects.count()

    plan = plan_import(io.BytesIO(content), filename)
    assert isinstance(plan, ImportPlan)
    assert Robbery.objects.count() == before
    try:
        result = apply_import(io.BytesIO(content), filename)
    except ImportRejected as rejected:
        assert rejected.errors
        assert not plan.ok
        assert Robbery.objects.count() == before
    else:
        assert plan.ok
        assert Robbery.objects.count() == before + result.created
