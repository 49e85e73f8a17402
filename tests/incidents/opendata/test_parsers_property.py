"""Property checks of the period, title and value parsers."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from overvalregie.incidents.opendata.parsers import normalise_title, parse_period, parse_value


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_months_start_on_their_first_day(year, month):
    period = parse_period(f"{year}MM{month:02d}")
    assert (period.kind, period.start) == ("month", datetime.date(year, month, 1))


@given(st.integers(1900, 2100), st.integers(1, 4))
def test_quarters_start_on_their_first_month(year, quarter):
    period = parse_period(f"{year}KW{quarter:02d}")
    assert (period.kind, period.start) == ("quarter", datetime.date(year, 3 * quarter - 2, 1))


@given(st.text(max_size=12))
def test_any_text_is_a_period_or_none_without_raising(text):
    period = parse_period(text)
    assert period is None or period.code == text


@given(st.text(max_size=20))
def test_any_cell_parses_without_raising(cell):
    value, ok = parse_value(cell)
    assert ok or value is None
    assert value is None or value >= 0


@given(
    st.lists(st.integers(0, 9), min_size=1, max_size=4), st.sampled_from(["Overval", "Straatroof"])
)
def test_numbering_and_case_do_not_change_the_offence(numbers, title):
    numbered = ".".join(map(str, numbers)) + " " + title.upper() + "  "
    assert normalise_title(numbered) == title.lower()
