"""The generator builds the effect of measures into the robberies: fewer in the area from the
start, the rest of the region as it would have been, and displacement where asked for."""

import dataclasses
import datetime as dt

import numpy as np
import pytest
import shapely

from overvalregie.demo.generator import DemoParameters, MeasureEffect, generate

CENTRE = "KVO Binnenstad Voorbeeldstad"
START = dt.date(2024, 11, 1)


@pytest.fixture(scope="module")
def untreated():
    return generate(DemoParameters(measure_effects=()))


def _centre(town):
    return next(f.shape for f in town.focus_areas if f.name == CENTRE)


def _inside(town, shape, after: bool):
    return [
        r
        for r in town.robberies
        if shapely.contains_xy(shape, r.x, r.y) and (r.date >= START) == after
    ]


def test_the_default_effects_are_the_demos_deployments():
    effects = DemoParameters().measure_effects
    assert [(e.area, e.multiplier) for e in effects] == [(CENTRE, 0.3), ("West", 1.0)]


def test_the_centre_loses_most_robberies_after_the_start_and_none_before(town, untreated):
    centre = _centre(town)
    before = _inside(town, centre, after=False)
    assert len(before) == len(_inside(untreated, centre, after=False))
    after, would_have = _inside(town, centre, after=True), _inside(untreated, centre, after=True)
    # 70 % prevented; with these few robberies, between a half and nine in ten.
    assert 0.1 <= len(after) / len(would_have) <= 0.5


def test_robberies_no_measure_touched_stay_where_and_when_they_were(town, untreated):
    """Every robbery of the treated region is one of the untreated region: a measure only
    takes robberies away (those prevented and what they would have set off)."""
    treated = {(r.date, r.x, r.y) for r in town.robberies}
    untouched = {(r.date, r.x, r.y) for r in untreated.robberies}
    assert treated <= untouched
    removed = untouched - treated
    centre = _centre(town)
    inside_after = [
        key for key in removed if key[0] >= START and shapely.contains_xy(centre, key[1], key[2])
    ]
    # Most of what went missing was in the centre after the start (the rest: their offspring).
    assert len(inside_after) >= 0.6 * len(removed)
    assert all(key[0] >= START for key in removed)


def test_a_measure_without_effect_changes_nothing(town, untreated):
    west = next(d for d in town.districts if d.name == "West" and d.municipality_code == "GM9999")
    assert {(r.date, r.x, r.y) for r in _inside(town, west.shape, after=True)} == {
        (r.date, r.x, r.y) for r in _inside(untreated, west.shape, after=True)
    }


def test_offspring_keep_a_parent_that_exists(town):
    for r in town.robberies:
        if r.parent_index is not None:
            parent = town.robberies[r.parent_index]
            assert parent.day <= r.day
            if r.trigger == "repeat":
                assert parent.target_key == r.target_key


def test_displaced_robberies_land_in_the_ring_around_the_area():
    effect = MeasureEffect("x", CENTRE, dt.date(2023, 11, 1), 0.2, displaced=1.0, buffer_m=500)
    town = generate(DemoParameters(measure_effects=(effect,)))
    centre = _centre(town)
    ring = shapely.difference(centre.buffer(500), centre)
    moved = [r for r in town.robberies if r.trigger == "displaced"]
    assert len(moved) >= 10
    assert all(r.date >= effect.start for r in moved)
    xy = np.array([(r.x, r.y) for r in moved])
    assert shapely.contains_xy(ring.buffer(1), xy[:, 0], xy[:, 1]).all()


def test_an_unknown_area_is_named():
    effect = MeasureEffect("x", "Nergenshuizen", START, 0.5)
    with pytest.raises(ValueError, match="Nergenshuizen"):
        generate(DemoParameters(measure_effects=(effect,)))


def test_effects_travel_as_json():
    parameters = DemoParameters()
    again = DemoParameters.from_json(parameters.to_json())
    assert again == parameters
    assert isinstance(again.measure_effects[0], MeasureEffect)
    assert again.measure_effects[0].start == START
    assert dataclasses.asdict(again) == dataclasses.asdict(parameters)
