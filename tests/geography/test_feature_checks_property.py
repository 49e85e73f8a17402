"""Checking features never crashes on arbitrary input: it accepts or names a problem."""

from hypothesis import given, settings
from hypothesis import strategies as st

from overvalregie.geography.importers import LEVELS, check_feature, municipality_code

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
coordinates = st.lists(
    st.lists(st.tuples(st.floats(-200, 200), st.floats(-100, 100)), min_size=0, max_size=6),
    max_size=2,
)
geometries = (
    st.fixed_dictionaries(
        {"type": st.sampled_from(["Polygon", "MultiPolygon", "Point"]), "coordinates": coordinates}
    )
    | json_values
)
properties = st.fixed_dictionaries(
    {},
    optional={
        "statcode": st.from_regex(r"(GM|WK|XX)\d{2,6}", fullmatch=True) | json_scalars,
        "statnaam": json_scalars,
        "jrstatcode": st.from_regex(r"\d{4}GM\d{4}", fullmatch=True) | json_scalars,
        "aantal_inwoners": json_scalars,
    },
)
features = (
    st.fixed_dictionaries(
        {"type": st.just("Feature"), "geometry": geometries, "properties": properties}
    )
    | json_values
)


@settings(max_examples=300, deadline=None)
@given(number=st.integers(1, 10_000), feature=features, level=st.sampled_from(sorted(LEVELS)))
def test_check_feature_accepts_or_explains(number, feature, level):
    parsed, problems = check_feature(number, feature, LEVELS[level])

    assert (parsed is None) == bool(problems)
    for problem in problems:
        assert problem.feature == number
        assert problem.field
        assert problem.reason
    if parsed is not None:
        assert LEVELS[level].code_pattern().fullmatch(parsed.code)
        assert parsed.name
        assert 1900 <= parsed.year <= 2100
        assert parsed.geometry["type"] in {"Polygon", "MultiPolygon"}


@given(st.from_regex(r"WK\d{6}|BU\d{8}", fullmatch=True))
def test_parent_municipality_code_keeps_the_municipality_digits(code):
    assert municipality_code(code) == "GM" + code[2:6]
