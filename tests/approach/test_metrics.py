"""A goal's values equal an independent brute-force count over the register."""

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from overvalregie.approach import metrics
from overvalregie.approach.models import Approach, Goal
from overvalregie.incidents.choices import IncidentKind, TargetType
from overvalregie.incidents.models import Business
from tests.approach import brute
from tests.geography.factories import DistrictFactory, PoliceUnitFactory
from tests.incidents.factories import RobberyFactory
from tests.organisations.factories import MunicipalityFactory

TODAY = dt.date(2025, 8, 15)
PERIODS = ["quarter", "half_year", "year"]
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@pytest.fixture
def register(db):
    """Robberies of three years in a town (two districts), its neighbour in the same police
    unit and a municipality elsewhere; street robberies and attempts among them."""
    region = PoliceUnitFactory()
    town = MunicipalityFactory(police_unit=region)
    neighbour = MunicipalityFactory(police_unit=region)
    elsewhere = MunicipalityFactory()
    north, south = DistrictFactory(municipality=town), DistrictFactory(municipality=town)
    shops = [
        Business.objects.create(
            name=f"Winkel {n}",
            target_type=TargetType.SHOP,
            address=f"Straat {n}",
            lon=5.1,
            lat=52.1,
            rd_x=150_000,
            rd_y=450_000,
            municipality=town,
        )  # fmt: skip
        for n in range(4)
    ]
    rng = random.Random(20250815)
    first = dt.date(2023, 1, 1)
    for _ in range(240):
        municipality = rng.choice([town, town, town, neighbour, elsewhere])
        target = rng.choice([TargetType.SHOP, TargetType.SNACK_BAR, TargetType.HOME])
        RobberyFactory(
            municipality=municipality,
            district=rng.choice([north, south, None]) if municipality == town else None,
            date=first + dt.timedelta(days=rng.randrange(3 * 365)),
            kind=IncidentKind.ROBBERY if rng.random() < 0.9 else IncidentKind.STREET_ROBBERY,
            target_type=target,
            attempt=rng.random() < 0.25,
            solved=rng.random() < 0.4,
            business=rng.choice([None, *shops]) if target == TargetType.SHOP else None,
        )
    approach = Approach.objects.create(
        municipality=town, name="Aanpak", kind="specific", started=dt.date(2024, 1, 1)
    )
    return {"approach": approach, "north": north, "town": town}


def _goal(register, **fields) -> Goal:
    values = {
        "title": "Minder overvallen",
        "metric": "count",
        "period": "quarter",
        "area": "municipality",
        "baseline_start": dt.date(2023, 5, 17),
        "target": 5,
        "deadline": dt.date(2026, 12, 31),
    }
    values.update(fields)
    if values["area"] == "district":
        values["district"] = register["north"]
    return Goal.objects.create(approach=register["approach"], **values)


GOALS = [
    {},
    {"period": "half_year"},
    {"period": "year", "baseline_start": dt.date(2023, 12, 31)},
    {"target_types": ["shop", "home"]},
    {"include_attempts": False},
    {"area": "district", "target_types": ["snack_bar"]},
    {"area": "police_unit", "period": "half_year"},
    {"metric": "solved_percent", "target": 60},
    {"metric": "solved_percent", "area": "district", "include_attempts": False, "target": 60},
    {"metric": "repeat_targets", "period": "year", "target": 0},
    {"metric": "repeat_targets", "target_types": ["shop"], "include_attempts": False},
]


@pytest.mark.parametrize("fields", GOALS, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()))
def test_goal_values_equal_a_brute_force_count(register, fields):
    goal = _goal(register, **fields)
    expected = brute.series(goal, TODAY)

    values = metrics.goal_values(goal, TODAY)

    assert [(p.start, p.value, p.complete) for p in values.series] == expected
    assert any(value for _start, value, _complete in expected)  # the data is not trivial
    assert values.baseline.start == brute.containing(goal.baseline_start, goal.period)
    complete = [start for start, _v, done in expected if done]
    assert values.current.start == complete[-1]
    assert values.running.start == brute.containing(TODAY, goal.period)
    assert values.running.complete is False
    for period in values.series:
        assert period.end == brute.following(period.start, goal.period) - dt.timedelta(days=1)


def test_the_filters_each_change_the_count(register):
    """A guard on the fixture: every filter the goals use actually excludes something."""
    whole = sum(v for _s, v, _c in brute.series(_goal(register), TODAY))
    for fields in ({"include_attempts": False}, {"area": "district"}, {"target_types": ["shop"]}):
        assert sum(v for _s, v, _c in brute.series(_goal(register, **fields), TODAY)) < whole
    assert sum(v for _s, v, _c in brute.series(_goal(register, area="police_unit"), TODAY)) > whole


def test_street_robberies_are_never_counted(register):
    goal = _goal(register, period="year", baseline_start=dt.date(2020, 1, 1))
    before = metrics.goal_values(goal, TODAY)
    RobberyFactory(
        municipality=register["town"], date=dt.date(2024, 3, 3), kind=IncidentKind.STREET_ROBBERY
    )
    after = metrics.goal_values(goal, TODAY)
    assert [p.value for p in after.series] == [p.value for p in before.series]


def test_current_progress_and_achievement(register):
    goal = _goal(register, period="year", baseline_start=dt.date(2023, 1, 1))
    values = metrics.goal_values(goal, TODAY)
    baseline, current = values.series[0].value, values.series[1].value
    assert values.current.label == "2024"
    assert values.running.label == "2025"
    assert values.change == current - baseline
    span = goal.target - baseline
    assert values.progress == pytest.approx(max(0, min(1, (current - baseline) / span)))
    assert values.achieved is (current <= goal.target)


def test_before_the_baseline_period_ends_there_is_no_current_value(register):
    goal = _goal(register, baseline_start=dt.date(2025, 7, 1))
    values = metrics.goal_values(goal, TODAY)
    assert values.current is None
    assert values.progress is None and values.achieved is None
    assert values.running == values.baseline
    assert len(values.series) == 1


def test_one_query_per_goal(register, django_assert_num_queries):
    goal = _goal(register, metric="repeat_targets")
    with django_assert_num_queries(1):
        metrics.goal_values(goal, TODAY)


@given(day=days, period=st.sampled_from(PERIODS))
def test_every_day_lies_in_its_period(day, period):
    start = metrics.period_start(day, period)
    assert start <= day < metrics.next_start(start, period)
    assert start == brute.containing(day, period)


@given(day=days, period=st.sampled_from(PERIODS))
def test_periods_follow_each_other_without_gaps(day, period):
    start = metrics.period_start(day, period)
    following = metrics.next_start(start, period)
    assert following == brute.following(start, period)
    assert metrics.period_start(following, period) == following
    assert metrics.period_start(following - dt.timedelta(days=1), period) == start
    assert metrics.period_start(start, period) == start


@given(day=days, period=st.sampled_from(PERIODS))
def test_a_label_names_one_period(day, period):
    start = metrics.period_start(day, period)
    label = metrics.period_label(start, period)
    assert label.startswith(str(start.year))
    assert metrics.period_label(metrics.next_start(start, period), period) != label
