"""The evaluation of a deployment against the register: robberies in the area, the buffer
around it and the comparison area, before and after, on synthetic data with a known
effect, with none, and with displacement."""

import datetime as dt

import pytest

from overvalregie.measures.choices import Comparison
from overvalregie.measures.evaluation import NotEvaluable, evaluate, periods
from overvalregie.measures.presentation import evaluation_view
from tests.geography.factories import FocusAreaFactory, square
from tests.measures.conftest import START

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# The edge robberies of the fixture (2023-01-05 and 2025-12-31) lie outside both periods,
# except the last day, which counts in the comparison area after.
EDGE_AFTER = 1


def test_a_known_effect_is_a_decline_without_displacement(deployment, robberies):
    robberies("area", 30, 6)
    robberies("buffer", 12, 11)
    robberies("control", 120, 110 - EDGE_AFTER)
    evaluation = evaluate(deployment)
    assert (evaluation.treated.before, evaluation.treated.after) == (30, 6)
    assert (evaluation.buffer.before, evaluation.buffer.after) == (12, 11)
    assert (evaluation.control.before, evaluation.control.after) == (120, 110)
    assert (evaluation.verdict.effect, evaluation.verdict.surroundings) == ("decline", "none")
    assert evaluation.expected_after == pytest.approx(30 * 110 / 120)


def test_no_effect_is_no_difference(deployment, robberies):
    robberies("area", 30, 27)
    robberies("buffer", 12, 11)
    robberies("control", 120, 110 - EDGE_AFTER)
    assert evaluate(deployment).verdict.effect == "no_difference"


def test_displacement_shows_in_the_buffer(deployment, robberies):
    robberies("area", 40, 8)
    robberies("buffer", 10, 38)
    robberies("control", 120, 120 - EDGE_AFTER)
    verdict = evaluate(deployment).verdict
    assert (verdict.effect, verdict.surroundings) == ("decline", "displacement")
    assert verdict.wdq.wdq < 0


def test_too_few_robberies_to_tell(deployment, robberies):
    robberies("area", 5, 1)
    robberies("control", 120, 110 - EDGE_AFTER)
    assert evaluate(deployment).verdict.effect == "too_few"


def test_the_periods_are_equally_long_and_end_at_the_registers_last_robbery(deployment):
    before, after, shortened = periods(deployment, dt.date(2020, 1, 1), dt.date(2025, 6, 30))
    assert after.start == START and after.end == dt.date(2025, 6, 30)
    assert before.end == dt.date(2024, 12, 31)
    assert before.days == after.days == 181
    assert not shortened


def test_a_deployment_that_ended_is_counted_to_its_end(deployment):
    deployment.end = dt.date(2025, 3, 31)
    _before, after, shortened = periods(deployment, dt.date(2020, 1, 1), dt.date(2025, 12, 31))
    assert after.end == dt.date(2025, 3, 31) and not shortened


def test_a_short_register_shortens_both_periods(deployment):
    before, after, shortened = periods(deployment, dt.date(2024, 10, 1), dt.date(2025, 12, 31))
    assert before.start == dt.date(2024, 10, 1)
    assert after.days == before.days == 92
    assert shortened


def test_a_deployment_after_the_registers_last_day_is_not_yet_evaluable(deployment):
    with pytest.raises(NotEvaluable, match="no robberies after the start"):
        periods(deployment, dt.date(2020, 1, 1), dt.date(2024, 12, 1))


def test_a_deployment_without_an_area_is_not_evaluable(deployment, robberies):
    deployment.district = None
    with pytest.raises(NotEvaluable, match="no area"):
        evaluate(deployment)


def test_a_comparison_district_inside_the_buffer_is_refused(deployment, district, robberies):
    deployment.comparison = Comparison.DISTRICT
    deployment.comparison_district = district
    with pytest.raises(NotEvaluable, match="lies entirely within"):
        evaluate(deployment)


def test_a_focus_area_is_evaluated_in_its_own_shape(deployment, town, robberies):
    # A small focus area around the area's spot: the buffer spot (150 m east of the district)
    # is more than 400 m from it, so it counts in the comparison area instead.
    deployment.district = None
    shape = square(5.109, 52.109, 0.002)
    deployment.focus_area = FocusAreaFactory(municipality=town, geometry=shape)
    robberies("area", 20, 3)
    robberies("buffer", 5, 5)
    robberies("control", 100, 100 - EDGE_AFTER)
    evaluation = evaluate(deployment)
    assert (evaluation.treated.before, evaluation.treated.after) == (20, 3)
    assert evaluation.buffer.before + evaluation.buffer.after == 0
    assert (evaluation.control.before, evaluation.control.after) == (105, 105)


def test_the_three_month_series_adds_up_to_the_totals(deployment, robberies):
    robberies("area", 30, 6)
    robberies("buffer", 12, 11)
    robberies("control", 120, 110 - EDGE_AFTER)
    evaluation = evaluate(deployment)
    series = evaluation.series
    assert len(series) == 8  # a year before and a year after, in blocks of three months
    assert [row.after for row in series] == [False] * 4 + [True] * 4
    assert sum(row.treated for row in series if not row.after) == 30
    assert sum(row.treated for row in series if row.after) == 6
    assert sum(row.control for row in series) == 230


def test_outside_the_municipality_small_counts_and_the_series_are_hidden(deployment, robberies):
    robberies("area", 30, 3)
    robberies("buffer", 12, 11)
    robberies("control", 120, 110 - EDGE_AFTER)
    evaluation = evaluate(deployment)
    hidden = evaluation_view(evaluation, suppress=True)
    assert [(str(r.before), str(r.after)) for r in hidden.rows] == [
        ("30", "<5"),
        ("12", "11"),
        ("120", "110"),
    ]
    assert hidden.chart is None
    assert hidden.statistics == []  # they could give the hidden count back
    assert hidden.headline == evaluation_view(evaluation, suppress=False).headline
    shown = evaluation_view(evaluation, suppress=False)
    assert [str(r.after) for r in shown.rows] == ["3", "11", "110"]
    assert shown.chart is not None and shown.statistics
